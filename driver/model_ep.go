package driver

import (
	"math"

	"github.com/kinsolve/kinsolve/solver/deck"
	"github.com/kinsolve/kinsolve/solver/fluid"
	"github.com/kinsolve/kinsolve/solver/sim"
	"github.com/kinsolve/kinsolve/solver/vlasov"
)

// Euler–Poisson (model = "ep"): the fluid limit, started from the moments of the kinetic
// initial condition sampled on the deck's grid (grid.vdim sets the closure, γ = 1 + 2/vdim;
// grid.nv and grid.vmax only serve that sampling). time.cfl (default 0.5, at most 1) is the
// Courant number; time.dt, when set, caps the step.
func init() { Register("ep", buildEP) }

func buildEP(d *deck.Deck, env Env) (sim.Simulation, any, error) {
	r := defaultRegimeDeck(0.5)
	if err := d.Decode(&r); err != nil {
		return nil, nil, err
	}
	if err := env.RequireCPU("ep"); err != nil {
		return nil, nil, err
	}
	p, g, f, err := r.prepare("ep", 16)
	if err != nil {
		return nil, nil, err
	}
	lim, err := fluid.ParseLimiter(r.Numerics.Limiter)
	if err != nil {
		return nil, nil, errorf("numerics.limiter: %v", err)
	}
	if r.Time.CFL > 1 {
		return nil, nil, errorf("time.cfl = %v out of range for model ep: must be in (0, 1]", r.Time.CFL)
	}
	m, err := fluid.New(vlasov.Moments(g, f), p.L, fluid.Settings{VDim: g.VDim, CFL: r.Time.CFL,
		MaxStep: r.Time.Dt, Limiter: lim})
	if err != nil {
		return nil, nil, err
	}
	gam := 1 + 2/float64(g.VDim)
	s := &regimeSim{MomentModel: m, tEnd: r.Time.TEnd, landau: p.Name == "collisional-landau",
		omegaOnly: true,
		details:   map[string]any{"adiabatic_index": gam}}
	s.theory = func() (float64, float64, bool) { return 0, math.Sqrt(1 + gam*r.Init.K*r.Init.K), true }
	return s, &r, nil
}
