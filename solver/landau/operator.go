package landau

import (
	"fmt"
	"math"
	"runtime"

	"github.com/kinsolve/kinsolve/solver/grid"
)

// Limits on the number of velocity nodes per dimension accepted by New.
//
// MinNodes: below 8 nodes per dimension the 7×7 corner grid cannot hold a
// distribution whose support is resolved and whose edge values are
// negligible, and the kernel table (offsets up to ±(n−2)h) no longer
// samples the |z|^γ growth of the kernel; the operator would run but its
// output would carry no information.
//
// MaxNodes: the FFT path holds about eleven padded spectra of
// (2n)×(n+1) complex values; at 1024 nodes that is already about 0.4 GB.
const (
	MinNodes = 8
	MaxNodes = 1024
)

// Form selects the flux of the conservative weak form.
type Form int

const (
	// Plain is the flux J_c = Σ_c' A_cc' [ f̄_c' (Df)_c − f̄_c (Df)_c' ] h².
	// It accepts any f (also negative values) and conserves mass,
	// momentum and energy to round-off; discrete Maxwellians are
	// equilibria only up to O(h²).
	Plain Form = iota
	// Entropic is the flux J_c = f̄_c Σ_c' A_cc' f̄_c' [ (D log f)_c − (D log f)_c' ] h².
	// It needs f > 0 at every node. It conserves the same moments, makes
	// the semi-discrete entropy decay, and has discrete Maxwellians as
	// exact equilibria.
	Entropic
)

// String returns "plain" or "entropic".
func (f Form) String() string {
	switch f {
	case Plain:
		return "plain"
	case Entropic:
		return "entropic"
	}
	return fmt.Sprintf("Form(%d)", int(f))
}

// ParseForm returns the Form named "plain" or "entropic".
func ParseForm(s string) (Form, error) {
	switch s {
	case "plain":
		return Plain, nil
	case "entropic":
		return Entropic, nil
	}
	return 0, fmt.Errorf("landau: form %q out of range: must be \"plain\" or \"entropic\"", s)
}

// Params are the physical parameters of the kernel
//
//	A(z) = Λ |z|^γ ( |z|² I − z ⊗ z ),   A(0) = 0.
type Params struct {
	// Gamma is the exponent γ of the interaction, in [−3, 1]:
	// −3 Coulomb, 0 Maxwell molecules, 1 hard spheres-like.
	Gamma float64
	// Lambda is the collision strength Λ ≥ 0, in the normalised plasma units
	// of kinsolve: velocity^(−γ−2) per unit time per unit density.
	Lambda float64
}

// Validate returns an error naming the field out of range, or nil.
func (p Params) Validate() error {
	switch {
	case !(p.Gamma >= -3 && p.Gamma <= 1):
		return fmt.Errorf("landau: gamma = %v out of range: must be in [-3, 1]", p.Gamma)
	case !(p.Lambda >= 0) || math.IsInf(p.Lambda, 0):
		return fmt.Errorf("landau: lambda = %v out of range: must be finite and >= 0", p.Lambda)
	}
	return nil
}

// kernelA returns the components of A(z) for z = (zx, zy).
func (p Params) kernelA(zx, zy float64) (axx, axy, ayy float64) {
	r2 := zx*zx + zy*zy
	if r2 == 0 {
		return 0, 0, 0
	}
	var s float64
	switch p.Gamma {
	case 0:
		s = p.Lambda
	case -3:
		s = p.Lambda / (r2 * math.Sqrt(r2))
	default:
		s = p.Lambda * math.Pow(r2, p.Gamma/2)
	}
	return s * zy * zy, -s * zx * zy, s * zx * zx
}

// Operator evaluates the discrete Landau operator Q_L on an n×n cell-centred
// velocity grid on [−V, V]² (see the package documentation for the
// discretisation). Distributions are []float64 of length n², row-major with
// v_y fastest: f[i1*n + i2] = f(v_x[i1], v_y[i2]), the velocity block layout
// of solver/grid.
//
// An Operator keeps scratch buffers and worker goroutines; it is not safe
// for concurrent use. Use one Operator per goroutine.
type Operator struct {
	*state
}

