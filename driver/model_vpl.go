package driver

import (
	"github.com/kinsolve/kinsolve/solver/backend"
	"github.com/kinsolve/kinsolve/solver/deck"
	"github.com/kinsolve/kinsolve/solver/landau"
	"github.com/kinsolve/kinsolve/solver/sim"
	"github.com/kinsolve/kinsolve/solver/vpl"
)

// Vlasov–Poisson–Landau (model = "vpl"), 1X2V only (the Landau operator acts on 2D velocity
// blocks): collision term (1/collision.eps)·Q_L with kernel collision.gamma, collision.lambda,
// integrated by collision.scheme ("imex": penalised, first order, dt set by the transport for
// every ε; "imex2": penalised semi-Lagrangian IMEX-BDF2, second order in dt at every ε and in
// the fluid limit, same dt; "explicit": dt ≤ ε/λ_max). time.cfl (default 1) sets dt = cfl·Δx/vmax when time.dt is 0.
func init() { Register("vpl", buildVPL) }

func buildVPL(d *deck.Deck, env Env) (sim.Simulation, any, error) {
	r := defaultRegimeDeck(1)
	if err := d.Decode(&r); err != nil {
		return nil, nil, err
	}
	if r.Grid.VDim != 2 {
		return nil, nil, errorf("grid.vdim = %d out of range for model vpl: must be 2 (the "+
			"Landau operator acts on two-dimensional velocity blocks; use vpfp or ep in 1X1V)",
			r.Grid.VDim)
	}
	scheme, err := vpl.ParseScheme(r.Collision.Scheme)
	if err != nil {
		return nil, nil, err
	}
	form, err := landau.ParseForm(r.Collision.Form)
	if err != nil {
		return nil, nil, errorf("collision.form: %v", err)
	}
	if !(r.Collision.Eps > 0) {
		return nil, nil, errorf("collision.eps = %v out of range: must be finite and > 0", r.Collision.Eps)
	}
	p, g, f, err := r.prepare("vpl", vpl.BytesPerCell)
	if err != nil {
		return nil, nil, err
	}
	// The backend evaluates the plain form; the entropic form runs on the Go operator.
	var op vpl.Collision
	spec := backend.LandauSpec{N: r.Grid.Nv, VMax: r.Grid.Vmax, Gamma: r.Collision.Gamma,
		Lambda: r.Collision.Lambda}
	if form == landau.Plain {
		op, err = env.Backend.NewLandau(spec)
	} else {
		if err = env.RequireCPU("vpl with collision.form = \"entropic\""); err != nil {
			return nil, nil, err
		}
		op, err = landau.New(spec.N, spec.VMax, landau.Params{Gamma: spec.Gamma, Lambda: spec.Lambda}, form)
	}
	if err != nil {
		return nil, nil, errorf("collision.gamma, collision.lambda, grid.nv: %v", err)
	}
	adv, err := env.Backend.NewAdvection(r.Numerics.Degree)
	if err != nil {
		return nil, nil, err
	}
	m, err := vpl.New(g, f, op, vpl.Settings{Eps: r.Collision.Eps, Scheme: scheme, Dt: r.Time.Dt,
		CFL: r.Time.CFL, Beta: r.Collision.Beta, Degree: r.Numerics.Degree, Advection: adv})
	if err != nil {
		return nil, nil, err
	}
	s := &regimeSim{MomentModel: m, tEnd: r.Time.TEnd, dt: m.Dt(),
		landau: p.Name == "collisional-landau", details: map[string]any{"dt": m.Dt(), "dt_transport": m.TransportDt(),
			"lambda_max": m.LambdaMax(), "beta": m.Beta(), "eps": r.Collision.Eps,
			"scheme": scheme.String()}}
	return fixedStep{s}, &r, nil
}
