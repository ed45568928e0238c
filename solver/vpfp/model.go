package vpfp

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/kinsolve/kinsolve/solver/grid"
	"github.com/kinsolve/kinsolve/solver/kinetic"
	"github.com/kinsolve/kinsolve/solver/problem"
	"github.com/kinsolve/kinsolve/solver/sim"
	"github.com/kinsolve/kinsolve/solver/vlasov"
)

// Settings are the parameters of a VPFP run.
type Settings struct {
	// Nu is the collision frequency ν ≥ 0 (in plasma frequencies).
	Nu float64
	// Dt is the time step; 0 takes kinetic.TransportStep(g, CFL).
	Dt float64
	// CFL sets the step when Dt is 0 (default 1).
	CFL float64
	// Degree is the interpolation degree of the transport shifts (0: advect.DefaultDegree).
	Degree int
	// Advection runs the shifts (a GPU backend's, say); nil selects Go shifts of degree Degree.
	Advection vlasov.Advection
}

// BytesPerCell is the memory a VPFP run takes per phase-space cell at its peak: f, the
// transport's work array and the saved state (8 bytes each), a snapshot's copy and its
// encoding.
const BytesPerCell = 48

// Model is the Vlasov–Poisson–Fokker–Planck system on a grid.Grid. It implements
// sim.Simulation, sim.MomentReporter and sim.Measurer.
type Model struct {
	tr   *vlasov.Transport
	ops  []*Dougherty
	nu   float64
	dt   float64
	t    float64
	save []float64
}

// New returns the model owning f (a distribution on g).
func New(g *grid.Grid, f []float64, s Settings) (*Model, error) {
	if !(s.Nu >= 0) || math.IsInf(s.Nu, 0) {
		return nil, fmt.Errorf("vpfp: collision.nu = %v out of range: must be finite and >= 0", s.Nu)
	}
	if !(s.Dt >= 0) || math.IsInf(s.Dt, 0) {
		return nil, fmt.Errorf("vpfp: time.dt = %v out of range: must be finite and >= 0", s.Dt)
	}
	dt := s.Dt
	if dt == 0 {
		cfl := s.CFL
		if cfl == 0 {
			cfl = 1
		}
		var err error
		if dt, err = kinetic.TransportStep(g, cfl); err != nil {
			return nil, fmt.Errorf("vpfp: %w", err)
		}
	}
	if err := grid.CheckMemory(g, BytesPerCell); err != nil {
		return nil, err
	}
	tr, err := vlasov.NewTransport(g, f, s.Degree, s.Advection)
	if err != nil {
		return nil, err
	}
	m := &Model{tr: tr, nu: s.Nu, dt: dt, save: make([]float64, len(f))}
	for w := 0; w < min(runtime.GOMAXPROCS(0), g.X.N); w++ {
		op, err := NewDougherty(g, s.Nu)
		if err != nil {
			return nil, err
		}
		m.ops = append(m.ops, op)
	}
	return m, nil
}

// NewFromProblem samples p on g and returns the model started from it.
func NewFromProblem(g *grid.Grid, p problem.Problem, s Settings) (*Model, error) {
	f, err := p.Sample(g)
	if err != nil {
		return nil, err
	}
	return New(g, f, s)
}

// Transport returns the underlying transport (state f, field E and grid).
func (m *Model) Transport() *vlasov.Transport { return m.tr }

// Dt returns the time step.
func (m *Model) Dt() float64 { return m.dt }

// Time returns the simulation time.
func (m *Model) Time() float64 { return m.t }

// Step advances by one time step.
func (m *Model) Step() (float64, error) { return m.StepUntil(math.Inf(1)) }

// StepUntil advances by one time step, shortened so as not to pass tEnd. The step is the
// Strang splitting X(dt/2) [V(dt/2) C(dt) V(dt/2)] X(dt/2) of free streaming X, acceleration V
// and the implicit collision step C; V and C act at fixed x and leave ρ and so E unchanged.
func (m *Model) StepUntil(tEnd float64) (float64, error) {
	dt := min(m.dt, tEnd-m.t)
	if !(dt > 0) {
		return 0, &sim.StepError{Status: sim.Failed, Time: m.t,
			Reason: fmt.Sprintf("vpfp: no step left before t = %v", tEnd)}
	}
	copy(m.save, m.tr.F)
	for _, stage := range []func() error{
		func() error { return m.tr.AdvectX(dt / 2) },
		func() error { return m.tr.AdvectV(dt / 2) },
		func() error { return m.collide(dt) },
		func() error { return m.tr.AdvectV(dt / 2) },
		func() error { return m.tr.AdvectX(dt / 2) },
	} {
		if err := stage(); err != nil {
			return 0, m.fail(sim.Failed, err)
		}
	}
	if err := kinetic.CheckFinite(m.tr.G, m.tr.F); err != nil {
		return 0, m.fail(sim.NonFinite, err)
	}
	m.t += dt
	return dt, nil
}

func (m *Model) fail(s sim.Status, err error) error {
	copy(m.tr.F, m.save)
	m.tr.SolvePoisson()
	return &sim.StepError{Status: s, Time: m.t, Reason: err.Error()}
}

// collide applies the implicit Dougherty step to every velocity block, cells shared among
// the workers.
func (m *Model) collide(dt float64) error {
	if m.nu == 0 {
		return nil
	}
	g := m.tr.G
	errs := make([]error, len(m.ops))
	var wg sync.WaitGroup
	for w, op := range m.ops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ix := w; ix < g.X.N; ix += len(m.ops) {
				if err := op.Step(g.Block(m.tr.F, ix), dt); err != nil {
					errs[w] = fmt.Errorf("x = %.4g: %w", g.X.Node(ix), err)
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Columns names the diagnostics (see package kinetic).
func (m *Model) Columns() []string { return kinetic.Columns() }

// Diagnose returns the diagnostics of the current state.
func (m *Model) Diagnose() []float64 { return kinetic.Diagnose(m.t, m.tr) }

// Fields returns f and E.
func (m *Model) Fields() []sim.Field { return m.tr.Fields() }

// Moments returns the density, momentum and energy densities at the x nodes.
func (m *Model) Moments() sim.Moments { return vlasov.Moments(m.tr.G, m.tr.F) }

// Measure fits the damping rate and frequency of the field from the field-energy maxima over
// the whole run (vlasov.DampingRate), reported as "gamma" and "omega".
func (m *Model) Measure(h *sim.History) (map[string]any, error) {
	t, fe := h.Column("t"), h.Column("field_energy")
	if t == nil || fe == nil {
		return nil, fmt.Errorf("vpfp: history lacks t or field_energy")
	}
	fit, err := vlasov.DampingRate(t, fe, 0, math.Inf(1))
	if err != nil {
		return nil, err
	}
	return map[string]any{"gamma": fit.Gamma, "omega": fit.Omega}, nil
}
