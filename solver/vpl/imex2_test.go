package vpl

import (
	"math"
	"testing"

	"github.com/kinsolve/kinsolve/solver/grid"
	"github.com/kinsolve/kinsolve/solver/landau"
	"github.com/kinsolve/kinsolve/solver/problem"
	"github.com/kinsolve/kinsolve/solver/sim"
)

// smoothSetup returns a smooth, strongly perturbed collisional-landau state (k = 0.5, α = 0.3)
// on nx × nv², V = 6, with the Coulomb Landau operator: smooth enough that the semi-Lagrangian
// interpolation error stays below the time error, which isolates the order in dt.
func smoothSetup(t testing.TB, nx, nv int) (*grid.Grid, []float64, *landau.Operator) {
	t.Helper()
	p, err := problem.CollisionalLandau(0.5, 0.3)
	if err != nil {
		t.Fatal(err)
	}
	g, err := grid.New(2, nx, nv, p.L, 6)
	if err != nil {
		t.Fatal(err)
	}
	f, err := p.Sample(g)
	if err != nil {
		t.Fatal(err)
	}
	op, err := landau.New(nv, 6, landau.Params{Gamma: -3, Lambda: 1}, landau.Plain)
	if err != nil {
		t.Fatal(err)
	}
	return g, f, op
}

// dtErrors runs scheme sc at each dt to tEnd and returns the L1 distance (ρ + m + W) of the
// moments to a run of the same scheme at dtRef.
func dtErrors(t *testing.T, g *grid.Grid, f []float64, op Collision, sc Scheme, eps, tEnd,
	dtRef float64, dts []float64) []float64 {
	t.Helper()
	run := func(dt float64) sim.Moments {
		m, err := New(g, append([]float64(nil), f...), op, Settings{Eps: eps, Dt: dt, Scheme: sc})
		if err != nil {
			t.Fatal(err)
		}
		runTo(t, m, tEnd)
		return m.Moments()
	}
	ref := run(dtRef)
	out := make([]float64, len(dts))
	for i, dt := range dts {
		dr, dm, de, _ := sim.L1Distance(run(dt), ref, g.X.H)
		out[i] = dr + dm + de
	}
	return out
}

// Order in dt at fixed ε = 1e-2 and in the fluid limit ε = 1e-6 (16 × 16², t = 0.5, errors
// against dt = 0.0025 of the same scheme): imex2 is second order, imex first order or less.
// Measured on 32 cells to t = 1 (dt = 0.04, 0.02, 0.01): imex2 orders 1.6, 2.1 at ε = 1e-2 and
// 2.0, 2.1 at ε = 1e-6; imex 0.5, 0.8 and 1.0, 1.2. The bounds leave room for the pre-asymptotic
// spread of those numbers on the smaller grid.
func TestIMEX2Order(t *testing.T) {
	g, f, op := smoothSetup(t, 16, 16)
	dts := []float64{0.04, 0.02, 0.01}
	for _, c := range []struct {
		sc     Scheme
		eps    float64
		lo, hi float64
	}{
		{IMEX2, 1e-2, 1.7, 2.6},
		{IMEX2, 1e-6, 1.8, 2.5},
		{IMEX, 1e-2, 0, 1.3},
		{IMEX, 1e-6, 0.8, 1.4},
	} {
		e := dtErrors(t, g, f, op, c.sc, c.eps, 0.5, 0.0025, dts)
		p := math.Log2(e[1] / e[2])
		t.Logf("%v ε = %g: errors %.3e %.3e %.3e, orders %.2f %.2f", c.sc, c.eps, e[0], e[1], e[2],
			math.Log2(e[0]/e[1]), p)
		if !(p >= c.lo && p <= c.hi) {
			t.Errorf("%v ε = %g: order %.2f, want in [%v, %v]", c.sc, c.eps, p, c.lo, c.hi)
		}
	}
}
