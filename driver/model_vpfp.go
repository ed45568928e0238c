package driver

import (
	"github.com/kinsolve/kinsolve/solver/deck"
	"github.com/kinsolve/kinsolve/solver/sim"
	"github.com/kinsolve/kinsolve/solver/vpfp"
)

// Vlasov–Poisson–Fokker–Planck (model = "vpfp"): the Dougherty operator with collision
// frequency collision.nu, in 1X1V or 1X2V. time.cfl (default 1) sets dt = cfl·Δx/vmax when
// time.dt is 0.
func init() { Register("vpfp", buildVPFP) }

func buildVPFP(d *deck.Deck, env Env) (sim.Simulation, any, error) {
	r := defaultRegimeDeck(1)
	if err := d.Decode(&r); err != nil {
		return nil, nil, err
	}
	p, g, f, err := r.prepare("vpfp", vpfp.BytesPerCell)
	if err != nil {
		return nil, nil, err
	}
	adv, err := env.Backend.NewAdvection(r.Numerics.Degree)
	if err != nil {
		return nil, nil, err
	}
	m, err := vpfp.New(g, f, vpfp.Settings{Nu: r.Collision.Nu, Dt: r.Time.Dt, CFL: r.Time.CFL,
		Degree: r.Numerics.Degree, Advection: adv})
	if err != nil {
		return nil, nil, err
	}
	s := &regimeSim{MomentModel: m, tEnd: r.Time.TEnd, dt: m.Dt(),
		landau: p.Name == "collisional-landau", details: map[string]any{"dt": m.Dt(), "nu": r.Collision.Nu}}
	if g.VDim == 2 && p.Name == "collisional-landau" {
		s.details["fit_note"] = "no linear theory beside the fit: the Dougherty dispersion " +
			"relation is computed for 1X1V (grid.vdim = 1)"
	}
	if g.VDim == 1 && r.Collision.Nu > 0 {
		s.theory = func() (float64, float64, bool) {
			gam, om, err := vpfp.LinearDispersion(r.Init.K, r.Collision.Nu)
			return gam, om, err == nil
		}
	}
	return fixedStep{s}, &r, nil
}
