package vpl

import (
	"fmt"
	"math"

	"github.com/kinsolve/kinsolve/solver/grid"
)

// Maxwellian computes discrete Maxwellians with exactly prescribed discrete moments on the
// velocity block of a grid: M_k = exp(a + b·v_k + c|v_k|²) with (a, b, c) found by Newton's
// method so that Σ φ(v_k) M_k Δv = Σ φ(v_k) f_k Δv for φ = 1, v, |v|² (Mieussens, Math. Models
// Methods Appl. Sci. 10, 2000, discrete-velocity entropic equilibria). A sampled Maxwellian
// with the continuous moments of f would miss the discrete ones by the quadrature error and the
// mass beyond the box; the exact match is what lets the penalised collision step conserve
// mass, momentum and energy to round-off. It holds scratch space: one per goroutine.
type Maxwellian struct {
	nvx, nvy, d int
	phi         [][4]float64 // (1, v_x, v_y, |v|²) per node, v_y absent in 1V
	dv          float64
}

// NewMaxwellian returns the projector for the velocity block of g.
func NewMaxwellian(g *grid.Grid) *Maxwellian {
	m := &Maxwellian{nvx: g.Vx.N, nvy: g.Vy.N, d: g.VDim, dv: g.DV(),
		phi: make([][4]float64, g.Nv())}
	for i := 0; i < g.Vx.N; i++ {
		for j := 0; j < g.Vy.N; j++ {
			vx := g.Vx.Node(i)
			p := [4]float64{1, vx, 0, g.VSquared(i, j)}
			if g.VDim == 2 {
				p[2] = g.Vy.Node(j)
			}
			m.phi[i*g.Vy.N+j] = p
		}
	}
	return m
}

// Project sets dst to the discrete Maxwellian with the discrete mass, momentum and energy of f
// and returns the density, mean velocity (x component) and temperature of f. It returns an
// error when f has no positive density or temperature or when Newton's method fails.
func (m *Maxwellian) Project(dst, f []float64) (rho, ux, temp float64, err error) {
	// Moment vector: in 1V (ρ, p_x, e), in 2V (ρ, p_x, p_y, e); stored in 4 slots with the
	// v_y slot unused in 1V.
	var mom [4]float64
	for k, v := range f {
		for c := 0; c < 4; c++ {
			mom[c] += m.phi[k][c] * v
		}
	}
	for c := range mom {
		mom[c] *= m.dv
	}
	rho = mom[0]
	if !(rho > 0) {
		return 0, 0, 0, fmt.Errorf("density %v is not positive", rho)
	}
	ux, uy := mom[1]/rho, mom[2]/rho
	temp = (mom[3]/rho - ux*ux - uy*uy) / float64(m.d)
	if !(temp > 0) || math.IsInf(temp, 0) {
		return 0, 0, 0, fmt.Errorf("temperature %v is not positive", temp)
	}
	// Unknowns α = (a, b_x, b_y, c); initial guess from the continuous Maxwellian.
	alpha := [4]float64{
		math.Log(rho/math.Pow(2*math.Pi*temp, float64(m.d)/2)) - (ux*ux+uy*uy)/(2*temp),
		ux / temp, uy / temp, -1 / (2 * temp),
	}
	idx := []int{0, 1, 3}
	if m.d == 2 {
		idx = []int{0, 1, 2, 3}
	}
	n := len(idx)
	scale := rho * (1 + temp)
	var jac [16]float64
	var res [4]float64
	for it := 0; ; it++ {
		for r := range res {
			res[r] = 0
		}
		for r := range jac {
			jac[r] = 0
		}
		for k := range dst {
			p := &m.phi[k]
			e := math.Exp(alpha[0] + alpha[1]*p[1] + alpha[2]*p[2] + alpha[3]*p[3])
			dst[k] = e
			for r, cr := range idx {
				res[r] += p[cr] * e
				for c, cc := range idx {
					jac[r*n+c] += p[cr] * p[cc] * e
				}
			}
		}
		var rn float64
		for r, cr := range idx {
			res[r] = res[r]*m.dv - mom[cr]
			rn = max(rn, math.Abs(res[r]))
		}
		if rn <= 1e-14*scale {
			return rho, ux, temp, nil
		}
		if it == 50 {
			if rn <= 1e-11*scale {
				return rho, ux, temp, nil
			}
			return 0, 0, 0, fmt.Errorf("discrete Maxwellian did not converge (residual %.3g)", rn/scale)
		}
		for r := range jac[:n*n] {
			jac[r] *= m.dv
		}
		delta, ok := solveSym(jac[:n*n], res[:n], n)
		if !ok {
			return 0, 0, 0, fmt.Errorf("singular moment matrix")
		}
		for r, cr := range idx {
			alpha[cr] -= delta[r]
		}
	}
}

// solveSym solves the symmetric positive definite n×n system a·x = b by Cholesky
// factorisation; it reports false if a is not positive definite.
func solveSym(a, b []float64, n int) ([]float64, bool) {
	l := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j <= i; j++ {
			s := a[i*n+j]
			for k := 0; k < j; k++ {
				s -= l[i*n+k] * l[j*n+k]
			}
			if i == j {
				if !(s > 0) {
					return nil, false
				}
				l[i*n+i] = math.Sqrt(s)
			} else {
				l[i*n+j] = s / l[j*n+j]
			}
		}
	}
	x := append([]float64(nil), b...)
	for i := 0; i < n; i++ {
		for k := 0; k < i; k++ {
			x[i] -= l[i*n+k] * x[k]
		}
		x[i] /= l[i*n+i]
	}
	for i := n - 1; i >= 0; i-- {
		for k := i + 1; k < n; k++ {
			x[i] -= l[k*n+i] * x[k]
		}
		x[i] /= l[i*n+i]
	}
	return x, true
}
