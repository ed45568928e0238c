package vlasov

import (
	"fmt"
	"math"

	"github.com/kinsolve/kinsolve/solver/grid"
	"github.com/kinsolve/kinsolve/solver/sim"
)

// BytesPerCell is the memory a collisionless run takes per phase-space cell at its peak: the
// distribution and the advection's work array (8 bytes each), a snapshot copy of f and its
// encoded .npy bytes, and room for the encoder's buffer to grow.
const BytesPerCell = 40

// Config is everything the collisionless model needs besides its grid.
type Config struct {
	Init Init
	// Degree is the Lagrange interpolation degree of the shifts (odd, 1 to advect.MaxDegree;
	// 0 selects advect.DefaultDegree).
	Degree int
	// Dt fixes the time step when > 0; otherwise StepSize's rule applies with CFL.
	Dt  float64
	CFL float64
	// TEnd is the final time: the last step is shortened to land on it exactly.
	TEnd float64
	// Fit chooses how Measure extracts rates from the field energy.
	Fit FitWindow
	// Advection runs the shifts (a GPU backend's, say); nil selects Go shifts of degree Degree.
	Advection Advection
}

// MaxStepPlasmaPeriods caps the time step at this fraction of the plasma period 2π/ω_p, so
// that Langmuir oscillations are followed with ten steps per period at least.
const MaxStepPlasmaPeriods = 0.1

// StepSize returns the time step of the CFL rule
//
//	dt = min( cfl · h_x / V,  0.1 · 2π/ω_p ),    ω_p = √(mean density),
//
// with h_x the spatial cell and V the velocity box half-width, the fastest speed on the grid.
// The semi-Lagrangian shifts are stable for any dt, so the rule is about accuracy: cfl is the
// number of cells the fastest particles cross per step, and the cap resolves the plasma
// period (the splitting error of the frequency is O((ω_p dt)²)).
func StepSize(g *grid.Grid, cfl, density float64) float64 {
	dt := cfl * g.X.H / (-g.Vx.Min)
	return math.Min(dt, MaxStepPlasmaPeriods*2*math.Pi/math.Sqrt(density))
}

// Model is collisionless Vlasov–Poisson as a sim.Simulation: a Transport advanced by Strang
// steps of fixed size, with the diagnostics of DiagnosticColumns.
type Model struct {
	*Transport
	cfg    Config
	t, dt  float64
	steps  int
	theory complex128
	thErr  error
	roots  []complex128 // every root of ε(ω, k) = 0 found, least damped first
	xs     []float64
	vx, vy []float64
}

// checkWavelengths requires the period L to hold a whole number m = kL/(2π) of wavelengths
// of the perturbation cos(kx), 1 ≤ m ≤ nx/2: otherwise f0 jumps at the periodic boundary,
// and above nx/2 the grid cannot represent the mode (fewer than two cells per wavelength).
// "Whole" allows a relative rounding of 10⁻⁹, enough for a length typed to ten digits.
func checkWavelengths(g *grid.Grid, k float64) error {
	l := float64(g.X.N) * g.X.H
	m := k * l / (2 * math.Pi)
	mMax := g.X.N / 2
	whole := math.Round(m)
	if whole >= 1 && whole <= float64(mMax) && math.Abs(m-whole) <= 1e-9*whole {
		return nil
	}
	if m < 0.5 || math.Abs(m-whole) > 1e-9*math.Max(whole, 1) {
		return fmt.Errorf("grid.length = %g out of range for init.k = %g: k·L/(2π) = %.6g "+
			"must be a whole number m of wavelengths, 1 ≤ m ≤ grid.nx/2 = %d: allowed "+
			"grid.length = m·2π/k = %.6g, %.6g, … (or 0 for one wavelength)", l, k, m, mMax,
			2*math.Pi/k, 4*math.Pi/k)
	}
	return fmt.Errorf("init.k = %g out of range for grid.length = %g and grid.nx = %d: "+
		"k·L/(2π) = %.6g wavelengths need more than grid.nx/2 = %d cells' worth: allowed "+
		"init.k = m·2π/L with 1 ≤ m ≤ %d (at most %.6g), or grid.nx ≥ %d", k, l, g.X.N, m, mMax,
		mMax, 2*math.Pi*float64(mMax)/l, 2*int(whole))
}

