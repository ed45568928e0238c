package fluid

import (
	"fmt"
	"math"

	"github.com/kinsolve/kinsolve/solver/sim"
	"github.com/kinsolve/kinsolve/solver/vlasov"
)

// Limiter selects the slope limiter of the MUSCL reconstruction.
type Limiter int

const (
	// MC is the monotonised-central limiter of van Leer: minmod(2a, 2b, (a+b)/2).
	MC Limiter = iota
	// Minmod takes the smaller of the one-sided slopes when they agree in sign, else zero.
	Minmod
)

// ParseLimiter returns the limiter named "mc" or "minmod".
func ParseLimiter(s string) (Limiter, error) {
	switch s {
	case "mc", "":
		return MC, nil
	case "minmod":
		return Minmod, nil
	}
	return 0, fmt.Errorf("fluid: limiter %q out of range: must be \"mc\" or \"minmod\"", s)
}

// String returns "mc" or "minmod".
func (l Limiter) String() string {
	if l == Minmod {
		return "minmod"
	}
	return "mc"
}

// Settings are the numerical parameters of an EulerPoisson run.
type Settings struct {
	// VDim is the number of velocity dimensions of the kinetic model the fluid stands for,
	// 1 or 2; it sets the adiabatic index γ = 1 + 2/VDim.
	VDim int
	// CFL is the Courant number of the step, dt = CFL·h / max(|u| + c), in (0, 1].
	CFL float64
	// MaxStep caps dt (0 means no cap other than 0.2, a fifth of the plasma period's 1/2π
	// scale, which keeps the explicit source terms accurate).
	MaxStep float64
	// Limiter is the slope limiter.
	Limiter Limiter
}

// DefaultSettings returns CFL 0.5 with the MC limiter for vdim velocity dimensions.
func DefaultSettings(vdim int) Settings { return Settings{VDim: vdim, CFL: 0.5, Limiter: MC} }

// EulerPoisson is the finite-volume electron fluid with its field. It implements
// sim.Simulation and sim.MomentReporter.
type EulerPoisson struct {
	N     int     // cells
	L, H  float64 // period and cell width
	Gamma float64 // adiabatic index 1 + 2/VDim
	X     []float64

	// Rho, Mom and W are the conserved variables: density, x momentum and energy density.
	Rho, Mom, W []float64
	// E is the field at the cell centres, consistent with Rho.
	E []float64

	set     Settings
	t       float64
	poisson *vlasov.PeriodicPoisson

	// scratch
	r0, m0, w0 []float64
	dr, dm, dw []float64
	fr, fm, fw []float64 // interface fluxes, interface j+½ at index j
	pr, pu, pp []float64 // primitives
	sr, su, sp []float64 // limited slopes
	stageE     []float64
	lastDt     float64
}