// state is the part of an Operator that the worker goroutines reference; it
// is separate so that an unreachable Operator can stop its workers.
type state struct {
	n, m   int     // nodes and corners per dimension, m = n−1
	h      float64 // grid spacing
	vmax   float64
	params Params
	form   Form

	// kernel table: A(h·(dx, dy)) for |dx|, |dy| ≤ m−1 at index
	// (dx+m−1)*(2m−1) + dy+m−1.
	kxx, kxy, kyy []float64

	// corner fields: f̄, u (u = Df in Plain, u = f̄ D log f in Entropic),
	// and D log f (Entropic only).
	fbar, ux, uy, lx, ly []float64
	logf                 []float64
	// convolutions a = K*f̄ (h² included) and b = K*u, and the flux.
	axx, axy, ayy, bx, by []float64
	jx, jy                []float64
	aValid                bool // a holds the coefficients of the last Apply

	curF, curQ []float64 // arguments of the call in progress

	fft  *fftConv
	pool *pool
}

// New returns the Landau operator on the n×n velocity grid
// grid.VelocityAxis(n, vmax) in both dimensions, with kernel parameters p
// and flux form form. It returns an error naming the field out of range.
func New(n int, vmax float64, p Params, form Form) (*Operator, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	switch {
	case n < MinNodes || n > MaxNodes:
		return nil, fmt.Errorf("landau: n = %d out of range: the grid must have %d to %d nodes per "+
			"dimension (coarser grids do not resolve the kernel)", n, MinNodes, MaxNodes)
	case !(vmax > 0) || math.IsInf(vmax, 0):
		return nil, fmt.Errorf("landau: vmax = %v out of range: must be finite and > 0", vmax)
	case form != Plain && form != Entropic:
		return nil, fmt.Errorf("landau: form = %d out of range: must be Plain or Entropic", int(form))
	}
	ax := grid.VelocityAxis(n, vmax)
	m := n - 1
	s := &state{n: n, m: m, h: ax.H, vmax: vmax, params: p, form: form}
	kw := 2*m - 1
	s.kxx, s.kxy, s.kyy = make([]float64, kw*kw), make([]float64, kw*kw), make([]float64, kw*kw)
	for dx := -(m - 1); dx <= m-1; dx++ {
		for dy := -(m - 1); dy <= m-1; dy++ {
			k := (dx+m-1)*kw + dy + m - 1
			s.kxx[k], s.kxy[k], s.kyy[k] = p.kernelA(float64(dx)*s.h, float64(dy)*s.h)
		}
	}
	mm := m * m
	alloc := func() []float64 { return make([]float64, mm) }
	s.fbar, s.ux, s.uy = alloc(), alloc(), alloc()
	s.axx, s.axy, s.ayy, s.bx, s.by = alloc(), alloc(), alloc(), alloc(), alloc()
	s.jx, s.jy = alloc(), alloc()
	if form == Entropic {
		s.lx, s.ly = alloc(), alloc()
		s.logf = make([]float64, n*n)
	}
	nw := min(runtime.GOMAXPROCS(0), 8)
	s.fft = newFFTConv(s, nw)
	s.pool = newPool(s, nw)
	op := &Operator{s}
	if s.pool.jobs != nil {
		runtime.AddCleanup(op, func(p *pool) { p.stop() }, s.pool)
	}
	return op, nil
}

// N returns the number of nodes per velocity dimension.
func (op *Operator) N() int { return op.n }

// H returns the grid spacing h = 2V/n.
func (op *Operator) H() float64 { return op.h }

// VMax returns the half-width V of the velocity box.
func (op *Operator) VMax() float64 { return op.vmax }

// Params returns the kernel parameters.
func (op *Operator) Params() Params { return op.params }

// Form returns the flux form.
func (op *Operator) Form() Form { return op.form }

// Node returns the velocity v_i = −V + (i+½)h of node index i along either
// dimension.
func (op *Operator) Node(i int) float64 { return -op.vmax + (float64(i)+0.5)*op.h }

// Kernel returns the components of A(v_c − v_c') for two corners whose
// indices differ by (dx, dy), that is A(h·(dx, dy)); |dx|, |dy| ≤ n−2.
// It is the table both evaluations use, exported so that other
// implementations can be checked against it.
func (op *Operator) Kernel(dx, dy int) (axx, axy, ayy float64) {
	s := op.state
	m := s.m
	if dx < -(m-1) || dx > m-1 || dy < -(m-1) || dy > m-1 {
		panic(fmt.Sprintf("landau: kernel offset (%d, %d) out of range ±%d", dx, dy, m-1))
	}
	k := (dx+m-1)*(2*m-1) + dy + m - 1
	return s.kxx[k], s.kxy[k], s.kyy[k]
}

func (s *state) checkLen(name string, x []float64, want int) {
	if len(x) != want {
		panic(fmt.Sprintf("landau: len(%s) = %d, want %d", name, len(x), want))
	}
}

