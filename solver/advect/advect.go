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

// blockLines is how many adjacent strided lines Shift moves through the cache together: with
// stride > 1, lines (o, r) … (o, r+blockLines−1) sit side by side in memory, so reading them
// together turns each strided gather into a sweep over contiguous runs of blockLines values
// (two cache lines of float64).
const blockLines = 16

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
//
// Contiguous lines (Stride 1) are shifted in place of their storage. Strided lines are
// handled in blocks of up to blockLines adjacent lines: the block is transposed into
// contiguous scratch, each line shifted there, and the results written back the same way.
// Both paths do the same arithmetic in the same order, so the result does not depend on the
// layout.
func (s *Shifter) Shift(dst, src []float64, ls Lines, shift []float64, idx ShiftIndex) {
	if ls.Outer*ls.Inner == 0 || ls.N == 0 {
		return
	}
	block := 1
	if ls.Stride != 1 {
		block = min(blockLines, ls.Inner)
	}
	perOuter := (ls.Inner + block - 1) / block
	units := ls.Outer * perOuter
	workers := min(s.workers, units)
	p, n := s.degree, ls.N
	need := n + p + 1
	if block > 1 {
		need += 2 * block * n
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := w*units/workers, (w+1)*units/workers
		if len(s.bufs[w]) < need {
			s.bufs[w] = make([]float64, need)
		}
		buf := s.bufs[w]
		wg.Add(1)
		go func() {
			defer wg.Done()
			var wts [MaxDegree + 1]float64
			w := wts[:p+1]
			ext := buf[:n+p]
			lineShift := func(o, r int) float64 {
				if idx == ByOuter {
					return shift[o]
				}
				return shift[r]
			}
			if block == 1 {
				for u := lo; u < hi; u++ {
					o, r := u/ls.Inner, u%ls.Inner
					base := o*ls.OuterStride + r
					if ls.Stride == 1 {
						shiftContiguous(dst[base:base+n], src[base:base+n], lineShift(o, r), w, ext)
						continue
					}
					in, out := buf[n+p+1:][:n], buf[n+p+1+n:][:n]
					for j := range in {
						in[j] = src[base+j*ls.Stride]
					}
					shiftContiguous(out, in, lineShift(o, r), w, ext)
					for j, v := range out {
						dst[base+j*ls.Stride] = v
					}
				}
				return
			}
			tin := buf[n+p+1:][:block*n]
			tout := buf[n+p+1+block*n:][:block*n]
			for u := lo; u < hi; u++ {
				o, r0 := u/perOuter, (u%perOuter)*block
				nb := min(block, ls.Inner-r0)
				base := o*ls.OuterStride + r0
				for j := 0; j < n; j++ {
					row := src[base+j*ls.Stride:][:nb]
					for b, v := range row {
						tin[b*n+j] = v
					}
				}
				for b := 0; b < nb; b++ {
					shiftContiguous(tout[b*n:][:n], tin[b*n:][:n], lineShift(o, r0+b), w, ext)
				}
				for j := 0; j < n; j++ {
					row := dst[base+j*ls.Stride:][:nb]
					for b := range row {
						row[b] = tout[b*n+j]
					}
				}
			}
		}()
	}
	wg.Wait()
}

// shiftContiguous shifts one periodic line held contiguously in src into dst (len n each) by
// sh cells. w holds p+1 weights of scratch and ext at least n+p values.
func shiftContiguous(dst, src []float64, sh float64, w, ext []float64) {
	n, p := len(src), len(w)-1
	fl := math.Floor(sh)
	first := Weights(p, sh-fl, w)
	m := int(fl)
	// Copy the line with the stencil's reach on both sides: ext[q] = src[(q + lo) mod n], with
	// lo = first − m the lowest source offset used by output 0.
	lo := first - m
	ext = ext[:n+p]
	start := ((lo % n) + n) % n
	q := copy(ext, src[start:])
	for q < len(ext) {
		q += copy(ext[q:], src)
	}
	for j := range dst {
		e := ext[j : j+p+1]
		var acc float64
		for k, wk := range w {
			acc += wk * e[k]
		}
		dst[j] = acc
	}
}
