package vpl

import (
	"flag"
	"math"
	"strings"
	"testing"

	"github.com/kinsolve/kinsolve/solver/fluid"
	"github.com/kinsolve/kinsolve/solver/grid"
	"github.com/kinsolve/kinsolve/solver/landau"
	"github.com/kinsolve/kinsolve/solver/problem"
	"github.com/kinsolve/kinsolve/solver/sim"
	"github.com/kinsolve/kinsolve/solver/vlasov"
)

var table = flag.Bool("table", false, "print the asymptotic-preservation table (slow)")

// sodSetup returns the sod-plasma grid, initial distribution and the Coulomb Landau operator
// on nx × nv² cells, V = 6.
func sodSetup(t testing.TB, nx, nv int) (*grid.Grid, []float64, problem.Problem, *landau.Operator) {
	t.Helper()
	p, err := problem.SodPlasma(problem.DefaultSod())
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
	return g, f, p, op
}

// fluidReference runs Euler–Poisson (γ = 2) on refine·nx cells from the moments of the
// sampled sod-plasma data and returns its moments at tEnd on the nx kinetic nodes.
func fluidReference(t testing.TB, p problem.Problem, nx, refine int, tEnd float64) sim.Moments {
	t.Helper()
	gf, _ := grid.New(2, refine*nx, 16, p.L, 6)
	ff, err := p.Sample(gf)
	if err != nil {
		t.Fatal(err)
	}
	ep, err := fluid.New(vlasov.Moments(gf, ff), p.L, fluid.DefaultSettings(2))
	if err != nil {
		t.Fatal(err)
	}
	out, err := sim.RunMoments([]sim.MomentModel{ep}, []float64{tEnd})
	if err != nil {
		t.Fatal(err)
	}
	return out[0][0].Every(refine)
}