// New returns the fluid started from the moments m0 of a kinetic state: m0.Density,
// m0.Momentum and m0.Energy (½∫|v|²f dv, which includes the thermal energy of every velocity
// dimension) on the periodic nodes m0.X, x_j = j·L/N. l is the period.
func New(m0 sim.Moments, l float64, s Settings) (*EulerPoisson, error) {
	n := len(m0.Density)
	switch {
	case s.VDim != 1 && s.VDim != 2:
		return nil, fmt.Errorf("fluid: velocity dimension %d out of range: must be 1 or 2", s.VDim)
	case !(s.CFL > 0 && s.CFL <= 1):
		return nil, fmt.Errorf("fluid: cfl = %v out of range: must be in (0, 1]", s.CFL)
	case !(s.MaxStep >= 0) || math.IsInf(s.MaxStep, 0):
		return nil, fmt.Errorf("fluid: max step = %v out of range: must be finite and >= 0", s.MaxStep)
	case s.Limiter != MC && s.Limiter != Minmod:
		return nil, fmt.Errorf("fluid: limiter %d out of range: must be MC or Minmod", int(s.Limiter))
	case n < 4:
		return nil, fmt.Errorf("fluid: %d cells out of range: must be at least 4", n)
	case len(m0.Momentum) != n || len(m0.Energy) != n:
		return nil, fmt.Errorf("fluid: moments have %d densities, %d momenta, %d energies: "+
			"must be equal", n, len(m0.Momentum), len(m0.Energy))
	}
	ps, err := vlasov.NewPeriodicPoisson(n, l)
	if err != nil {
		return nil, err
	}
	alloc := func() []float64 { return make([]float64, n) }
	ep := &EulerPoisson{
		N: n, L: l, H: l / float64(n), Gamma: 1 + 2/float64(s.VDim),
		Rho: alloc(), Mom: alloc(), W: alloc(), E: alloc(), X: alloc(),
		set: s, poisson: ps,
		r0: alloc(), m0: alloc(), w0: alloc(), dr: alloc(), dm: alloc(), dw: alloc(),
		fr: alloc(), fm: alloc(), fw: alloc(), pr: alloc(), pu: alloc(), pp: alloc(),
		sr: alloc(), su: alloc(), sp: alloc(), stageE: alloc(),
	}
	for j := range ep.X {
		ep.X[j] = float64(j) * ep.H
	}
	copy(ep.Rho, m0.Density)
	copy(ep.Mom, m0.Momentum)
	copy(ep.W, m0.Energy)
	for j := 0; j < n; j++ {
		r, m, w := ep.Rho[j], ep.Mom[j], ep.W[j]
		p := (ep.Gamma - 1) * (w - 0.5*m*m/r)
		if !(r > 0) || !(p > 0) || math.IsInf(w, 0) {
			return nil, fmt.Errorf("fluid: initial state at x = %.4g has density %v and pressure %v: "+
				"both must be finite and > 0", ep.X[j], r, p)
		}
	}
	ep.poisson.Solve(ep.E, ep.Rho)
	return ep, nil
}

// Time returns the simulation time.
func (ep *EulerPoisson) Time() float64 { return ep.t }

// StableStep returns the step the CFL condition allows in the current state:
// CFL·h / max(|u| + c), c = √(γp/ρ), capped by Settings.MaxStep (or 0.2).
func (ep *EulerPoisson) StableStep() float64 {
	var smax float64
	for j := 0; j < ep.N; j++ {
		r := ep.Rho[j]
		u := ep.Mom[j] / r
		p := (ep.Gamma - 1) * (ep.W[j] - 0.5*r*u*u)
		smax = max(smax, math.Abs(u)+math.Sqrt(ep.Gamma*p/r))
	}
	dt := ep.set.CFL * ep.H / smax
	cap := ep.set.MaxStep
	if cap == 0 {
		cap = 0.2
	}
	return min(dt, cap)
}

// Step advances by the stable step.
func (ep *EulerPoisson) Step() (float64, error) { return ep.StepUntil(math.Inf(1)) }

// StepUntil advances by the stable step, shortened so as not to pass time tEnd.
func (ep *EulerPoisson) StepUntil(tEnd float64) (float64, error) {
	dt := ep.StableStep()
	if !(dt > 0) || math.IsNaN(dt) || math.IsInf(dt, 0) {
		return 0, &sim.StepError{Status: sim.NonFinite, Time: ep.t,
			Reason: fmt.Sprintf("fluid: stable step %v is not a positive number", dt)}
	}
	if ep.t+dt > tEnd {
		dt = tEnd - ep.t
	}
	if err := ep.advance(dt); err != nil {
		return 0, err
	}
	return dt, nil
}

