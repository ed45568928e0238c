//go:build cuda

package cuda

import (
	"math/rand/v2"
	"testing"

	"github.com/kinsolve/kinsolve/bench"
	"github.com/kinsolve/kinsolve/solver/advect"
)

// TestAdvection compares the device shifts with advect.Shifter.Shift on the x lines and the
// v_x lines of a 1X2V array, for every odd degree, with shifts of both signs, fractional and
// whole, small and many periods long. Both sides form the same weights and sum the same p+1
// products in the same order without fused multiply-adds, so they agree to round-off (the
// weights' products may still be contracted differently): 1e-14 relative to max|f|.
func TestAdvection(t *testing.T) {
	d := testDevice(t)
	const nx, nvx, nvy = 48, 20, 12
	nv := nvx * nvy
	rng := rand.New(rand.NewPCG(1, 2))
	src := make([]float64, nx*nv)
	for i := range src {
		src[i] = rng.Float64() - 0.25
	}
	xShift := make([]float64, nv)
	for i := range xShift {
		xShift[i] = (rng.Float64() - 0.5) * 7
	}
	xShift[0], xShift[1], xShift[2] = 0, -3, 1e3+0.37
	vShift := make([]float64, nx)
	for i := range vShift {
		vShift[i] = (rng.Float64() - 0.5) * 3
	}
	vShift[5] = -2.5e4 - 0.9
	cases := []struct {
		name  string
		ls    advect.Lines
		shift []float64
		idx   advect.ShiftIndex
	}{
		{"x", advect.Lines{N: nx, Stride: nv, Outer: 1, Inner: nv}, xShift, advect.ByInner},
		{"vx", advect.Lines{N: nvx, Stride: nvy, Outer: nx, OuterStride: nv, Inner: nvy}, vShift,
			advect.ByOuter},
		// Lines of every other spatial cell only: the others must keep dst's values.
		{"vx-partial", advect.Lines{N: nvx, Stride: nvy, Outer: nx / 2, OuterStride: 2 * nv,
			Inner: nvy}, vShift, advect.ByOuter},
	}
	for _, p := range []int{1, 3, 5, 7, 9} {
		cpu, err := advect.NewShifter(p)
		if err != nil {
			t.Fatal(err)
		}
		gpu, err := d.NewAdvection(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range cases {
			want := make([]float64, len(src))
			got := make([]float64, len(src))
			for i := range want {
				want[i] = 7
				got[i] = 7
			}
			cpu.Shift(want, src, tc.ls, tc.shift, tc.idx)
			if err := gpu.Shift(got, src, tc.ls, tc.shift, tc.idx); err != nil {
				t.Fatalf("p=%d %s: %v", p, tc.name, err)
			}
			if e := bench.MaxRelDiff(got, want); !(e <= 1e-14) {
				t.Errorf("p=%d %s: max|Δ|/max|f| = %.3e, want <= 1e-14", p, tc.name, e)
			}
		}
		gpu.Close()
	}
	if _, err := d.NewAdvection(4); err == nil {
		t.Error("even degree accepted")
	}
}