// EvalBatch sets q_k = Q_L[f_k] for the cells consecutive velocity blocks of f (n² values
// each, the block layout of solver/grid), with the FFT evaluation; with Direct it would give
// the same numbers to round-off. It returns an error, and leaves q unspecified, if q or f does
// not hold exactly cells·n² values.
func (op *Operator) EvalBatch(q, f []float64, cells int) error {
	nn := op.n * op.n
	switch {
	case cells < 0:
		return fmt.Errorf("landau: cells = %d out of range: must be >= 0", cells)
	case len(f) != cells*nn || len(q) != cells*nn:
		return fmt.Errorf("landau: batch of %d cells of %d² values needs len(q) = len(f) = %d, "+
			"have %d and %d", cells, op.n, cells*nn, len(q), len(f))
	}
	for k := 0; k < cells; k++ {
		op.Apply(q[k*nn:(k+1)*nn], f[k*nn:(k+1)*nn])
	}
	return nil
}

// Apply sets q = Q_L[f] using the FFT evaluation of the convolutions, in
// O(n² log n) operations on all available cores. q and f have length n² and
// must not overlap. In Entropic form f must be > 0 everywhere; otherwise q
// holds NaN. After the first call Apply allocates nothing.
func (op *Operator) Apply(q, f []float64) {
	// The pool's workers stop when op becomes unreachable: keep it alive until they are done.
	defer runtime.KeepAlive(op)
	s := op.state
	s.checkLen("q", q, s.n*s.n)
	s.checkLen("f", f, s.n*s.n)
	s.corners(f)
	s.fft.convolve()
	s.aValid = true
	s.pool.run(phaseFlux, s.m)
	s.curQ = q
	s.pool.run(phaseDivergence, s.n)
	s.curQ, s.curF = nil, nil
}

// Flux sets jx, jy (length (n−1)², corner c at c1*(n−1) + c2) to the corner
// flux J_c of f, computed by the FFT path, so that Q_L[f] = −Dᵀ J.
func (op *Operator) Flux(jx, jy, f []float64) {
	// The pool's workers stop when op becomes unreachable: keep it alive until they are done.
	defer runtime.KeepAlive(op)
	s := op.state
	m := s.m
	s.checkLen("jx", jx, m*m)
	s.checkLen("jy", jy, m*m)
	s.checkLen("f", f, s.n*s.n)
	s.corners(f)
	s.fft.convolve()
	s.aValid = true
	s.pool.run(phaseFlux, s.m)
	s.curF = nil
	copy(jx, s.jx)
	copy(jy, s.jy)
}

// Direct sets q = Q_L[f] by the direct pair sum over corners,
//
//	J_c = Σ_c' A(v_c − v_c') [ f̄_c' u_c − f̄_c u_c' ] h²,   Q = −Dᵀ J,
//
// in O(n⁴) operations (split over the available cores). It is the reference
// the FFT path is tested against and does not touch the stored coefficients
// used by MaxDiffusion.
func (op *Operator) Direct(q, f []float64) {
	// The pool's workers stop when op becomes unreachable: keep it alive until they are done.
	defer runtime.KeepAlive(op)
	s := op.state
	s.checkLen("q", q, s.n*s.n)
	s.checkLen("f", f, s.n*s.n)
	s.corners(f)
	s.pool.run(phaseDirect, s.m)
	s.curQ = q
	s.pool.run(phaseDivergence, s.n)
	s.curQ, s.curF = nil, nil
}

// MaxDiffusion returns max_c λ_max(a_c), the largest eigenvalue of the
// diffusion matrix a_c = Σ_c' A(v_c − v_c') f̄_c' h² over all corners, for
// the f of the last call to Apply or Flux. It panics if neither was called.
func (op *Operator) MaxDiffusion() float64 {
	s := op.state
	if !s.aValid {
		panic("landau: MaxDiffusion called before Apply")
	}
	var lmax float64
	for c := range s.axx {
		hxx, hyy, xy := 0.5*(s.axx[c]+s.ayy[c]), 0.5*(s.axx[c]-s.ayy[c]), s.axy[c]
		lmax = max(lmax, hxx+math.Hypot(hyy, xy))
	}
	return lmax
}

// StableStep returns the explicit step bound
//
//	dt = cfl · h² / (4 max_c λ_max(a_c))
//
// for the f of the last call to Apply (see MaxDiffusion and the package
// documentation for the choice of cfl). It returns +Inf when a vanishes
// (Λ = 0 or f = 0).
func (op *Operator) StableStep(cfl float64) float64 {
	l := op.MaxDiffusion()
	if l == 0 {
		return math.Inf(1)
	}
	return cfl * op.h * op.h / (4 * l)
}

