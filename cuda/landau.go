//go:build cuda

package cuda

import (
	"fmt"
	"math"
	"unsafe"

	"github.com/kinsolve/kinsolve/solver/backend"
)

// Precision selects the floating-point type of the device arithmetic.
type Precision int

const (
	// Float64 is the reference precision: results agree with the Go code to round-off.
	Float64 Precision = iota
	// Float32 halves the memory traffic and runs at the single-precision rate; the
	// operator's error is then of the order of 1e-6 relative to its largest value.
	Float32
)

// String returns "float64" or "float32".
func (p Precision) String() string {
	if p == Float32 {
		return "float32"
	}
	return "float64"
}

// Tiling of the pair-sum kernel; these mirror LANDAU_TILE, LANDAU_CB64 and LANDAU_CB32 in
// kernels/landau.cu.
const (
	landauTile = 128
	landauCB64 = 4
	landauCB32 = 8
	// maxGridY is the largest grid y dimension of a launch.
	maxGridY = 65535
	// threads per block of the element-wise kernels.
	elemBlock = 256
)

// FlopsPerPair is the floating-point work of one pair (c, c') of corners for one velocity
// block in the pair sum: seven fused multiply-adds (a_xx, a_xy, a_yy one each, b_x, b_y two
// each). The evaluation of A(v_c − v_c'), shared by several blocks, is not counted.
const FlopsPerPair = 14

// Pairs returns the number of pair interactions of one evaluation of cells velocity blocks
// of n×n nodes: cells·(n−1)⁴, every ordered pair of corners.
func Pairs(n, cells int) float64 {
	m := float64(n - 1)
	return float64(cells) * m * m * m * m
}

// Landau evaluates the Landau operator on batches of velocity blocks on the GPU. It
// implements backend.Landau.
type Landau struct {
	d    *Device
	spec backend.LandauSpec
	prec Precision
	cb   int // velocity blocks per thread in the pair sum

	cells int // blocks of the last Load
	// device buffers: f, q (n² per block); fbar, dfx, dfy, jx, jy (m² per block)
	f, q, fbar, dfx, dfy, jx, jy buffer
	h32                          []float32 // host staging for Float32
}

// NewLandau returns an evaluator of the Landau operator on spec's grid in precision p.
func (d *Device) NewLandau(spec backend.LandauSpec, p Precision) (*Landau, error) {
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	if p != Float64 && p != Float32 {
		return nil, fmt.Errorf("cuda: precision %d out of range: must be Float64 or Float32", p)
	}
	l := &Landau{d: d, spec: spec, prec: p, cb: landauCB64}
	if p == Float32 {
		l.cb = landauCB32
	}
	return l, nil
}

// MaxCells returns the largest batch one evaluation accepts.
func (l *Landau) MaxCells() int { return maxGridY * l.cb }

// Spec returns the grid and kernel of the evaluator.
func (l *Landau) Spec() backend.LandauSpec { return l.spec }

// Precision returns the device precision.
func (l *Landau) Precision() Precision { return l.prec }

func (l *Landau) elem() int64 {
	if l.prec == Float32 {
		return 4
	}
	return 8
}

// EvalBatch sets q[k·n² : (k+1)·n²] = Q_L(f_k) for the cells blocks of f: it copies f to the
// device, evaluates and copies q back. q and f must hold cells·n² values.
func (l *Landau) EvalBatch(q, f []float64, cells int) error {
	if err := l.Load(f, cells); err != nil {
		return err
	}
	if err := l.Rerun(); err != nil {
		return err
	}
	return l.Store(q)
}

