package vlasov

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/dsp/fourier"

	"github.com/kinsolve/kinsolve/solver/advect"
	"github.com/kinsolve/kinsolve/solver/grid"
)

// Transport advances the collisionless part of the Vlasov equation
//
//	∂t f + v_x ∂x f + E ∂v_x f = 0,   ∂x E = ρ − 1,   ρ = ∫ f dv,   ⟨E⟩ = 0,
//
// on a grid.Grid by Strang splitting into the free-streaming shift along x and the
// acceleration shift along v_x, each a batch of constant-coefficient one-dimensional shifts
// (package advect). The field is recomputed from f by an FFT Poisson solve whenever f changes.
// Models with collisions call its split steps and add their own.
type Transport struct {
	G *grid.Grid
	F []float64 // the distribution, in grid.Grid's index order
	E []float64 // the field at the x nodes, consistent with F after every public method

	shifter *advect.Shifter
	tmp     []float64
	xShift  []float64 // per velocity index, cells
	vShift  []float64 // per spatial index, cells
	rho     []float64
	fft     *fourier.FFT
	coeff   []complex128
}

// NewTransport returns a Transport owning f (length g.Len()) with interpolation degree p
// (odd, 1 to advect.MaxDegree; 0 selects advect.DefaultDegree). The field is computed from f.
func NewTransport(g *grid.Grid, f []float64, p int) (*Transport, error) {
	if len(f) != g.Len() {
		return nil, fmt.Errorf("vlasov: distribution has %d values, grid needs %d", len(f), g.Len())
	}
	if p == 0 {
		p = advect.DefaultDegree
	}
	sh, err := advect.NewShifter(p)
	if err != nil {
		return nil, err
	}
	nx := g.X.N
	t := &Transport{
		G: g, F: f, E: make([]float64, nx),
		shifter: sh,
		tmp:     make([]float64, len(f)),
		xShift:  make([]float64, g.Nv()),
		vShift:  make([]float64, nx),
		rho:     make([]float64, nx),
		fft:     fourier.NewFFT(nx),
		coeff:   make([]complex128, nx/2+1),
	}
	t.SolvePoisson()
	return t, nil
}

// Density sets rho[ix] = ∫ f(x_ix, v) dv by the midpoint rule and returns it.
func (t *Transport) Density(rho []float64) []float64 {
	g := t.G
	nv, dv := g.Nv(), g.DV()
	for ix := range rho {
		var s float64
		for _, v := range t.F[ix*nv : (ix+1)*nv] {
			s += v
		}
		rho[ix] = s * dv
	}
	return rho
}

// SolvePoisson sets E from the current f: ∂x E = ρ − 1 with zero mean, solved exactly for the
// trigonometric interpolant of ρ (E_m = −i ρ̂_m / k_m, k_m = 2πm/L; the mean and, for even
// Nx, the Nyquist mode of E are zero).
func (t *Transport) SolvePoisson() {
	nx := t.G.X.N
	t.Density(t.rho)
	t.fft.Coefficients(t.coeff, t.rho)
	l := t.G.X.Length()
	t.coeff[0] = 0
	for m := 1; m < len(t.coeff); m++ {
		if 2*m == nx {
			t.coeff[m] = 0
			continue
		}
		k := 2 * math.Pi * float64(m) / l
		t.coeff[m] = complex(0, -1/k) * t.coeff[m]
	}
	t.fft.Sequence(t.E, t.coeff)
	inv := 1 / float64(nx)
	for i := range t.E {
		t.E[i] *= inv
	}
}

// AdvectX applies free streaming over dt, f ← f(x − v_x dt, v), and updates E.
func (t *Transport) AdvectX(dt float64) {
	g := t.G
	for ivx := 0; ivx < g.Vx.N; ivx++ {
		s := g.Vx.Node(ivx) * dt / g.X.H
		for ivy := 0; ivy < g.Vy.N; ivy++ {
			t.xShift[ivx*g.Vy.N+ivy] = s
		}
	}
	lines := advect.Lines{N: g.X.N, Stride: g.Nv(), Outer: 1, Inner: g.Nv()}
	t.shifter.Shift(t.tmp, t.F, lines, t.xShift, advect.ByInner)
	copy(t.F, t.tmp)
	t.SolvePoisson()
}

// AdvectV applies the acceleration over dt with the current field, f ← f(x, v_x − E dt, v_y).
// The field does not change: the shift leaves ρ unchanged.
func (t *Transport) AdvectV(dt float64) {
	g := t.G
	for ix, e := range t.E {
		t.vShift[ix] = e * dt / g.Vx.H
	}
	lines := advect.Lines{N: g.Vx.N, Stride: g.Vy.N, Outer: g.X.N, OuterStride: g.Nv(), Inner: g.Vy.N}
	t.shifter.Shift(t.tmp, t.F, lines, t.vShift, advect.ByOuter)
	copy(t.F, t.tmp)
}

// Strang advances the collisionless system by dt with the second-order splitting
// X(dt/2) V(dt) X(dt/2); E is consistent with f on return.
func (t *Transport) Strang(dt float64) {
	t.AdvectX(dt / 2)
	t.AdvectV(dt)
	t.AdvectX(dt / 2)
}
