package vlasov

import (
	"fmt"

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

	adv     Advection
	tmp     []float64
	xShift  []float64 // per velocity index, cells
	vShift  []float64 // per spatial index, cells
	rho     []float64
	poisson *PeriodicPoisson
}

// Advection applies batches of shifts with the semantics of advect.Shifter.Shift. The
// evaluators of package backend (Go on the CPU, CUDA on a GPU) satisfy it; the error reports a
// hardware fault.
type Advection interface {
	Shift(dst, src []float64, ls advect.Lines, shift []float64, idx advect.ShiftIndex) error
}

// cpuAdvection runs an advect.Shifter, which cannot fail.
type cpuAdvection struct{ *advect.Shifter }

func (a cpuAdvection) Shift(dst, src []float64, ls advect.Lines, shift []float64,
	idx advect.ShiftIndex) error {
	a.Shifter.Shift(dst, src, ls, shift, idx)
	return nil
}

// NewTransport returns a Transport owning f (length g.Len()). It shifts with adv, such as the
// evaluator of a GPU backend, or when adv is nil with an advect.Shifter of interpolation degree
// p (odd, 1 to advect.MaxDegree; 0 selects advect.DefaultDegree). The field is computed from f.
func NewTransport(g *grid.Grid, f []float64, p int, adv Advection) (*Transport, error) {
	if len(f) != g.Len() {
		return nil, fmt.Errorf("vlasov: distribution has %d values, grid needs %d", len(f), g.Len())
	}
	if adv == nil {
		if p == 0 {
			p = advect.DefaultDegree
		}
		sh, err := advect.NewShifter(p)
		if err != nil {
			return nil, err
		}
		adv = cpuAdvection{sh}
	}
	nx := g.X.N
	ps, err := NewPeriodicPoisson(nx, g.X.Length())
	if err != nil {
		return nil, err
	}
	t := &Transport{
		G: g, F: f, E: make([]float64, nx),
		adv:     adv,
		tmp:     make([]float64, len(f)),
		xShift:  make([]float64, g.Nv()),
		vShift:  make([]float64, nx),
		rho:     make([]float64, nx),
		poisson: ps,
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

// SolvePoisson sets E from the current f: ∂x E = ρ − 1 with zero mean (see PeriodicPoisson;
// the mean density of f is the neutralising background).
func (t *Transport) SolvePoisson() {
	t.poisson.Solve(t.E, t.Density(t.rho))
}

// AdvectX applies free streaming over dt, f ← f(x − v_x dt, v), and updates E. On an error of
// the advection backend f is left unchanged.
func (t *Transport) AdvectX(dt float64) error {
	g := t.G
	for ivx := 0; ivx < g.Vx.N; ivx++ {
		s := g.Vx.Node(ivx) * dt / g.X.H
		for ivy := 0; ivy < g.Vy.N; ivy++ {
			t.xShift[ivx*g.Vy.N+ivy] = s
		}
	}
	lines := advect.Lines{N: g.X.N, Stride: g.Nv(), Outer: 1, Inner: g.Nv()}
	if err := t.adv.Shift(t.tmp, t.F, lines, t.xShift, advect.ByInner); err != nil {
		return fmt.Errorf("vlasov: x advection: %w", err)
	}
	copy(t.F, t.tmp)
	t.SolvePoisson()
	return nil
}

// AdvectV applies the acceleration over dt with the current field, f ← f(x, v_x − E dt, v_y).
// The field does not change: the shift leaves ρ unchanged. On an error of the advection
// backend f is left unchanged.
func (t *Transport) AdvectV(dt float64) error {
	g := t.G
	for ix, e := range t.E {
		t.vShift[ix] = e * dt / g.Vx.H
	}
	lines := advect.Lines{N: g.Vx.N, Stride: g.Vy.N, Outer: g.X.N, OuterStride: g.Nv(), Inner: g.Vy.N}
	if err := t.adv.Shift(t.tmp, t.F, lines, t.vShift, advect.ByOuter); err != nil {
		return fmt.Errorf("vlasov: v advection: %w", err)
	}
	copy(t.F, t.tmp)
	return nil
}

// Strang advances the collisionless system by dt with the second-order splitting
// X(dt/2) V(dt) X(dt/2); E is consistent with f on return. An error of the advection backend
// stops it part-way: the caller restores f from its own copy.
func (t *Transport) Strang(dt float64) error {
	if err := t.AdvectX(dt / 2); err != nil {
		return err
	}
	if err := t.AdvectV(dt); err != nil {
		return err
	}
	return t.AdvectX(dt / 2)
}