// checkVelocityCells requires the velocity cell width h_v = 2V/nv to resolve the narrowest
// thermal speed of the initial profile, h_v ≤ min v_t (the passive v_y of 1X2V has v_t = 1),
// so that every beam is sampled by a few nodes across its width.
func checkVelocityCells(g *grid.Grid, beams []Beam) error {
	vt := 1.0
	for _, b := range beams {
		vt = math.Min(vt, b.Vt)
	}
	if g.Vx.H <= vt*(1+1e-12) {
		return nil
	}
	vmax := -g.Vx.Min
	least := int(math.Ceil(2*vmax/vt - 1e-9))
	return fmt.Errorf("grid.nv = %d out of range: the velocity cell 2·grid.vmax/grid.nv = %.3g "+
		"must not exceed the narrowest thermal speed %g of the initial profile: allowed "+
		"grid.nv ≥ %d for grid.vmax = %g", g.Vx.N, g.Vx.H, vt, least, vmax)
}

// New sets up the initial condition of cfg on g. It returns an error naming the deck key and
// the allowed range for bad parameters, including a period that is not a whole number of
// wavelengths, a velocity box that cuts the initial distribution (see EdgeTolerance) and
// velocity cells wider than the narrowest thermal speed.
func New(g *grid.Grid, cfg Config) (*Model, error) {
	if err := cfg.Init.Validate(); err != nil {
		return nil, err
	}
	switch {
	case !(cfg.TEnd > 0) || math.IsInf(cfg.TEnd, 0):
		return nil, fmt.Errorf("time.t_end = %v out of range: must be finite and > 0", cfg.TEnd)
	case cfg.Dt < 0 || math.IsNaN(cfg.Dt) || math.IsInf(cfg.Dt, 0):
		return nil, fmt.Errorf("time.dt = %v out of range: must be finite and > 0 (or 0 for the CFL rule)", cfg.Dt)
	case cfg.Dt == 0 && (!(cfg.CFL > 0) || math.IsInf(cfg.CFL, 0)):
		return nil, fmt.Errorf("time.cfl = %v out of range: must be finite and > 0", cfg.CFL)
	}
	if err := cfg.Fit.validate(); err != nil {
		return nil, err
	}
	if err := checkWavelengths(g, cfg.Init.K); err != nil {
		return nil, err
	}
	beams := cfg.Init.Beams()
	vmax := -g.Vx.Min
	least := MinVelocityBox(beams, g.VDim)
	if vmax < least {
		return nil, fmt.Errorf("grid.vmax = %g cuts the initial distribution (f at the box edge "+
			"above %g of its peak): allowed grid.vmax ≥ %g", vmax, EdgeTolerance, least)
	}
	if err := checkVelocityCells(g, beams); err != nil {
		return nil, err
	}
	if err := grid.CheckMemory(g, BytesPerCell); err != nil {
		return nil, err
	}
	f := g.NewField()
	k, a := cfg.Init.K, cfg.Init.Alpha
	gv := make([]float64, g.Vx.N)
	for i := range gv {
		gv[i] = velocityProfile(beams, g.Vx.Node(i))
	}
	mv := make([]float64, g.Vy.N)
	for j := range mv {
		mv[j] = 1
		if g.VDim == 2 {
			y := g.Vy.Node(j)
			mv[j] = math.Exp(-y*y/2) / math.Sqrt(2*math.Pi)
		}
	}
	for ix := 0; ix < g.X.N; ix++ {
		px := 1 + a*math.Cos(k*g.X.Node(ix))
		for i, gi := range gv {
			for j, mj := range mv {
				f[g.Index(ix, i, j)] = px * gi * mj
			}
		}
	}
	tr, err := NewTransport(g, f, cfg.Degree, cfg.Advection)
	if err != nil {
		return nil, err
	}
	var density float64
	for _, b := range beams {
		density += b.N
	}
	m := &Model{Transport: tr, cfg: cfg, xs: g.X.Nodes(), vx: g.Vx.Nodes(), vy: g.Vy.Nodes()}
	m.dt = cfg.Dt
	if m.dt == 0 {
		m.dt = StepSize(g, cfg.CFL, density)
	}
	m.theory, m.thErr = LeastDampedRoot(beams, k)
	if m.thErr == nil {
		m.roots = DispersionRoots(beams, k)
	}
	return m, nil
}

