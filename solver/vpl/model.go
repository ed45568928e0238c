package vpl

import (
	"fmt"
	"math"

	"github.com/kinsolve/kinsolve/solver/grid"
	"github.com/kinsolve/kinsolve/solver/kinetic"
	"github.com/kinsolve/kinsolve/solver/problem"
	"github.com/kinsolve/kinsolve/solver/sim"
	"github.com/kinsolve/kinsolve/solver/vlasov"
)

// Collision is a collision operator Q acting on batches of velocity blocks: EvalBatch sets
// q_k = Q(f_k) for the cells consecutive blocks of f, each of length Nv in the block layout of
// grid.Grid. It must conserve mass, momentum and energy and have local Maxwellians as
// equilibria. *landau.Operator and the Landau evaluators of package backend (Go or CUDA)
// satisfy it; the error reports a hardware fault or a size mismatch.
type Collision interface {
	EvalBatch(q, f []float64, cells int) error
}

// BytesPerCell is the memory a VPL run takes per phase-space cell at its peak: f, the
// transport's work array, f^n, Q(f^n), h and Q(M) (8 bytes each), a snapshot's copy and its
// encoding.
const BytesPerCell = 72

// Scheme selects the time integration of the collision term.
type Scheme int

const (
	// IMEX is the penalised implicit–explicit step (see the package documentation): stable with
	// the transport step for every ε.
	IMEX Scheme = iota
	// Explicit is forward Euler on (1/ε)Q: its step is bounded by ε/λ_max.
	Explicit
	// IMEX2 is the second-order penalised semi-Lagrangian IMEX-BDF2 step (see the package
	// documentation): stable with the transport step for every ε, second order in time both
	// at fixed ε and in the fluid limit.
	IMEX2
)

// ParseScheme returns the scheme named "imex", "imex2" or "explicit".
func ParseScheme(s string) (Scheme, error) {
	switch s {
	case "imex", "":
		return IMEX, nil
	case "imex2":
		return IMEX2, nil
	case "explicit":
		return Explicit, nil
	}
	return 0, fmt.Errorf("vpl: collision.scheme = %q out of range: must be \"imex\", \"imex2\" "+
		"or \"explicit\"", s)
}

// String returns "imex", "imex2" or "explicit".
func (s Scheme) String() string {
	switch s {
	case Explicit:
		return "explicit"
	case IMEX2:
		return "imex2"
	}
	return "imex"
}

// Settings are the parameters of a VPL run.
type Settings struct {
	// Eps is the Knudsen number ε > 0: the collision term is (1/ε)Q.
	Eps float64
	// Scheme is the collision time integration.
	Scheme Scheme
	// Dt is the transport step; 0 takes kinetic.TransportStep(g, CFL). The explicit scheme
	// takes the smaller of it and its collision bound.
	Dt float64
	// CFL sets the transport step when Dt is 0 (default 1).
	CFL float64
	// CollisionCFL scales the explicit scheme's collision bound, dt ≤ CollisionCFL·ε/λ_max
	// (0 means 1; forward Euler is unstable beyond 2).
	CollisionCFL float64
	// Beta is the penalty strength β of the IMEX scheme; 0 takes the spectral radius λ_max of
	// the linearised operator at the initial state (twice the stability minimum λ_max/2).
	Beta float64
	// Degree is the interpolation degree of the transport shifts (0: advect.DefaultDegree).
	Degree int
	// Advection runs the shifts (a GPU backend's, say); nil selects Go shifts of degree Degree.
	Advection vlasov.Advection
	// Raw uses Q(f) as it is. By default the collision term is Q(f) − Q(M[f]) with M[f] the
	// discrete Maxwellian of f (residual-equilibrium form): the same moments are conserved,
	// and discrete Maxwellians become exact equilibria, which a discretised Q keeps only to
	// its truncation error.
	Raw bool
}

// Model is the Vlasov–Poisson–Landau system (or, with another Collision, any
// Vlasov–Poisson–collision system) on a grid.Grid. It implements sim.Simulation and
// sim.MomentReporter.
type Model struct {
	tr     *vlasov.Transport
	op     Collision
	mx     *Maxwellian
	eps    float64
	scheme Scheme
	beta   float64
	lmax   float64
	dtT    float64 // transport step
	dt     float64 // step used
	t      float64
	raw    bool

	fn, q, h, mstar, qm []float64

	// IMEX2 history: f of the previous step, the explicit term at A (scratch), the step length
	// (0: none yet, the next step is the first-order start) and a scratch transport.
	fPrev, xPrev []float64
	dtPrev       float64
	aux          *vlasov.Transport
}