// Load copies the cells velocity blocks of f to the device.
func (l *Landau) Load(f []float64, cells int) error {
	n := l.spec.N
	if err := backend.CheckBatch(f, f, cells, n); err != nil {
		return err
	}
	if cells > l.MaxCells() {
		return fmt.Errorf("cuda: cells = %d out of range: at most %d per evaluation", cells,
			l.MaxCells())
	}
	for i, v := range f {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("cuda: f[%d] = %v out of range: must be finite", i, v)
		}
		if l.prec == Float32 && math.Abs(v) > math.MaxFloat32 {
			return fmt.Errorf("cuda: f[%d] = %v out of range for float32: |f| must be at "+
				"most %g", i, v, math.MaxFloat32)
		}
	}
	m := n - 1
	nodes, corners := int64(cells*n*n), int64(cells*m*m)
	e := l.elem()
	return l.d.do(func() error {
		for _, b := range []*buffer{&l.f, &l.q} {
			if err := b.ensure(max(nodes, 1) * e); err != nil {
				return err
			}
		}
		for _, b := range []*buffer{&l.fbar, &l.dfx, &l.dfy, &l.jx, &l.jy} {
			if err := b.ensure(max(corners, 1) * e); err != nil {
				return err
			}
		}
		l.cells = cells
		if cells == 0 {
			return nil
		}
		if l.prec == Float64 {
			return l.f.upload(unsafe.Pointer(&f[0]), len(f), e)
		}
		l.h32 = grow32(l.h32, len(f))
		for i, v := range f {
			l.h32[i] = float32(v)
		}
		return l.f.upload(unsafe.Pointer(&l.h32[0]), len(f), e)
	})
}

// Rerun evaluates the operator on the blocks already on the device (the last Load) and waits
// for it; the result stays on the device. With Load and Store it times the kernels alone.
func (l *Landau) Rerun() error {
	n, cells := l.spec.N, l.cells
	if cells == 0 {
		return nil
	}
	m := n - 1
	h := l.spec.H()
	corners, nodes := cells*m*m, cells*n*n
	suffix, fl := "_f64", func(a args, v float64) args { return a.f64(v) }
	if l.prec == Float32 {
		suffix, fl = "_f32", func(a args, v float64) args { return a.f32(float32(v)) }
	}
	return l.d.do(func() error {
		err := l.d.launch("landau_corners"+suffix,
			[2]int{ceilDiv(corners, elemBlock), 1}, [2]int{elemBlock, 1},
			fl(args{}.ptr(l.f.ptr).ptr(l.fbar.ptr).ptr(l.dfx.ptr).ptr(l.dfy.ptr).
				i32(cells).i32(n), h))
		if err != nil {
			return err
		}
		a := args{}.ptr(l.fbar.ptr).ptr(l.dfx.ptr).ptr(l.dfy.ptr).ptr(l.jx.ptr).ptr(l.jy.ptr).
			i32(cells).i32(n)
		a = fl(fl(fl(a, h), l.spec.Gamma), l.spec.Lambda)
		err = l.d.launch("landau_flux"+suffix,
			[2]int{ceilDiv(m*m, landauTile), ceilDiv(cells, l.cb)}, [2]int{landauTile, 1}, a)
		if err != nil {
			return err
		}
		err = l.d.launch("landau_divergence"+suffix,
			[2]int{ceilDiv(nodes, elemBlock), 1}, [2]int{elemBlock, 1},
			fl(args{}.ptr(l.jx.ptr).ptr(l.jy.ptr).ptr(l.q.ptr).i32(cells).i32(n), h))
		if err != nil {
			return err
		}
		return l.d.sync("Landau operator")
	})
}

// Store copies the result of the last evaluation into q, which must hold cells·n² values for
// the cells of the last Load.
func (l *Landau) Store(q []float64) error {
	n, cells := l.spec.N, l.cells
	if len(q) != cells*n*n {
		return fmt.Errorf("cuda: len(q) = %d, want cells·n² = %d·%d² = %d", len(q), cells, n,
			cells*n*n)
	}
	if cells == 0 {
		return nil
	}
	e := l.elem()
	return l.d.do(func() error {
		if l.prec == Float64 {
			return l.q.download(unsafe.Pointer(&q[0]), len(q), e)
		}
		l.h32 = grow32(l.h32, len(q))
		if err := l.q.download(unsafe.Pointer(&l.h32[0]), len(q), e); err != nil {
			return err
		}
		for i := range q {
			q[i] = float64(l.h32[i])
		}
		return nil
	})
}

// Close frees the device buffers.
func (l *Landau) Close() error {
	l.cells = 0
	return l.d.do(func() error {
		var first error
		for _, b := range []*buffer{&l.f, &l.q, &l.fbar, &l.dfx, &l.dfy, &l.jx, &l.jy} {
			if err := b.free(); err != nil && first == nil {
				first = fmt.Errorf("cuda: freeing Landau buffers: %w", err)
			}
		}
		return first
	})
}

func grow32(b []float32, n int) []float32 {
	if cap(b) < n {
		return make([]float32, n)
	}
	return b[:n]
}