// Config returns the model's configuration.
func (m *Model) Config() Config { return m.cfg }

// Time returns the current time, in 1/ω_p.
func (m *Model) Time() float64 { return m.t }

// StepSize returns the fixed time step of the run.
func (m *Model) StepSize() float64 { return m.dt }

// Steps returns the number of steps taken.
func (m *Model) Steps() int { return m.steps }

// Theory returns the root ω of the linear dispersion relation of the initial velocity profile
// at the perturbation's wavenumber with the largest imaginary part (the least damped or
// fastest growing mode), or the error of its search.
func (m *Model) Theory() (complex128, error) { return m.theory, m.thErr }

// RecurrenceTime returns 2π/(k h_v), the time after which free streaming on the velocity grid
// rebuilds the initial perturbation and linear damping stops being measurable.
func (m *Model) RecurrenceTime() float64 { return 2 * math.Pi / (m.cfg.Init.K * m.G.Vx.H) }

// Step advances by one Strang step (shortened to land on Config.TEnd) and returns its size.
// It returns a *sim.StepError with status sim.NonFinite if the field becomes NaN or infinite
// (the field sums f over velocity, so a non-finite f shows there); the state is then lost.
func (m *Model) Step() (float64, error) {
	dt := m.dt
	if rest := m.cfg.TEnd - m.t; rest < dt*(1+1e-9) {
		dt = rest
	}
	if !(dt > 0) {
		return 0, &sim.StepError{Status: sim.Failed, Time: m.t, Reason: "final time already reached"}
	}
	if err := m.Strang(dt); err != nil {
		return 0, &sim.StepError{Status: sim.Failed, Time: m.t, Reason: err.Error()}
	}
	for _, e := range m.E {
		if math.IsNaN(e) || math.IsInf(e, 0) {
			return 0, &sim.StepError{Status: sim.NonFinite, Time: m.t, Reason: "the electric field is not finite"}
		}
	}
	m.steps++
	if dt != m.dt {
		m.t = m.cfg.TEnd
	} else {
		m.t += dt
	}
	return dt, nil
}

// DiagnosticColumns are the names of Diagnose's values:
//
//	t               time
//	field_energy    ½ ∫ E² dx
//	mass            ∫∫ f dx dv
//	momentum        ∫∫ v_x f dx dv
//	kinetic_energy  ½ ∫∫ |v|² f dx dv
//	total_energy    kinetic_energy + field_energy
//	l1              ∫∫ |f| dx dv
//	l2              (∫∫ f² dx dv)^½
//	entropy         ∫∫ f log f dx dv over the cells where f > 0 (Boltzmann's H; the
//	                exact flow conserves it, and it falls as the interpolation smooths
//	                filaments below the grid scale; cells with f ≤ 0 are left out)
//	min_f           the smallest value of f (negative where the interpolation overshoots)
//	e_mode_re       Re Ê, Ê = (2/n_x) Σ_j E(x_j) e^{−ikx_j} the Fourier amplitude of the field at
//	e_mode_im       the perturbation's wavenumber k (E = |Ê| cos(kx + arg Ê) for one mode), Im Ê
//
// All integrals are midpoint sums over the cells of the grid.
var DiagnosticColumns = []string{"t", "field_energy", "mass", "momentum", "kinetic_energy",
	"total_energy", "l1", "l2", "entropy", "min_f", "e_mode_re", "e_mode_im"}

// Columns returns DiagnosticColumns.
func (m *Model) Columns() []string { return DiagnosticColumns }

// Diagnose returns the diagnostics of the current state in DiagnosticColumns order.
func (m *Model) Diagnose() []float64 {
	d := m.Diagnostics()
	var er, ei float64
	for ix, e := range m.E {
		s, c := math.Sincos(m.cfg.Init.K * m.xs[ix])
		er += e * c
		ei -= e * s
	}
	norm := 2 / float64(len(m.E))
	return []float64{m.t, d.Field, d.Mass, d.Momentum, d.Kinetic, d.Kinetic + d.Field, d.L1, d.L2,
		d.Entropy, d.MinF, er * norm, ei * norm}
}

// Moments returns the density, momentum density and energy density at the x nodes.
func (m *Model) Moments() sim.Moments { return Moments(m.G, m.F) }
