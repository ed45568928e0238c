package advect

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestWeightsSumToOneAndReproducePolynomials(t *testing.T) {
	w := make([]float64, MaxDegree+1)
	for p := 1; p <= MaxDegree; p += 2 {
		for _, th := range []float64{0, 0.1, 0.5, 0.93} {
			first := Weights(p, th, w[:p+1])
			// Lagrange interpolation of degree p is exact for x^q, q ≤ p.
			for q := 0; q <= p; q++ {
				var got float64
				for k := 0; k <= p; k++ {
					got += w[k] * math.Pow(float64(first+k), float64(q))
				}
				want := math.Pow(-th, float64(q))
				if math.Abs(got-want) > 1e-11*math.Max(1, math.Abs(want)) {
					t.Errorf("p=%d θ=%v q=%d: Σw x^q = %v, want %v", p, th, q, got, want)
				}
			}
		}
	}
}

// One shift of a sine wave by a fixed fractional number of cells has error O(h^(p+1)).
func TestShiftConvergesAtDegreePlusOne(t *testing.T) {
	for _, p := range []int{3, 5} {
		s, _ := NewShifter(p)
		var errs []float64
		for _, n := range []int{32, 64, 128} {
			h := 2 * math.Pi / float64(n)
			src := make([]float64, n)
			dst := make([]float64, n)
			for j := range src {
				src[j] = math.Sin(float64(j) * h)
			}
			// The same fractional part at every resolution, so that the error constant is fixed.
			const cells = 3.37
			dist := cells * h
			s.Shift(dst, src, Lines{N: n, Stride: 1, Outer: 1, Inner: 1}, []float64{cells}, ByInner)
			var e float64
			for j := range dst {
				e = math.Max(e, math.Abs(dst[j]-math.Sin(float64(j)*h-dist)))
			}
			errs = append(errs, e)
		}
		for i := 1; i < len(errs); i++ {
			order := math.Log2(errs[i-1] / errs[i])
			if order < float64(p+1)-0.3 {
				t.Errorf("p=%d: observed order %.2f between refinements, want ≈ %d (errors %v)", p, order, p+1, errs)
			}
		}
	}
}

// Shifts over strided batches conserve each line's sum to round-off, integer shifts are exact,
// and the batch result equals line-by-line shifting.
func TestShiftBatchConservesAndMatchesSingleLines(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const nx, nv = 12, 10
	src := make([]float64, nx*nv)
	for i := range src {
		src[i] = r.Float64()
	}
	s, _ := NewShifter(5)
	shifts := make([]float64, nv)
	for i := range shifts {
		shifts[i] = 7 * (r.Float64() - 0.5) * float64(i)
	}
	shifts[3] = -4 // a whole number of cells
	dst := make([]float64, len(src))
	s.Shift(dst, src, Lines{N: nx, Stride: nv, Outer: 1, Inner: nv}, shifts, ByInner)
	for iv := 0; iv < nv; iv++ {
		var before, after float64
		line := make([]float64, nx)
		out := make([]float64, nx)
		for j := 0; j < nx; j++ {
			before += src[j*nv+iv]
			after += dst[j*nv+iv]
			line[j] = src[j*nv+iv]
		}
		if math.Abs(after-before) > 1e-13*math.Abs(before) {
			t.Errorf("line %d: sum %v → %v", iv, before, after)
		}
		s.Shift(out, line, Lines{N: nx, Stride: 1, Outer: 1, Inner: 1}, shifts[iv:iv+1], ByInner)
		for j := 0; j < nx; j++ {
			if out[j] != dst[j*nv+iv] {
				t.Fatalf("line %d value %d: batch %v, single %v", iv, j, dst[j*nv+iv], out[j])
			}
		}
	}
	for j := 0; j < nx; j++ {
		want := src[(((j+4)%nx+nx)%nx)*nv+3]
		if got := dst[j*nv+3]; math.Abs(got-want) > 1e-15 {
			t.Errorf("integer shift value %d: %v, want %v", j, got, want)
		}
	}
	// Shifts indexed by the outer line index (v advection layout).
	out2 := make([]float64, len(src))
	sh2 := make([]float64, nx)
	for i := range sh2 {
		sh2[i] = 2.5 * math.Sin(float64(i))
	}
	s.Shift(out2, src, Lines{N: nv, Stride: 1, Outer: nx, OuterStride: nv, Inner: 1}, sh2, ByOuter)
	for ix := 0; ix < nx; ix++ {
		var a, b float64
		for j := 0; j < nv; j++ {
			a += src[ix*nv+j]
			b += out2[ix*nv+j]
		}
		if math.Abs(a-b) > 1e-13*a {
			t.Errorf("v line %d: sum %v → %v", ix, a, b)
		}
	}
}

func TestNewShifterRejectsBadDegree(t *testing.T) {
	for _, p := range []int{0, 2, 11, -1} {
		if _, err := NewShifter(p); err == nil {
			t.Errorf("NewShifter(%d) accepted", p)
		}
	}
}

// Strided lines are shifted in blocks of adjacent lines; the result must equal shifting each
// line on its own, bit for bit, for an inner count that is not a multiple of the block and
// for per-outer shifts over strided lines (the v_x lines of a 1X2V grid).
func TestBlockedStridedMatchesContiguous(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const outer, n, inner = 3, 11, 2*blockLines + 5
	src := make([]float64, outer*n*inner)
	for i := range src {
		src[i] = r.Float64()
	}
	s, _ := NewShifter(5)
	for _, idx := range []ShiftIndex{ByInner, ByOuter} {
		shifts := make([]float64, max(inner, outer))
		for i := range shifts {
			shifts[i] = 9 * (r.Float64() - 0.5)
		}
		dst := make([]float64, len(src))
		ls := Lines{N: n, Stride: inner, Outer: outer, OuterStride: n * inner, Inner: inner}
		s.Shift(dst, src, ls, shifts, idx)
		line, out := make([]float64, n), make([]float64, n)
		for o := 0; o < outer; o++ {
			for ri := 0; ri < inner; ri++ {
				for j := range line {
					line[j] = src[o*n*inner+ri+j*inner]
				}
				sh := shifts[ri]
				if idx == ByOuter {
					sh = shifts[o]
				}
				s.Shift(out, line, Lines{N: n, Stride: 1, Outer: 1, Inner: 1}, []float64{sh}, ByInner)
				for j := range out {
					if got := dst[o*n*inner+ri+j*inner]; got != out[j] {
						t.Fatalf("idx %d line (%d, %d) value %d: blocked %v, single %v",
							idx, o, ri, j, got, out[j])
					}
				}
			}
		}
	}
}
