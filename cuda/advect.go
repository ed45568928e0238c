//go:build cuda

package cuda

import (
	"fmt"
	"math"
	"unsafe"

	"github.com/kinsolve/kinsolve/solver/advect"
	"github.com/kinsolve/kinsolve/solver/backend"
)

// Advection applies batches of periodic semi-Lagrangian shifts on the GPU in float64, with
// the semantics and the arithmetic of advect.Shifter.Shift. It implements backend.Advection.
type Advection struct {
	d *Device
	p int

	// the last Shift: lines, shift rule and the extent of the arrays on the device
	ls              advect.Lines
	idx             advect.ShiftIndex
	extent          int
	src, dst, shift buffer
}

// NewAdvection returns a shifter of odd degree p in [1, advect.MaxDegree].
func (d *Device) NewAdvection(p int) (*Advection, error) {
	if p < 1 || p > advect.MaxDegree || p%2 == 0 {
		return nil, fmt.Errorf("cuda: interpolation degree %d out of range: must be odd, 1 to %d",
			p, advect.MaxDegree)
	}
	return &Advection{d: d, p: p}, nil
}

// Degree returns the interpolation degree.
func (a *Advection) Degree() int { return a.p }

// Shift sets dst to src shifted line by line, as advect.Shifter.Shift does: it copies src
// (and dst where the lines do not cover every index up to the last) and the shifts to the
// device, shifts, and copies dst back.
func (a *Advection) Shift(dst, src []float64, ls advect.Lines, shift []float64,
	idx advect.ShiftIndex) error {
	if err := backend.CheckLines(len(dst), len(src), ls, len(shift), idx); err != nil {
		return err
	}
	lines := ls.Outer * ls.Inner
	if lines == 0 || ls.N == 0 {
		a.extent = 0
		return nil
	}
	nshift := ls.Inner
	if idx == advect.ByOuter {
		nshift = ls.Outer
	}
	for i, s := range shift[:nshift] {
		// Shifts beyond ±2^52 cells have no fractional part left and overflow the
		// integer index arithmetic; no transport step comes near them.
		if math.IsNaN(s) || !(math.Abs(s) < 1<<52) {
			return fmt.Errorf("cuda: shift[%d] = %v out of range: must be finite, |s| < 2^52", i, s)
		}
	}
	if ls.N > math.MaxInt32 || ls.Stride > math.MaxInt32 || ls.Outer > math.MaxInt32 ||
		ls.OuterStride > math.MaxInt32 || ls.Inner > math.MaxInt32 {
		return fmt.Errorf("cuda: lines %+v out of range: sizes and strides must fit in int32", ls)
	}
	extent := (ls.Outer-1)*ls.OuterStride + (ls.Inner - 1) + (ls.N-1)*ls.Stride + 1
	covered := ls.N*lines == extent
	err := a.d.do(func() error {
		for _, b := range []*buffer{&a.src, &a.dst} {
			if err := b.ensure(int64(extent) * 8); err != nil {
				return err
			}
		}
		if err := a.shift.ensure(int64(nshift) * 8); err != nil {
			return err
		}
		if err := a.src.upload(unsafe.Pointer(&src[0]), extent, 8); err != nil {
			return err
		}
		if !covered {
			// Values of dst outside the lines must stay as they are.
			if err := a.dst.upload(unsafe.Pointer(&dst[0]), extent, 8); err != nil {
				return err
			}
		}
		return a.shift.upload(unsafe.Pointer(&shift[0]), nshift, 8)
	})
	if err != nil {
		return err
	}
	a.ls, a.idx, a.extent = ls, idx, extent
	if err := a.Rerun(); err != nil {
		return err
	}
	return a.d.do(func() error {
		return a.dst.download(unsafe.Pointer(&dst[0]), extent, 8)
	})
}

// Rerun repeats the last Shift on the data already on the device, leaving the result there,
// and waits for it: with Shift it times the kernel alone.
func (a *Advection) Rerun() error {
	if a.extent == 0 {
		return nil
	}
	ls := a.ls
	total := ls.Outer * ls.Inner * ls.N
	byOuter := 0
	if a.idx == advect.ByOuter {
		byOuter = 1
	}
	return a.d.do(func() error {
		err := a.d.launch("advect_shift_f64", [2]int{ceilDiv(total, elemBlock), 1},
			[2]int{elemBlock, 1},
			args{}.ptr(a.dst.ptr).ptr(a.src.ptr).i32(ls.N).i32(ls.Stride).i32(ls.Outer).
				i32(ls.OuterStride).i32(ls.Inner).ptr(a.shift.ptr).i32(byOuter).i32(a.p))
		if err != nil {
			return err
		}
		return a.d.sync("advection")
	})
}

// Updates returns the number of values the last Shift computed.
func (a *Advection) Updates() int {
	if a.extent == 0 {
		return 0
	}
	return a.ls.Outer * a.ls.Inner * a.ls.N
}

// Close frees the device buffers.
func (a *Advection) Close() error {
	a.extent = 0
	return a.d.do(func() error {
		var first error
		for _, b := range []*buffer{&a.src, &a.dst, &a.shift} {
			if err := b.free(); err != nil && first == nil {
				first = fmt.Errorf("cuda: freeing advection buffers: %w", err)
			}
		}
		return first
	})
}