func runTo(t testing.TB, m *Model, tEnd float64) {
	t.Helper()
	for m.Time() < tEnd-1e-12 {
		if _, err := m.StepUntil(tEnd); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMaxwellianProjection(t *testing.T) {
	g, _ := grid.New(2, 4, 16, 1, 6)
	mx := NewMaxwellian(g)
	f := make([]float64, g.Nv())
	for i := 0; i < 16; i++ {
		for j := 0; j < 16; j++ {
			vx, vy := g.Vx.Node(i), g.Vy.Node(j)
			f[i*16+j] = math.Exp(-((vx-0.7)*(vx-0.7)/1.5 + vy*vy/0.7)) + 0.3*math.Exp(-(vx+1)*(vx+1)-vy*vy)
		}
	}
	m := make([]float64, len(f))
	if _, _, _, err := mx.Project(m, f); err != nil {
		t.Fatal(err)
	}
	var d [4]float64
	for k := range f {
		for c := 0; c < 4; c++ {
			d[c] += mx.phi[k][c] * (m[k] - f[k])
		}
	}
	// Sums of 256 terms of order one: 1e-13 is round-off.
	for c, v := range d {
		if math.Abs(v) > 1e-13 {
			t.Errorf("moment %d differs by %v", c, v)
		}
	}
}

// The explicit collision step is bounded by ε/λ_max while the IMEX step is the transport step
// for every ε; forward Euler beyond its bound 2ε/λ_max blows up where IMEX at the transport
// step stays bounded.
func TestStepBounds(t *testing.T) {
	g, f, _, op := sodSetup(t, 8, 16)
	const dtT = 0.02
	var lmax float64
	for _, eps := range []float64{1, 1e-2, 1e-4, 1e-6} {
		imex, err := New(g, append([]float64(nil), f...), op, Settings{Eps: eps, Dt: dtT})
		if err != nil {
			t.Fatal(err)
		}
		ex, err := New(g, append([]float64(nil), f...), op,
			Settings{Eps: eps, Dt: dtT, Scheme: Explicit})
		if err != nil {
			t.Fatal(err)
		}
		lmax = ex.LambdaMax()
		want := min(dtT, eps/lmax)
		t.Logf("ε = %g: λ_max = %.4g, explicit dt = %.3e, IMEX dt = %.3e", eps, lmax, ex.Dt(), imex.Dt())
		if imex.Dt() != dtT || math.Abs(ex.Dt()-want) > 1e-15*want {
			t.Errorf("ε = %g: dt IMEX %v explicit %v, want %v and %v", eps, imex.Dt(), ex.Dt(), dtT, want)
		}
	}
	// ε = 1e-3: the IMEX step is 45 times the explicit bound. Forward Euler at 3ε/λ_max
	// (beyond 2ε/λ_max) must fail within 400 steps; IMEX at the transport step must not.
	const eps = 1e-3
	ex, _ := New(g, append([]float64(nil), f...), op,
		Settings{Eps: eps, Dt: dtT, Scheme: Explicit, CollisionCFL: 3})
	blew := false
	for n := 0; n < 400 && !blew; n++ {
		if _, err := ex.Step(); err != nil {
			blew = true
			break
		}
		if d := ex.Diagnose(); d[7] < -1 || math.IsNaN(d[5]) {
			blew = true
		}
	}
	if !blew {
		t.Errorf("explicit step at 3ε/λ_max stayed bounded for 400 steps")
	}
	imex, _ := New(g, append([]float64(nil), f...), op, Settings{Eps: eps, Dt: dtT})
	runTo(t, imex, 400*ex.Dt())
	if d := imex.Diagnose(); d[7] < -1e-3 {
		t.Errorf("IMEX at dt = %v: min f = %v", dtT, d[7])
	}
}

// Asymptotic preservation, cheap version, for both penalised schemes at the same dt for every
// ε (sod-plasma, t = 0.5): the L1 distance of the VPL moments to Euler–Poisson falls as ε
// decreases, and ε = 1e-6 runs stably to within the distance of the previous ε (the limit
// scheme's own error); mass is conserved to 1e-12 and momentum to 1e-11 (the field's net force
// is zero, the collision step conserves it to round-off). imex on 64 × 16² at dt = 0.02 for
// ε = 1e-1, 1e-3; imex2 on 128 × 16² at dt = 0.01, whose smaller floor lets the distance keep
// falling from ε = 1e-3 to 1e-4.
func TestAsymptoticPreservation(t *testing.T) {
	for _, c := range []struct {
		sc   Scheme
		nx   int
		dt   float64
		epss []float64
	}{
		{IMEX, 64, 0.02, []float64{1e-1, 1e-3, 1e-6}},
		{IMEX2, 128, 0.01, []float64{1e-3, 1e-4, 1e-6}},
	} {
		const tEnd = 0.5
		g, f, p, op := sodSetup(t, c.nx, 16)
		ref := fluidReference(t, p, c.nx, 8, tEnd)
		prev := math.Inf(1)
		for _, eps := range c.epss {
			m, err := New(g, append([]float64(nil), f...), op,
				Settings{Eps: eps, Dt: c.dt, Scheme: c.sc})
			if err != nil {
				t.Fatal(err)
			}
			d0 := m.Diagnose()
			runTo(t, m, tEnd)
			d1 := m.Diagnose()
			dr, dm, de, _ := sim.L1Distance(m.Moments(), ref, g.X.H)
			t.Logf("%v, ε = %g: L1 ρ %.3e, m %.3e, W %.3e; mass %.1e, momentum %.1e, energy %.1e",
				c.sc, eps, dr, dm, de, d1[1]/d0[1]-1, d1[2]-d0[2], d1[5]/d0[5]-1)
			if m.Dt() != c.dt {
				t.Errorf("%v, ε = %g: dt = %v, want %v", c.sc, eps, m.Dt(), c.dt)
			}
			sum := dr + dm + de
			if eps < 1e-5 {
				if !(sum < 1.05*prev) {
					t.Errorf("%v, ε = %g: distance %v, want at most that of the previous ε (%v)",
						c.sc, eps, sum, prev)
				}
			} else if !(sum < prev) {
				t.Errorf("%v, ε = %g: distance %v does not fall below %v", c.sc, eps, sum, prev)
			}
			prev = sum
			if r := math.Abs(d1[1]/d0[1] - 1); r > 1e-12 {
				t.Errorf("%v, ε = %g: mass relative change %.2e", c.sc, eps, r)
			}
			if r := math.Abs(d1[2] - d0[2]); r > 1e-11 {
				t.Errorf("%v, ε = %g: momentum change %.2e", c.sc, eps, r)
			}
		}
	}
}

// TestAPTable prints the asymptotic-preservation tables, imex on 64 × 16² at dt = 0.02 and
// imex2 on 128 × 16² at dt = 0.01: go test ./solver/vpl -run APTable -v -args -table
func TestAPTable(t *testing.T) {
	if !*table {
		t.Skip("run with -args -table")
	}
	const tEnd = 1.0
	for _, c := range []struct {
		sc Scheme
		nx int
		dt float64
	}{{IMEX, 64, 0.02}, {IMEX2, 128, 0.01}} {
		g, f, p, op := sodSetup(t, c.nx, 16)
		ref := fluidReference(t, p, c.nx, 8, tEnd)
		lim, _ := New(g, append([]float64(nil), f...), op,
			Settings{Eps: 1e-6, Dt: c.dt, Scheme: c.sc})
		runTo(t, lim, tEnd)
		limM := lim.Moments()
		t.Logf("%v: sod-plasma, %d × 16², V = 6, t = %v, Coulomb Landau Λ = 1, λ_max = %.4g",
			c.sc, c.nx, tEnd, lim.LambdaMax())
		t.Logf("%8s %10s %10s %10s %10s | %12s %10s %10s", "ε", "dt", "L1 ρ", "L1 m", "L1 W",
			"to VPL(1e-6)", "dt expl.", "mass")
		for _, eps := range []float64{1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-6} {
			m, err := New(g, append([]float64(nil), f...), op,
				Settings{Eps: eps, Dt: c.dt, Scheme: c.sc})
			if err != nil {
				t.Fatal(err)
			}
			d0 := m.Diagnose()
			runTo(t, m, tEnd)
			d1 := m.Diagnose()
			dr, dm, de, _ := sim.L1Distance(m.Moments(), ref, g.X.H)
			lr, lm, le, _ := sim.L1Distance(m.Moments(), limM, g.X.H)
			t.Logf("%8g %10.3g %10.3e %10.3e %10.3e | %12.3e %10.3e %10.1e", eps, m.Dt(), dr, dm,
				de, lr+lm+le, min(c.dt, ExplicitStep(eps, m.LambdaMax())), d1[1]/d0[1]-1)
		}
		if c.sc != IMEX {
			continue
		}
		// Explicit runs at their own step, against IMEX at the transport step.
		for _, eps := range []float64{1, 1e-1, 1e-2} {
			ex, _ := New(g, append([]float64(nil), f...), op,
				Settings{Eps: eps, Dt: c.dt, Scheme: Explicit})
			im, _ := New(g, append([]float64(nil), f...), op, Settings{Eps: eps, Dt: c.dt})
			runTo(t, ex, tEnd)
			runTo(t, im, tEnd)
			dr, dm, de, _ := sim.L1Distance(ex.Moments(), im.Moments(), g.X.H)
			xr, _, _, _ := sim.L1Distance(ex.Moments(), ref, g.X.H)
			t.Logf("explicit ε = %g: dt = %.3e (%d steps); L1 to IMEX ρ %.2e m %.2e W %.2e; "+
				"L1 ρ to EP %.3e", eps, ex.Dt(), int(math.Round(tEnd/ex.Dt())), dr, dm, de, xr)
		}
	}
}

// TestFloorTable prints what limits the fluid-limit error: the L1 distance of VPL at
// ε = 1e-6 to Euler–Poisson on sod-plasma (t = 1) against dt at 64 cells and against the
// number of cells at small dt, for both penalised schemes:
// go test ./solver/vpl -run FloorTable -v -args -table
func TestFloorTable(t *testing.T) {
	if !*table {
		t.Skip("run with -args -table")
	}
	const tEnd = 1.0
	run := func(sc Scheme, nx int, dt float64) {
		g, f, p, op := sodSetup(t, nx, 16)
		ref := fluidReference(t, p, nx, 8, tEnd)
		m, err := New(g, f, op, Settings{Eps: 1e-6, Dt: dt, Scheme: sc})
		if err != nil {
			t.Fatal(err)
		}
		runTo(t, m, tEnd)
		dr, dm, de, _ := sim.L1Distance(m.Moments(), ref, g.X.H)
		t.Logf("%6v nx %4d dt %7.4f: L1 ρ %.3e m %.3e W %.3e", sc, nx, dt, dr, dm, de)
	}
	for _, sc := range []Scheme{IMEX, IMEX2} {
		for _, dt := range []float64{0.04, 0.02, 0.01, 0.005} {
			run(sc, 64, dt)
		}
		for _, nx := range []int{32, 128, 256} {
			run(sc, nx, 0.005)
		}
		run(sc, 128, 0.0025)
	}
}

func TestBadInput(t *testing.T) {
	g, f, _, op := sodSetup(t, 8, 16)
	for _, c := range []struct {
		s    Settings
		want string
	}{
		{Settings{Eps: 0}, "collision.eps"},
		{Settings{Eps: -1}, "collision.eps"},
		{Settings{Eps: math.NaN()}, "collision.eps"},
		{Settings{Eps: 1, Dt: -1}, "time.dt"},
		{Settings{Eps: 1, Beta: -1}, "collision.beta"},
		{Settings{Eps: 1, CollisionCFL: -1}, "collision.cfl"},
		{Settings{Eps: 1, Scheme: 7}, "collision.scheme"},
		{Settings{Eps: 1, CFL: -1}, "time.cfl"},
	} {
		if _, err := New(g, f, op, c.s); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("New(%+v): error %v, want one naming %s", c.s, err, c.want)
		}
	}
	if _, err := ParseScheme("implicit"); err == nil || !strings.Contains(err.Error(), "collision.scheme") {
		t.Errorf("ParseScheme: error %v", err)
	}
}
