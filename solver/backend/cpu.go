package backend

import (
	"fmt"
	"runtime"

	"github.com/kinsolve/kinsolve/solver/advect"
)

func init() {
	Register("cpu", func() (Backend, error) { return cpu{direct: false}, nil })
	Register("cpu-direct", func() (Backend, error) { return cpu{direct: true}, nil })
}

// cpu is the backend of the default build: Go code on all processors. With direct set its
// Landau evaluator is the direct pair sum (the reference of every other path), otherwise the
// FFT evaluation.
type cpu struct{ direct bool }

func (c cpu) Name() string {
	if c.direct {
		return "cpu-direct"
	}
	return "cpu"
}

func (c cpu) Describe() string {
	how := "Landau by FFT"
	if c.direct {
		how = "Landau by direct pair sum"
	}
	return fmt.Sprintf("Go on %d processors, float64, %s", runtime.GOMAXPROCS(0), how)
}

func (c cpu) NewLandau(spec LandauSpec) (Landau, error) {
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	return newCPULandau(spec, c.direct)
}

func (c cpu) NewAdvection(p int) (Advection, error) {
	s, err := advect.NewShifter(p)
	if err != nil {
		return nil, err
	}
	return cpuShift{s}, nil
}

func (c cpu) Close() error { return nil }

// cpuShift adapts advect.Shifter to Advection.
type cpuShift struct{ s *advect.Shifter }

func (a cpuShift) Degree() int { return a.s.Degree() }

func (a cpuShift) Shift(dst, src []float64, ls advect.Lines, shift []float64,
	idx advect.ShiftIndex) error {
	if err := CheckLines(len(dst), len(src), ls, len(shift), idx); err != nil {
		return err
	}
	a.s.Shift(dst, src, ls, shift, idx)
	return nil
}

func (a cpuShift) Close() error { return nil }

// CheckLines returns an error naming the first argument of a Shift call that cannot hold the
// lines ls describes: negative sizes, arrays too short for the highest index, or a shift
// array shorter than Inner (ByInner) or Outer (ByOuter).
func CheckLines(ndst, nsrc int, ls advect.Lines, nshift int, idx advect.ShiftIndex) error {
	switch {
	case ls.N < 0 || ls.Outer < 0 || ls.Inner < 0 || ls.Stride < 0 || ls.OuterStride < 0:
		return fmt.Errorf("backend: lines %+v out of range: sizes and strides must be >= 0", ls)
	case idx != advect.ByInner && idx != advect.ByOuter:
		return fmt.Errorf("backend: shift index %d out of range: must be ByInner or ByOuter",
			int(idx))
	}
	if ls.N == 0 || ls.Outer == 0 || ls.Inner == 0 {
		return nil
	}
	last := (ls.Outer-1)*ls.OuterStride + (ls.Inner - 1) + (ls.N-1)*ls.Stride
	switch {
	case last >= nsrc:
		return fmt.Errorf("backend: len(src) = %d too short: lines reach index %d", nsrc, last)
	case last >= ndst:
		return fmt.Errorf("backend: len(dst) = %d too short: lines reach index %d", ndst, last)
	}
	want := ls.Inner
	if idx == advect.ByOuter {
		want = ls.Outer
	}
	if nshift < want {
		return fmt.Errorf("backend: len(shift) = %d too short: must be at least %d", nshift, want)
	}
	return nil
}

// CheckBatch returns an error naming q, f or cells when they do not hold cells blocks of n²
// values.
func CheckBatch(q, f []float64, cells, n int) error {
	switch {
	case cells < 0:
		return fmt.Errorf("backend: cells = %d out of range: must be >= 0", cells)
	case len(f) != cells*n*n:
		return fmt.Errorf("backend: len(f) = %d, want cells·n² = %d·%d² = %d", len(f), cells, n,
			cells*n*n)
	case len(q) != cells*n*n:
		return fmt.Errorf("backend: len(q) = %d, want cells·n² = %d·%d² = %d", len(q), cells, n,
			cells*n*n)
	}
	return nil
}
