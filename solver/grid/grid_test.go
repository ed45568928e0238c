package grid

import (
	"math"
	"testing"
)

func TestVelocityNodesCentredAndSymmetric(t *testing.T) {
	a := VelocityAxis(8, 4)
	if got, want := a.H, 1.0; got != want {
		t.Fatalf("H = %v, want %v", got, want)
	}
	for i := 0; i < a.N; i++ {
		if s := a.Node(i) + a.Node(a.N-1-i); math.Abs(s) > 1e-15 {
			t.Errorf("v[%d]+v[%d] = %v, want 0", i, a.N-1-i, s)
		}
	}
	if got, want := a.Node(0), -3.5; got != want {
		t.Errorf("v[0] = %v, want %v", got, want)
	}
}

func TestIndexOrder(t *testing.T) {
	g, err := New(2, 5, 6, 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for ix := 0; ix < 5; ix++ {
		for i := 0; i < 6; i++ {
			for j := 0; j < 6; j++ {
				if got := g.Index(ix, i, j); got != want {
					t.Fatalf("Index(%d,%d,%d) = %d, want %d", ix, i, j, got, want)
				}
				want++
			}
		}
	}
	if g.Len() != want {
		t.Errorf("Len = %d, want %d", g.Len(), want)
	}
	g1, _ := New(1, 5, 6, 1, 3)
	if g1.Len() != 30 || g1.Index(2, 3, 0) != 15 || g1.DV() != 1 {
		t.Errorf("1X1V layout: Len %d Index %d DV %v", g1.Len(), g1.Index(2, 3, 0), g1.DV())
	}
}

func TestNewRejectsBadSizes(t *testing.T) {
	cases := []struct {
		vdim, nx, nv int
		l, v         float64
	}{
		{3, 8, 8, 1, 1}, {1, 0, 8, 1, 1}, {1, 8, -1, 1, 1}, {1, 8, 8, 0, 1},
		{1, 8, 8, 1, -2}, {1, 8, 8, math.NaN(), 1}, {2, 1 << 20, 1 << 12, 1, 1},
	}
	for _, c := range cases {
		if _, err := New(c.vdim, c.nx, c.nv, c.l, c.v); err == nil {
			t.Errorf("New(%v) accepted bad input", c)
		}
	}
}