// advance takes one SSP-RK2 step of size dt.
func (ep *EulerPoisson) advance(dt float64) error {
	copy(ep.r0, ep.Rho)
	copy(ep.m0, ep.Mom)
	copy(ep.w0, ep.W)
	if err := ep.rhs(); err != nil {
		return err
	}
	for j := 0; j < ep.N; j++ {
		ep.Rho[j] += dt * ep.dr[j]
		ep.Mom[j] += dt * ep.dm[j]
		ep.W[j] += dt * ep.dw[j]
	}
	if err := ep.rhs(); err != nil {
		copy(ep.Rho, ep.r0)
		copy(ep.Mom, ep.m0)
		copy(ep.W, ep.w0)
		ep.poisson.Solve(ep.E, ep.Rho)
		return err
	}
	for j := 0; j < ep.N; j++ {
		ep.Rho[j] = 0.5 * (ep.r0[j] + ep.Rho[j] + dt*ep.dr[j])
		ep.Mom[j] = 0.5 * (ep.m0[j] + ep.Mom[j] + dt*ep.dm[j])
		ep.W[j] = 0.5 * (ep.w0[j] + ep.W[j] + dt*ep.dw[j])
	}
	ep.poisson.Solve(ep.E, ep.Rho)
	for j := 0; j < ep.N; j++ {
		if !ep.admissible(j) {
			copy(ep.Rho, ep.r0)
			copy(ep.Mom, ep.m0)
			copy(ep.W, ep.w0)
			ep.poisson.Solve(ep.E, ep.Rho)
			return &sim.StepError{Status: sim.NonFinite, Time: ep.t,
				Reason: fmt.Sprintf("fluid: density or pressure not positive at x = %.4g", ep.X[j])}
		}
	}
	ep.t += dt
	ep.lastDt = dt
	return nil
}

func (ep *EulerPoisson) admissible(j int) bool {
	r, m := ep.Rho[j], ep.Mom[j]
	p := (ep.Gamma - 1) * (ep.W[j] - 0.5*m*m/r)
	return r > 0 && p > 0 && !math.IsInf(ep.W[j], 0) && !math.IsNaN(m)
}

// rhs sets (dr, dm, dw) = −∂x F + S for the current (Rho, Mom, W), solving for the field.
func (ep *EulerPoisson) rhs() error {
	n, g := ep.N, ep.Gamma
	for j := 0; j < n; j++ {
		if !ep.admissible(j) {
			return &sim.StepError{Status: sim.NonFinite, Time: ep.t,
				Reason: fmt.Sprintf("fluid: density or pressure not positive at x = %.4g", ep.X[j])}
		}
		r := ep.Rho[j]
		u := ep.Mom[j] / r
		ep.pr[j], ep.pu[j], ep.pp[j] = r, u, (g-1)*(ep.W[j]-0.5*r*u*u)
	}
	lim := limMC
	if ep.set.Limiter == Minmod {
		lim = minmod
	}
	for j := 0; j < n; j++ {
		jm, jp := (j+n-1)%n, (j+1)%n
		sr := lim(ep.pr[j]-ep.pr[jm], ep.pr[jp]-ep.pr[j])
		su := lim(ep.pu[j]-ep.pu[jm], ep.pu[jp]-ep.pu[j])
		sp := lim(ep.pp[j]-ep.pp[jm], ep.pp[jp]-ep.pp[j])
		// First order where a face value would lose positivity.
		if ep.pr[j]-0.5*math.Abs(sr) <= 0 || ep.pp[j]-0.5*math.Abs(sp) <= 0 {
			sr, su, sp = 0, 0, 0
		}
		ep.sr[j], ep.su[j], ep.sp[j] = sr, su, sp
	}
	for j := 0; j < n; j++ {
		jp := (j + 1) % n
		rl, ul, pl := ep.pr[j]+0.5*ep.sr[j], ep.pu[j]+0.5*ep.su[j], ep.pp[j]+0.5*ep.sp[j]
		rr, ur, pr := ep.pr[jp]-0.5*ep.sr[jp], ep.pu[jp]-0.5*ep.su[jp], ep.pp[jp]-0.5*ep.sp[jp]
		ep.fr[j], ep.fm[j], ep.fw[j] = hll(g, rl, ul, pl, rr, ur, pr)
	}
	ep.poisson.Solve(ep.stageE, ep.Rho)
	inv := 1 / ep.H
	for j := 0; j < n; j++ {
		jm := (j + n - 1) % n
		e := ep.stageE[j]
		ep.dr[j] = -(ep.fr[j] - ep.fr[jm]) * inv
		ep.dm[j] = -(ep.fm[j]-ep.fm[jm])*inv + ep.Rho[j]*e
		ep.dw[j] = -(ep.fw[j]-ep.fw[jm])*inv + ep.Mom[j]*e
	}
	return nil
}

