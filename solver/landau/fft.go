package landau

import (
	"gonum.org/v1/gonum/dsp/fourier"
)

// fftConv evaluates the five corner convolutions
//
//	a = K * f̄  (axx, axy, ayy)   and   b = K * u  (bx = Kxx*ux + Kxy*uy, by = Kxy*ux + Kyy*uy)
//
// as zero-padded P×P discrete convolutions, P ≥ 2m−1, so that the cyclic
// wrap-around of the FFT never mixes corners: the offsets c − c' of two
// corners lie in [−(m−1), m−1] and are distinct modulo P. A 2D transform
// is done as real FFTs along rows (v_y) followed by complex FFTs along the
// P/2+1 columns. The kernel is even, A(−z) = A(z), so its transform is
// real; it is computed once, scaled by h²/P², and stored as float64.
type fftConv struct {
	s    *state
	p, w int // padded size, half-spectrum width p/2+1

	khat [3][]float64    // kernel spectra, p×w, index j*w + k
	in   [3][]complex128 // row spectra of f̄, ux, uy: m×w
	out  [5][]complex128 // row spectra of axx, axy, ayy, bx, by: m×w

	work []fftWork // one per worker
}

// fftWork is the private scratch of one worker.
type fftWork struct {
	rfft *fourier.FFT
	cfft *fourier.CmplxFFT
	row  []float64
	col  [5][]complex128
}

// goodSize returns the smallest n' ≥ n whose prime factors are 2, 3 and 5,
// the sizes the FFT handles fastest.
func goodSize(n int) int {
	for k := max(n, 2); ; k++ {
		r := k
		for _, p := range []int{2, 3, 5} {
			for r%p == 0 {
				r /= p
			}
		}
		if r == 1 && k%2 == 0 {
			return k
		}
	}
}

func newFFTConv(s *state, nw int) *fftConv {
	m := s.m
	p := goodSize(2*m - 1)
	w := p/2 + 1
	c := &fftConv{s: s, p: p, w: w}
	for i := range c.in {
		c.in[i] = make([]complex128, m*w)
	}
	for i := range c.out {
		c.out[i] = make([]complex128, m*w)
	}
	c.work = make([]fftWork, nw)
	for i := range c.work {
		wk := &c.work[i]
		wk.rfft = fourier.NewFFT(p)
		wk.cfft = fourier.NewCmplxFFT(p)
		wk.row = make([]float64, p)
		for j := range wk.col {
			wk.col[j] = make([]complex128, p)
		}
	}
	// Kernel spectra, full p×p transform (done once, serially).
	scale := s.h * s.h / float64(p*p)
	kw := 2*m - 1
	spec := make([]complex128, p*w)
	col := make([]complex128, p)
	wk := &c.work[0]
	for comp, tab := range [3][]float64{s.kxx, s.kxy, s.kyy} {
		for j := 0; j < p; j++ {
			for k := range wk.row {
				wk.row[k] = 0
			}
			dx := j
			if j >= p/2 {
				dx = j - p
			}
			if dx >= -(m-1) && dx <= m-1 {
				for dy := -(m - 1); dy <= m-1; dy++ {
					wk.row[(dy+p)%p] = tab[(dx+m-1)*kw+dy+m-1]
				}
			}
			wk.rfft.Coefficients(spec[j*w:(j+1)*w], wk.row)
		}
		c.khat[comp] = make([]float64, p*w)
		for k := 0; k < w; k++ {
			for j := 0; j < p; j++ {
				col[j] = spec[j*w+k]
			}
			wk.cfft.Coefficients(col, col)
			for j := 0; j < p; j++ {
				c.khat[comp][j*w+k] = real(col[j]) * scale
			}
		}
	}
	return c
}

// convolve fills s.axx … s.by from s.fbar, s.ux, s.uy.
func (c *fftConv) convolve() {
	pl := c.s.pool
	pl.run(phaseRowsForward, 3*c.s.m)
	pl.run(phaseColumns, c.w)
	pl.run(phaseRowsInverse, 5*c.s.m)
}

// rowsForward transforms rows t ∈ [lo, hi) of the three inputs (t = field·m
// + row), zero-padded to length p.
func (c *fftConv) rowsForward(wid, lo, hi int) {
	s, wk := c.s, &c.work[wid]
	m, w := s.m, c.w
	src := [3][]float64{s.fbar, s.ux, s.uy}
	for t := lo; t < hi; t++ {
		fld, r := t/m, t%m
		copy(wk.row, src[fld][r*m:(r+1)*m])
		for k := m; k < c.p; k++ {
			wk.row[k] = 0
		}
		wk.rfft.Coefficients(c.in[fld][r*w:(r+1)*w], wk.row)
	}
}

// columns does, for columns k ∈ [lo, hi) of the half spectrum, the column
// transforms of the inputs, the products with the kernel spectra and the
// inverse column transforms of the five outputs.
func (c *fftConv) columns(wid, lo, hi int) {
	wk := &c.work[wid]
	m, p, w := c.s.m, c.p, c.w
	kxx, kxy, kyy := c.khat[0], c.khat[1], c.khat[2]
	for k := lo; k < hi; k++ {
		for fld := 0; fld < 3; fld++ {
			col := wk.col[fld]
			for j := 0; j < m; j++ {
				col[j] = c.in[fld][j*w+k]
			}
			for j := m; j < p; j++ {
				col[j] = 0
			}
			wk.cfft.Coefficients(col, col)
		}
		fh, ux, uy := wk.col[0], wk.col[1], wk.col[2]
		o3, o4 := wk.col[3], wk.col[4]
		for j := 0; j < p; j++ {
			i := j*w + k
			xx, xy, yy := complex(kxx[i], 0), complex(kxy[i], 0), complex(kyy[i], 0)
			f, x, y := fh[j], ux[j], uy[j]
			fh[j], ux[j], uy[j] = xx*f, xy*f, yy*f
			o3[j], o4[j] = xx*x+xy*y, xy*x+yy*y
		}
		for o := 0; o < 5; o++ {
			col := wk.col[o]
			wk.cfft.Sequence(col, col)
			for j := 0; j < m; j++ {
				c.out[o][j*w+k] = col[j]
			}
		}
	}
}

// rowsInverse transforms back rows t ∈ [lo, hi) of the five outputs
// (t = output·m + row) and keeps the first m values of each.
func (c *fftConv) rowsInverse(wid, lo, hi int) {
	s, wk := c.s, &c.work[wid]
	m, w := s.m, c.w
	dst := [5][]float64{s.axx, s.axy, s.ayy, s.bx, s.by}
	for t := lo; t < hi; t++ {
		o, r := t/m, t%m
		wk.rfft.Sequence(wk.row, c.out[o][r*w:(r+1)*w])
		copy(dst[o][r*m:(r+1)*m], wk.row[:m])
	}
}
