package problem

import (
	"math"
	"strings"
	"testing"

	"github.com/kinsolve/kinsolve/solver/grid"
	"github.com/kinsolve/kinsolve/solver/vlasov"
)

// The sampled local Maxwellian has the profiles as moments: the midpoint rule on a box
// V = 8 with 48 cells is exact for Gaussians to far below 1e-10, so density, momentum and
// energy ½ρ(u² + dT) match to 1e-10 in 1 and 2 velocity dimensions.
func TestSampleMoments(t *testing.T) {
	p, err := SodPlasma(DefaultSod())
	if err != nil {
		t.Fatal(err)
	}
	for _, vdim := range []int{1, 2} {
		g, _ := grid.New(vdim, 32, 48, p.L, 8)
		f, err := p.Sample(g)
		if err != nil {
			t.Fatal(err)
		}
		m := vlasov.Moments(g, f)
		for ix, x := range m.X {
			r, T := p.Density(x), p.Temperature(x)
			if math.Abs(m.Density[ix]-r) > 1e-10 || math.Abs(m.Momentum[ix]) > 1e-10 ||
				math.Abs(m.Energy[ix]-0.5*r*float64(vdim)*T) > 1e-10 {
				t.Fatalf("vdim %d x = %v: moments %v %v %v, want %v 0 %v", vdim, x, m.Density[ix],
					m.Momentum[ix], m.Energy[ix], r, 0.5*r*float64(vdim)*T)
			}
		}
	}
	// The slab: mean density (ρ_H + ρ_L)/2 = 1 and the jump values at the slab centre and edge.
	if d := p.Density(p.L / 2); math.Abs(d-1.2) > 1e-6 {
		t.Errorf("slab density %v", d)
	}
	if d := p.Density(0); math.Abs(d-0.8) > 1e-6 {
		t.Errorf("outer density %v", d)
	}
}

func TestProblemErrors(t *testing.T) {
	if _, err := CollisionalLandau(0, 0.01); err == nil || !strings.Contains(err.Error(), "init.k") {
		t.Errorf("k = 0: %v", err)
	}
	if _, err := CollisionalLandau(0.5, 1); err == nil || !strings.Contains(err.Error(), "init.alpha") {
		t.Errorf("alpha = 1: %v", err)
	}
	s := DefaultSod()
	s.TLow = -1
	if _, err := SodPlasma(s); err == nil || !strings.Contains(err.Error(), "init.t_low") {
		t.Errorf("t_low = -1: %v", err)
	}
	p, _ := SodPlasma(DefaultSod())
	g, _ := grid.New(2, 16, 16, p.L, 4)
	if _, err := p.Sample(g); err == nil || !strings.Contains(err.Error(), "velocity box") {
		t.Errorf("V = 4: %v", err)
	}
	g, _ = grid.New(2, 16, 16, 10, 6)
	if _, err := p.Sample(g); err == nil || !strings.Contains(err.Error(), "grid length") {
		t.Errorf("L = 10: %v", err)
	}
}