// New returns the model owning f (a distribution on g) with collision operator op.
func New(g *grid.Grid, f []float64, op Collision, s Settings) (*Model, error) {
	switch {
	case !(s.Eps > 0) || math.IsInf(s.Eps, 0):
		return nil, fmt.Errorf("vpl: collision.eps = %v out of range: must be finite and > 0", s.Eps)
	case s.Scheme != IMEX && s.Scheme != Explicit && s.Scheme != IMEX2:
		return nil, fmt.Errorf("vpl: collision.scheme = %d out of range: must be IMEX, IMEX2 "+
			"or Explicit", int(s.Scheme))
	case !(s.Dt >= 0) || math.IsInf(s.Dt, 0):
		return nil, fmt.Errorf("vpl: time.dt = %v out of range: must be finite and >= 0", s.Dt)
	case !(s.Beta >= 0) || math.IsInf(s.Beta, 0):
		return nil, fmt.Errorf("vpl: collision.beta = %v out of range: must be finite and >= 0", s.Beta)
	case !(s.CollisionCFL >= 0) || math.IsInf(s.CollisionCFL, 0):
		return nil, fmt.Errorf("vpl: collision.cfl = %v out of range: must be finite and >= 0",
			s.CollisionCFL)
	case op == nil:
		return nil, fmt.Errorf("vpl: no collision operator")
	}
	if err := grid.CheckMemory(g, BytesPerCell); err != nil {
		return nil, err
	}
	dtT := s.Dt
	if dtT == 0 {
		cfl := s.CFL
		if cfl == 0 {
			cfl = 1
		}
		var err error
		if dtT, err = kinetic.TransportStep(g, cfl); err != nil {
			return nil, fmt.Errorf("vpl: %w", err)
		}
	}
	tr, err := vlasov.NewTransport(g, f, s.Degree, s.Advection)
	if err != nil {
		return nil, err
	}
	n := len(f)
	m := &Model{tr: tr, op: op, mx: NewMaxwellian(g), eps: s.Eps, scheme: s.Scheme, dtT: dtT,
		fn: make([]float64, n), q: make([]float64, n), h: make([]float64, n),
		mstar: make([]float64, g.Nv()), qm: make([]float64, n), raw: s.Raw}
	if m.lmax, err = SpectralRadius(op, g, f); err != nil {
		return nil, err
	}
	m.beta = s.Beta
	if m.beta == 0 {
		m.beta = m.lmax
	}
	m.dt = dtT
	if s.Scheme == IMEX2 {
		m.fPrev, m.xPrev = make([]float64, n), make([]float64, n)
		if m.aux, err = vlasov.NewTransport(g, make([]float64, n), s.Degree, s.Advection); err != nil {
			return nil, err
		}
	}
	if s.Scheme == Explicit && m.lmax > 0 {
		c := s.CollisionCFL
		if c == 0 {
			c = 1
		}
		m.dt = min(dtT, c*ExplicitStep(s.Eps, m.lmax))
	}
	return m, nil
}

// NewFromProblem samples p on g and returns the model started from it.
func NewFromProblem(g *grid.Grid, p problem.Problem, op Collision, s Settings) (*Model, error) {
	f, err := p.Sample(g)
	if err != nil {
		return nil, err
	}
	return New(g, f, op, s)
}

// ExplicitStep returns the forward-Euler bound ε/λ_max used by the explicit scheme: half the
// limit 2ε/λ_max for a real negative spectrum, the margin covering the growth of λ_max as the
// state evolves and the non-normality of the discrete operator.
func ExplicitStep(eps, lmax float64) float64 { return eps / lmax }

// SpectralRadius estimates max over the x cells of the spectral radius of the Jacobian of op
// at the velocity blocks of f, by 40 power iterations with the Jacobian–vector product
// (Q(f + δg) − Q(f − δg))/(2δ), exact for a bilinear Q such as Landau's.
func SpectralRadius(op Collision, g *grid.Grid, f []float64) (float64, error) {
	nv := g.Nv()
	v := make([]float64, nv)
	w := make([]float64, nv)
	fp := make([]float64, nv)
	qp := make([]float64, nv)
	qm := make([]float64, nv)
	var best float64
	for ix := 0; ix < g.X.N; ix++ {
		b := g.Block(f, ix)
		var fn float64
		for k, x := range b {
			fn = max(fn, math.Abs(x))
			// A rough start with all scales present: f modulated by a checkerboard plus a ramp.
			v[k] = x * (float64(k%2)*2 - 1 + float64(k)/float64(nv))
		}
		if fn == 0 {
			continue
		}
		var lam float64
		for it := 0; it < 40; it++ {
			var vn float64
			for _, x := range v {
				vn = max(vn, math.Abs(x))
			}
			if vn == 0 {
				break
			}
			delta := 1e-6 * fn / vn
			for k := range fp {
				fp[k] = b[k] + delta*v[k]
			}
			if err := op.EvalBatch(qp, fp, 1); err != nil {
				return 0, err
			}
			for k := range fp {
				fp[k] = b[k] - delta*v[k]
			}
			if err := op.EvalBatch(qm, fp, 1); err != nil {
				return 0, err
			}
			var num, den float64
			for k := range w {
				w[k] = (qp[k] - qm[k]) / (2 * delta)
				num += w[k] * w[k]
				den += v[k] * v[k]
			}
			lam = math.Sqrt(num / den)
			copy(v, w)
		}
		best = max(best, lam)
	}
	return best, nil
}

