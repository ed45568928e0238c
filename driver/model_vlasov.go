package driver

import (
	"math"

	"github.com/kinsolve/kinsolve/solver/deck"
	"github.com/kinsolve/kinsolve/solver/sim"
	"github.com/kinsolve/kinsolve/solver/vlasov"
)

// VlasovDeck is the deck of the collisionless Vlasov–Poisson model (model = "vlasov").
type VlasovDeck struct {
	Header
	Grid     GridSection      `toml:"grid"`
	Init     vlasov.Init      `toml:"init"`
	Time     TimeSection      `toml:"time"`
	Output   OutputSection    `toml:"output"`
	Fit      vlasov.FitWindow `toml:"fit"`
	Numerics struct {
		// Degree is the odd Lagrange interpolation degree of the shifts, 1 to 9.
		Degree int `toml:"degree"`
	} `toml:"numerics"`
}

func init() { Register("vlasov", buildVlasov) }

func buildVlasov(d *deck.Deck, env Env) (sim.Simulation, any, error) {
	v := VlasovDeck{
		Grid:   GridSection{VDim: 1, Nx: 64, Nv: 256, Vmax: 6},
		Init:   vlasov.DefaultInit(),
		Time:   TimeSection{TEnd: 40, CFL: 2},
		Output: DefaultOutput(),
		Fit:    vlasov.FitWindow{Mode: vlasov.FitAuto},
	}
	v.Numerics.Degree = 5
	if err := d.Decode(&v); err != nil {
		return nil, nil, err
	}
	if err := v.Init.Validate(); err != nil {
		return nil, nil, err
	}
	if err := v.Time.Validate(); err != nil {
		return nil, nil, err
	}
	if err := v.Output.Validate(); err != nil {
		return nil, nil, err
	}
	if v.Numerics.Degree < 1 || v.Numerics.Degree > 9 || v.Numerics.Degree%2 == 0 {
		return nil, nil, errorf("numerics.degree = %d out of range: allowed 1, 3, 5, 7, 9", v.Numerics.Degree)
	}
	g, err := v.Grid.Grid(2 * math.Pi / v.Init.K)
	if err != nil {
		return nil, nil, err
	}
	adv, err := env.Backend.NewAdvection(v.Numerics.Degree)
	if err != nil {
		return nil, nil, err
	}
	m, err := vlasov.New(g, vlasov.Config{Init: v.Init, Degree: v.Numerics.Degree, Dt: v.Time.Dt,
		CFL: v.Time.CFL, TEnd: v.Time.TEnd, Fit: v.Fit, Advection: adv})
	if err != nil {
		return nil, nil, err
	}
	return m, &v, nil
}