// corners computes the corner fields f̄, u (and D log f) from the node
// values f.
func (s *state) corners(f []float64) {
	s.curF = f
	if s.form == Entropic {
		for i, v := range f {
			s.logf[i] = math.Log(v)
		}
	}
	s.pool.run(phaseCorners, s.m)
}

// cornersRows computes the corner fields for corner rows [lo, hi).
func (s *state) cornersRows(lo, hi int) {
	n, m, f := s.n, s.m, s.curF
	r := 1 / (2 * s.h)
	for c1 := lo; c1 < hi; c1++ {
		for c2 := 0; c2 < m; c2++ {
			i := c1*n + c2
			f00, f01, f10, f11 := f[i], f[i+1], f[i+n], f[i+n+1]
			c := c1*m + c2
			fb := 0.25 * (f00 + f01 + f10 + f11)
			s.fbar[c] = fb
			if s.form == Plain {
				s.ux[c] = r * (f10 + f11 - f00 - f01)
				s.uy[c] = r * (f01 + f11 - f00 - f10)
				continue
			}
			l := s.logf
			l00, l01, l10, l11 := l[i], l[i+1], l[i+n], l[i+n+1]
			lx := r * (l10 + l11 - l00 - l01)
			ly := r * (l01 + l11 - l00 - l10)
			s.lx[c], s.ly[c] = lx, ly
			s.ux[c], s.uy[c] = fb*lx, fb*ly
		}
	}
}

// fluxRows sets J_c = a_c u_c − f̄_c b_c for corner rows [lo, hi).
func (s *state) fluxRows(lo, hi int) {
	m := s.m
	for c := lo * m; c < hi*m; c++ {
		s.jx[c] = s.axx[c]*s.ux[c] + s.axy[c]*s.uy[c] - s.fbar[c]*s.bx[c]
		s.jy[c] = s.axy[c]*s.ux[c] + s.ayy[c]*s.uy[c] - s.fbar[c]*s.by[c]
	}
}

// directRows sets J_c by the literal pair sum for corner rows [lo, hi).
func (s *state) directRows(lo, hi int) {
	m, kw := s.m, 2*s.m-1
	h2 := s.h * s.h
	for c1 := lo; c1 < hi; c1++ {
		for c2 := 0; c2 < m; c2++ {
			c := c1*m + c2
			var jx, jy float64
			for d1 := 0; d1 < m; d1++ {
				row := (c1-d1+m-1)*kw + c2 + m - 1
				for d2 := 0; d2 < m; d2++ {
					k, d := row-d2, d1*m+d2
					var wx, wy float64
					if s.form == Plain {
						wx = s.fbar[d]*s.ux[c] - s.fbar[c]*s.ux[d]
						wy = s.fbar[d]*s.uy[c] - s.fbar[c]*s.uy[d]
					} else {
						ff := s.fbar[c] * s.fbar[d]
						wx = ff * (s.lx[c] - s.lx[d])
						wy = ff * (s.ly[c] - s.ly[d])
					}
					jx += s.kxx[k]*wx + s.kxy[k]*wy
					jy += s.kxy[k]*wx + s.kyy[k]*wy
				}
			}
			s.jx[c], s.jy[c] = jx*h2, jy*h2
		}
	}
}

// divergenceRows sets q_i = −(Dᵀ J)_i for node rows [lo, hi). Corners
// outside 0..n−2 carry no flux.
func (s *state) divergenceRows(lo, hi int) {
	n, m, q := s.n, s.m, s.curQ
	r := 1 / (2 * s.h)
	at := func(c1, c2 int) (float64, float64) {
		if c1 < 0 || c1 >= m || c2 < 0 || c2 >= m {
			return 0, 0
		}
		return s.jx[c1*m+c2], s.jy[c1*m+c2]
	}
	for i1 := lo; i1 < hi; i1++ {
		for i2 := 0; i2 < n; i2++ {
			x00, y00 := at(i1, i2)     // node is the (0,0) vertex
			x10, y10 := at(i1-1, i2)   // node is the (1,0) vertex
			x01, y01 := at(i1, i2-1)   // node is the (0,1) vertex
			x11, y11 := at(i1-1, i2-1) // node is the (1,1) vertex
			q[i1*n+i2] = r * ((x00 + y00) + (y10 - x10) + (x01 - y01) - (x11 + y11))
		}
	}
}
