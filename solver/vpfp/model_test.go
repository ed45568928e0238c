package vpfp

import (
	"math"
	"strings"
	"testing"

	"github.com/kinsolve/kinsolve/solver/grid"
	"github.com/kinsolve/kinsolve/solver/problem"
	"github.com/kinsolve/kinsolve/solver/sim"
	"github.com/kinsolve/kinsolve/solver/vlasov"
)

func runLandau(t *testing.T, nu, tEnd float64, nx, nv int) (*Model, *sim.History) {
	t.Helper()
	p, err := problem.CollisionalLandau(0.5, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	g, err := grid.New(1, nx, nv, p.L, 6)
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewFromProblem(g, p, Settings{Nu: nu, Dt: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	h := &sim.History{Columns: m.Columns()}
	h.Rows = append(h.Rows, m.Diagnose())
	for m.Time() < tEnd-1e-12 {
		if _, err := m.StepUntil(tEnd); err != nil {
			t.Fatal(err)
		}
		h.Rows = append(h.Rows, m.Diagnose())
	}
	return m, h
}

// Collisional Landau damping at k = 0.5, α = 0.01 on 32×64 cells, dt = 0.05: the rate fitted
// from the field-energy maxima over t ∈ [3, 30] against the linear Dougherty root. The tolerance
// 4e-3 covers the fit's sensitivity to the initial transient and the first-order (in ν·dt)
// implicit collision step; the collisionless case is compared with the Landau root's −0.153359.
// With momentum and energy conserved, collisions drive the wave towards the undamped
// adiabatic fluid mode, so the damping falls as ν grows.
func TestCollisionalDamping(t *testing.T) {
	prev := math.Inf(-1)
	for _, nu := range []float64{0, 0.05, 0.2, 0.5} {
		m, h := runLandau(t, nu, 30, 32, 64)
		fit, err := vlasov.DampingRate(h.Column("t"), h.Column("field_energy"), 3, 30)
		if err != nil {
			t.Fatal(err)
		}
		gam, om := fit.Gamma, fit.Omega
		lg, lo := -0.153359, 1.415662
		if nu > 0 {
			if lg, lo, err = LinearDispersion(0.5, nu); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("ν = %-4v fitted γ = %.5f ω = %.5f | linear γ = %.5f ω = %.5f", nu, gam, om, lg, lo)
		if math.Abs(gam-lg) > 4e-3 || math.Abs(om-lo) > 5e-3 {
			t.Errorf("ν = %v: γ = %.5f, ω = %.5f, want %.5f, %.5f", nu, gam, om, lg, lo)
		}
		if gam <= prev {
			t.Errorf("ν = %v: damping rate %v does not fall from %v", nu, gam, prev)
		}
		prev = gam
		d0, d1 := h.Rows[0], h.Rows[len(h.Rows)-1]
		if r := math.Abs(d1[1]/d0[1] - 1); r > 1e-12 {
			t.Errorf("ν = %v: mass relative change %.2e", nu, r)
		}
		_ = m
	}
}

// One implicit step conserves mass, momentum and energy of a block to round-off, and a huge ν·dt
// lands on the sampled Maxwellian with the block's moments (the exact discrete equilibrium of
// the Chang–Cooper flux), in 1 and 2 velocity dimensions. Round-off is amplified by the
// condition number of I − dt·ν·L, about ν·dt·T/h²: 1e-13 up to ν·dt = 1, 1e-9 at ν·dt = 1e4,
// where the result is an equilibrium up to the O(1/(ν·dt)) left by one backward-Euler step.
func TestDoughertyConservesAndRelaxes(t *testing.T) {
	for _, vdim := range []int{1, 2} {
		g, _ := grid.New(vdim, 4, 32, 1, 7)
		f := make([]float64, g.Nv())
		for i := 0; i < g.Vx.N; i++ {
			for j := 0; j < g.Vy.N; j++ {
				vx, vy := g.Vx.Node(i), 0.0
				if vdim == 2 {
					vy = g.Vy.Node(j)
				}
				// Two drifting, anisotropic humps.
				f[i*g.Vy.N+j] = math.Exp(-((vx-1.2)*(vx-1.2)/0.5 + vy*vy/2)) +
					0.5*math.Exp(-((vx+1)*(vx+1)+(vy-0.4)*(vy-0.4))/0.6)
			}
		}
		d, err := NewDougherty(g, 1)
		if err != nil {
			t.Fatal(err)
		}
		r0, px0, py0, e0 := d.moments(f)
		for _, dt := range []float64{0.01, 1, 1e4} {
			h := append([]float64(nil), f...)
			if err := d.Step(h, dt); err != nil {
				t.Fatal(err)
			}
			r1, px1, py1, e1 := d.moments(h)
			tol := 1e-13
			if dt > 1 {
				tol = 1e-9
			}
			if math.Abs(r1-r0) > tol*r0 || math.Abs(px1-px0) > tol*r0 ||
				math.Abs(py1-py0) > tol*r0 || math.Abs(e1-e0) > tol*e0 {
				t.Errorf("vdim %d, ν·dt = %v: moments (%v %v %v %v) → (%v %v %v %v)", vdim, dt,
					r0, px0, py0, e0, r1, px1, py1, e1)
			}
			for _, v := range h {
				if v < 0 {
					t.Errorf("vdim %d, ν·dt = %v: negative value %v", vdim, dt, v)
					break
				}
			}
			if dt == 1e4 {
				// The result must be a sampled Maxwellian: log f quadratic, so its second
				// differences along v_x are all −h²/T.
				var lo, hi float64 = math.Inf(1), math.Inf(-1)
				for i := 4; i+1 < g.Vx.N-4; i++ {
					j := g.Vy.N / 2
					c := math.Log(h[(i+1)*g.Vy.N+j]) - 2*math.Log(h[i*g.Vy.N+j]) +
						math.Log(h[(i-1)*g.Vy.N+j])
					lo, hi = min(lo, c), max(hi, c)
				}
				if hi-lo > 1e-3*math.Abs(lo) {
					t.Errorf("vdim %d: log f second differences in [%v, %v], want constant", vdim, lo, hi)
				}
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	g, _ := grid.New(1, 8, 16, 4*math.Pi, 6)
	f := g.NewField()
	for _, c := range []struct {
		s    Settings
		want string
	}{
		{Settings{Nu: -1}, "collision.nu"},
		{Settings{Nu: math.Inf(1)}, "collision.nu"},
		{Settings{Nu: 1, Dt: -1}, "time.dt"},
		{Settings{Nu: 1, CFL: -2}, "time.cfl"},
	} {
		if _, err := New(g, f, c.s); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("New(%+v): error %v, want one naming %s", c.s, err, c.want)
		}
	}
}
