// Package advect performs the constant-coefficient transport steps of split phase-space solvers:
// batches of independent one-dimensional shifts
//
//	g(x_j) = f(x_j − s·h),   j = 0..n−1,
//
// on periodic lines of n equally spaced values, with the shift s given in cells and constant
// along each line. The shift is semi-Lagrangian: the foot of the characteristic x_j − s·h is
// interpolated by the Lagrange polynomial of odd degree p through the p+1 nodes that surround it
// symmetrically. The local error of one shift is O(h^(p+1)) for smooth f; the default p = 5
// makes the split Vlasov solver sixth order in space per step.
//
// Because the Lagrange weights of a fixed fractional shift sum to one and the line is periodic,
// each shift is a circulant matrix with unit column sums: the sum of the values on every line,
// and so the mass, is conserved to round-off. A shift by a whole number of cells is exact.
// With p = 1 the scheme is monotone; higher degrees are not, so f can dip slightly below zero
// where it is under-resolved.
//
// Velocity lines are treated as periodic as well: this is exact conservation at the price of
// wrapping whatever reaches the box edge, which is harmless only when f is negligible there.
// Callers check that at set-up (see the solvers' validation of the velocity box).
package advect

import (
	"fmt"
	"math"
	"runtime"
	"sync"
)

// DefaultDegree is the interpolation degree used when none is chosen.
const DefaultDegree = 5

// MaxDegree is the highest interpolation degree accepted.
const MaxDegree = 9

// Lines describes Outer×Inner periodic lines of N values each, stored in one flat array: value
// j of line (o, r) is at index o·OuterStride + r + j·Stride.
//
// For a distribution on a grid.Grid (index (ix·Nvx + ivx)·Nvy + ivy) the x lines are
// {N: Nx, Stride: Nv, Outer: 1, Inner: Nv} and the v_x lines are
// {N: Nvx, Stride: Nvy, Outer: Nx, OuterStride: Nv, Inner: Nvy}.
type Lines struct {
	N, Stride          int
	Outer, OuterStride int
	Inner              int
}

// ShiftIndex says which line index the per-line shifts follow.
type ShiftIndex int

const (
	// ByInner takes the shift of line (o, r) from shift[r]: x advection, where the speed v
	// depends on the velocity index.
	ByInner ShiftIndex = iota
	// ByOuter takes the shift of line (o, r) from shift[o]: v advection, where the force E(x)
	// depends on the spatial index.
	ByOuter
)

// Shifter applies batches of shifts with a fixed interpolation degree. Its methods may be
// called from one goroutine at a time; it runs the lines of a batch on all processors.
type Shifter struct {
	degree  int
	workers int
	bufs    [][]float64
}

// NewShifter returns a Shifter for odd degree p in [1, MaxDegree].
func NewShifter(p int) (*Shifter, error) {
	if p < 1 || p > MaxDegree || p%2 == 0 {
		return nil, fmt.Errorf("advect: interpolation degree %d out of range: must be odd, 1 to %d", p, MaxDegree)
	}
	w := runtime.GOMAXPROCS(0)
	return &Shifter{degree: p, workers: w, bufs: make([][]float64, w)}, nil
}

// Degree returns the interpolation degree.
func (s *Shifter) Degree() int { return s.degree }

// Weights returns the p+1 Lagrange weights for a fractional shift theta in [0, 1) and the
// offset of the first stencil node: for integer part m of the shift,
//
//	g_j = Σ_k w[k] · f_(j − m + first + k)
//
// with first = −(p+1)/2. They are the values at −theta of the Lagrange basis polynomials on the
// nodes first, …, first+p.
func Weights(p int, theta float64, w []float64) (first int) {
	first = -(p + 1) / 2
	x := -theta
	for k := 0; k <= p; k++ {
		num, den := 1.0, 1.0
		nk := float64(first + k)
		for l := 0; l <= p; l++ {
			if l == k {
				continue
			}
			nl := float64(first + l)
			num *= x - nl
			den *= nk - nl
		}
		w[k] = num / den
	}
	return first
}

// Shift sets dst to src shifted line by line: dst(o, r, j) = src(o, r, x_j − s·h) with s the
// line's shift in cells, taken from shift by the rule idx. dst and src must not overlap; both
// must hold every index that ls describes. Shifts must be finite.
func (s *Shifter) Shift(dst, src []float64, ls Lines, shift []float64, idx ShiftIndex) {
	nlines := ls.Outer * ls.Inner
	if nlines == 0 || ls.N == 0 {
		return
	}
	workers := min(s.workers, nlines)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := w*nlines/workers, (w+1)*nlines/workers
		p := s.degree
		if len(s.bufs[w]) < ls.N+p+1 {
			s.bufs[w] = make([]float64, ls.N+p+1)
		}
		buf := s.bufs[w]
		wg.Add(1)
		go func() {
			defer wg.Done()
			var wts [MaxDegree + 1]float64
			for l := lo; l < hi; l++ {
				o, r := l/ls.Inner, l%ls.Inner
				sh := shift[r]
				if idx == ByOuter {
					sh = shift[o]
				}
				shiftLine(dst, src, o*ls.OuterStride+r, ls.N, ls.Stride, sh, p, wts[:p+1], buf)
			}
		}()
	}
	wg.Wait()
}

// shiftLine shifts one periodic line that starts at base with the given stride. buf holds at
// least n+p+1 values of scratch.
func shiftLine(dst, src []float64, base, n, stride int, sh float64, p int, w, buf []float64) {
	fl := math.Floor(sh)
	first := Weights(p, sh-fl, w)
	m := int(fl)
	// Gather the line with the stencil's reach on both sides: ext[q] = src value at index
	// (q + lo) mod n, with lo = first − m the lowest source offset used by output 0.
	lo := first - m
	ext := buf[:n+p]
	start := ((lo % n) + n) % n
	for q := range ext {
		idx := start + q
		for idx >= n {
			idx -= n
		}
		ext[q] = src[base+idx*stride]
	}
	for j := 0; j < n; j++ {
		e := ext[j : j+p+1]
		var acc float64
		for k, wk := range w {
			acc += wk * e[k]
		}
		dst[base+j*stride] = acc
	}
}
