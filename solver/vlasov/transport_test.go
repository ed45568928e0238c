package vlasov

import (
	"math"
	"testing"

	"github.com/kinsolve/kinsolve/solver/grid"
)

// A density perturbation 1 + α cos(kx) gives E = (α/k) sin(kx).
func TestPoissonCosine(t *testing.T) {
	const k, alpha = 0.5, 0.1
	g, _ := grid.New(1, 32, 16, 2*math.Pi/k, 6)
	f := g.NewField()
	for ix := 0; ix < g.X.N; ix++ {
		x := g.X.Node(ix)
		for iv := 0; iv < g.Vx.N; iv++ {
			// Uniform in v on the box so that ∫ f dv = 1 + α cos kx exactly.
			f[g.Index(ix, iv, 0)] = (1 + alpha*math.Cos(k*x)) / g.Vx.Length()
		}
	}
	tr, err := NewTransport(g, f, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for ix, e := range tr.E {
		want := alpha / k * math.Sin(k*g.X.Node(ix))
		if math.Abs(e-want) > 1e-13 {
			t.Errorf("E[%d] = %v, want %v", ix, e, want)
		}
	}
}

// With no field (a uniform density) streaming by one period returns every line to itself
// when v·T is a whole number of cells, and conserves mass in general.
func TestFreeStreamingConservesMass(t *testing.T) {
	g, _ := grid.New(2, 16, 12, 4*math.Pi, 5)
	f := g.NewField()
	for ix := 0; ix < g.X.N; ix++ {
		for i := 0; i < g.Vx.N; i++ {
			for j := 0; j < g.Vy.N; j++ {
				x := g.X.Node(ix)
				f[g.Index(ix, i, j)] = (1 + 0.3*math.Sin(0.5*x)) * math.Exp(-g.VSquared(i, j)/2)
			}
		}
	}
	tr, _ := NewTransport(g, f, 0, nil)
	var m0 float64
	for _, v := range f {
		m0 += v
	}
	for n := 0; n < 20; n++ {
		if err := tr.Strang(0.37); err != nil {
			t.Fatal(err)
		}
	}
	var m1 float64
	for _, v := range tr.F {
		m1 += v
	}
	if math.Abs(m1-m0) > 1e-13*m0 {
		t.Errorf("mass %v → %v (relative %.2e)", m0, m1, (m1-m0)/m0)
	}
}