func minmod(a, b float64) float64 {
	if a*b <= 0 {
		return 0
	}
	if math.Abs(a) < math.Abs(b) {
		return a
	}
	return b
}

func limMC(a, b float64) float64 {
	if a*b <= 0 {
		return 0
	}
	c := 0.5 * (a + b)
	s := math.Min(math.Min(2*math.Abs(a), 2*math.Abs(b)), math.Abs(c))
	return math.Copysign(s, a)
}

// hll returns the HLL flux between the left state (rl, ul, pl) and the right state
// (rr, ur, pr), with Davis's bounds S_L = min(u_L − c_L, u_R − c_R), S_R = max(u_L + c_L,
// u_R + c_R).
func hll(g, rl, ul, pl, rr, ur, pr float64) (fr, fm, fw float64) {
	cl, cr := math.Sqrt(g*pl/rl), math.Sqrt(g*pr/rr)
	sl, sr := math.Min(ul-cl, ur-cr), math.Max(ul+cl, ur+cr)
	wl := pl/(g-1) + 0.5*rl*ul*ul
	wr := pr/(g-1) + 0.5*rr*ur*ur
	flr, flm, flw := rl*ul, rl*ul*ul+pl, (wl+pl)*ul
	frr, frm, frw := rr*ur, rr*ur*ur+pr, (wr+pr)*ur
	switch {
	case sl >= 0:
		return flr, flm, flw
	case sr <= 0:
		return frr, frm, frw
	}
	d := 1 / (sr - sl)
	fr = (sr*flr - sl*frr + sl*sr*(rr-rl)) * d
	fm = (sr*flm - sl*frm + sl*sr*(rr*ur-rl*ul)) * d
	fw = (sr*flw - sl*frw + sl*sr*(wr-wl)) * d
	return fr, fm, fw
}

// Columns names the diagnostics: time, total mass ∫ρ dx, momentum ∫m dx, fluid energy ∫W dx,
// field energy ½∫E² dx and their sum.
func (ep *EulerPoisson) Columns() []string {
	return []string{"t", "mass", "momentum", "kinetic_energy", "field_energy", "total_energy"}
}

// Diagnose returns the diagnostics in Columns order (midpoint sums over the cells).
func (ep *EulerPoisson) Diagnose() []float64 {
	var mass, mom, w, fe float64
	for j := 0; j < ep.N; j++ {
		mass += ep.Rho[j]
		mom += ep.Mom[j]
		w += ep.W[j]
		fe += ep.E[j] * ep.E[j]
	}
	h := ep.H
	return []float64{ep.t, mass * h, mom * h, w * h, 0.5 * fe * h, (w + 0.5*fe) * h}
}

// Fields returns density, velocity, temperature T = p/ρ and field on the cell centres.
func (ep *EulerPoisson) Fields() []sim.Field {
	u, temp := make([]float64, ep.N), make([]float64, ep.N)
	for j := range u {
		r := ep.Rho[j]
		u[j] = ep.Mom[j] / r
		temp[j] = (ep.Gamma - 1) * (ep.W[j] - 0.5*r*u[j]*u[j]) / r
	}
	f := func(name string, d []float64) sim.Field {
		return sim.Field{Name: name, Axes: []string{"x"}, Shape: []int{ep.N}, Data: d,
			Coords: [][]float64{ep.X}}
	}
	return []sim.Field{f("rho", ep.Rho), f("u", u), f("T", temp), f("E", ep.E)}
}

// Moments returns copies of the density, momentum and energy densities.
func (ep *EulerPoisson) Moments() sim.Moments {
	c := func(s []float64) []float64 { return append([]float64(nil), s...) }
	return sim.Moments{X: c(ep.X), Density: c(ep.Rho), Momentum: c(ep.Mom), Energy: c(ep.W)}
}