// Transport returns the underlying transport (state f, field E and grid).
func (m *Model) Transport() *vlasov.Transport { return m.tr }

// Dt returns the step the scheme uses.
func (m *Model) Dt() float64 { return m.dt }

// TransportDt returns the step set by the transport alone.
func (m *Model) TransportDt() float64 { return m.dtT }

// Beta returns the penalty strength β of the IMEX scheme.
func (m *Model) Beta() float64 { return m.beta }

// LambdaMax returns the estimated spectral radius of the linearised collision operator at the
// initial state (per unit 1/ε).
func (m *Model) LambdaMax() float64 { return m.lmax }

// Time returns the simulation time.
func (m *Model) Time() float64 { return m.t }

// Step advances by one time step.
func (m *Model) Step() (float64, error) { return m.StepUntil(math.Inf(1)) }

// StepUntil advances by one time step, shortened so as not to pass tEnd.
func (m *Model) StepUntil(tEnd float64) (float64, error) {
	dt := min(m.dt, tEnd-m.t)
	if !(dt > 0) {
		return 0, &sim.StepError{Status: sim.Failed, Time: m.t,
			Reason: fmt.Sprintf("vpl: no step left before t = %v", tEnd)}
	}
	if m.scheme == IMEX2 {
		return m.stepBDF2(dt)
	}
	g := m.tr.G
	nv := g.Nv()
	copy(m.fn, m.tr.F)
	// Collision term of f^n, all cells in one batch; then, unless the raw explicit scheme runs,
	// the discrete Maxwellians M[f^n] (in h), the residual-equilibrium correction
	// q ← Q(f^n) − Q(M[f^n]) and the deviation h ← f^n − M[f^n].
	if err := m.op.EvalBatch(m.q, m.fn, g.X.N); err != nil {
		return 0, m.fail(sim.Failed, err)
	}
	if !(m.scheme == Explicit && m.raw) {
		for ix := 0; ix < g.X.N; ix++ {
			if _, _, _, err := m.mx.Project(g.Block(m.h, ix), g.Block(m.fn, ix)); err != nil {
				return 0, m.fail(sim.Failed, fmt.Errorf("x = %.4g: %w", g.X.Node(ix), err))
			}
		}
		if !m.raw {
			if err := m.op.EvalBatch(m.qm, m.h, g.X.N); err != nil {
				return 0, m.fail(sim.Failed, err)
			}
			for k := range m.q {
				m.q[k] -= m.qm[k]
			}
		}
		for k := range m.h {
			m.h[k] = m.fn[k] - m.h[k]
		}
	}
	if err := m.tr.Strang(dt); err != nil {
		return 0, m.fail(sim.Failed, err)
	}
	a := dt / m.eps
	switch m.scheme {
	case Explicit:
		for k := range m.tr.F {
			m.tr.F[k] += a * m.q[k]
		}
	case IMEX:
		ab := a * m.beta
		inv := 1 / (1 + ab)
		for ix := 0; ix < g.X.N; ix++ {
			b := g.Block(m.tr.F, ix)
			if _, _, _, err := m.mx.Project(m.mstar, b); err != nil {
				return 0, m.fail(sim.Failed, fmt.Errorf("x = %.4g: %w", g.X.Node(ix), err))
			}
			q, h := m.q[ix*nv:(ix+1)*nv], m.h[ix*nv:(ix+1)*nv]
			for k := range b {
				b[k] = (b[k] + a*(q[k]+m.beta*h[k]) + ab*m.mstar[k]) * inv
			}
		}
	}
	// The collision step leaves ρ, hence E, unchanged up to round-off; refresh it anyway.
	m.tr.SolvePoisson()
	if err := kinetic.CheckFinite(g, m.tr.F); err != nil {
		return 0, m.fail(sim.NonFinite, err)
	}
	m.t += dt
	return dt, nil
}

func (m *Model) fail(s sim.Status, err error) error {
	copy(m.tr.F, m.fn)
	m.tr.SolvePoisson()
	return &sim.StepError{Status: s, Time: m.t, Reason: "vpl: " + err.Error()}
}

// Columns names the diagnostics (see package kinetic).
func (m *Model) Columns() []string { return kinetic.Columns() }

// Diagnose returns the diagnostics of the current state.
func (m *Model) Diagnose() []float64 { return kinetic.Diagnose(m.t, m.tr) }

// Fields returns f and E.
func (m *Model) Fields() []sim.Field { return m.tr.Fields() }

// Moments returns the density, momentum and energy densities at the x nodes.
func (m *Model) Moments() sim.Moments { return vlasov.Moments(m.tr.G, m.tr.F) }
