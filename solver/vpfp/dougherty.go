package vpfp

import (
	"fmt"
	"math"

	"github.com/kinsolve/kinsolve/solver/grid"
)

// Dougherty advances the homogeneous Dougherty (Lenard–Bernstein with local moments) equation
//
//	∂t f = ν ∇v · ( (v − u) f + T ∇v f )
//
// on one velocity block of a grid.Grid (1 or 2 velocity dimensions), with u the mean velocity
// and T the temperature of f (T = (T_x + T_y)/2 in 2D), by the implicit conservative step
// described in the package documentation. It holds scratch space: use one per goroutine.
type Dougherty struct {
	nu   float64
	vdim int
	nvx  int
	nvy  int
	hx   float64
	hy   float64
	vx   []float64
	vy   []float64
	dv   float64

	f0, trial     []float64
	sub, dia, sup []float64
	rhs, cp, dp   []float64
	line          []float64

	// Iterations is the number of Newton iterations of the last Step.
	Iterations int
}

// Newton settings of the moment-matching step: the residual tolerance relative to ρ(1+T),
// and the relative size of the finite-difference Jacobian's perturbation.
const (
	newtonTol = 1e-14
	// newtonFloor: below it a residual that no longer halves is taken as the round-off floor.
	newtonFloor = 1e-11
	newtonMax   = 30
	newtonStep  = 1e-7
)

// NewDougherty returns the operator with collision frequency nu ≥ 0 on the velocity block of g.
func NewDougherty(g *grid.Grid, nu float64) (*Dougherty, error) {
	if !(nu >= 0) || math.IsInf(nu, 0) {
		return nil, fmt.Errorf("vpfp: collision.nu = %v out of range: must be finite and >= 0", nu)
	}
	n := max(g.Vx.N, g.Vy.N)
	d := &Dougherty{nu: nu, vdim: g.VDim, nvx: g.Vx.N, nvy: g.Vy.N, hx: g.Vx.H, hy: g.Vy.H,
		vx: g.Vx.Nodes(), vy: g.Vy.Nodes(), dv: g.DV(),
		f0: make([]float64, g.Nv()), trial: make([]float64, g.Nv()),
		sub: make([]float64, n), dia: make([]float64, n), sup: make([]float64, n),
		rhs: make([]float64, n), cp: make([]float64, n), dp: make([]float64, n),
		line: make([]float64, n)}
	if g.VDim == 1 {
		d.vy = []float64{0}
	}
	return d, nil
}

// Nu returns the collision frequency.
func (d *Dougherty) Nu() float64 { return d.nu }

// moments returns the discrete density, momenta and ⟨|v|²⟩ sums of a block:
// (Σf, Σv_x f, Σv_y f, Σ|v|² f)·Δv.
func (d *Dougherty) moments(f []float64) (rho, px, py, e float64) {
	for i := 0; i < d.nvx; i++ {
		vx := d.vx[i]
		for j := 0; j < d.nvy; j++ {
			v := f[i*d.nvy+j]
			vy := d.vy[j]
			rho += v
			px += vx * v
			py += vy * v
			e += (vx*vx + vy*vy) * v
		}
	}
	return rho * d.dv, px * d.dv, py * d.dv, e * d.dv
}

// bernoulli returns B(w) = w/(eʷ − 1), B(0) = 1.
func bernoulli(w float64) float64 {
	if math.Abs(w) < 1e-5 {
		return 1 - w/2 + w*w/12
	}
	return w / math.Expm1(w)
}

// solveLines applies (I − dt·ν·L_{u,T})⁻¹ along one velocity direction to every line of f in
// place: nl lines of n values, value k of line l at l*outer + k*stride, with spacing h and
// nodes v.
func (d *Dougherty) solveLines(f []float64, n, stride, nl, outer int, h float64, v []float64,
	u, temp, dt float64) {
	r := dt * d.nu * temp / (h * h)
	// Face coefficients: F_{k+½} = (νT/h) [B(−w) f_{k+1} − B(w) f_k], w = h(v_{k+½} − u)/T.
	for k := 0; k < n; k++ {
		d.sub[k], d.sup[k], d.dia[k] = 0, 0, 1
	}
	for k := 0; k+1 < n; k++ {
		w := h * (0.5*(v[k]+v[k+1]) - u) / temp
		bp, bm := bernoulli(w), bernoulli(-w)
		d.dia[k] += r * bp
		d.sup[k] = -r * bm
		d.dia[k+1] += r * bm
		d.sub[k+1] = -r * bp
	}
	// Thomas elimination; the matrix is a column-diagonally dominant M-matrix, so no pivoting
	// is needed and the solution of a non-negative right side is non-negative.
	d.cp[0] = d.sup[0] / d.dia[0]
	for k := 1; k < n; k++ {
		d.cp[k] = d.sup[k] / (d.dia[k] - d.sub[k]*d.cp[k-1])
	}
	for l := 0; l < nl; l++ {
		base := l * outer
		d.dp[0] = f[base] / d.dia[0]
		for k := 1; k < n; k++ {
			d.dp[k] = (f[base+k*stride] - d.sub[k]*d.dp[k-1]) / (d.dia[k] - d.sub[k]*d.cp[k-1])
		}
		x := d.dp[n-1]
		f[base+(n-1)*stride] = x
		for k := n - 2; k >= 0; k-- {
			x = d.dp[k] - d.cp[k]*x
			f[base+k*stride] = x
		}
	}
}

// trialStep sets d.trial to the split implicit step of f0 over dt with parameters (ux, uy, T).
func (d *Dougherty) trialStep(dt, ux, uy, temp float64) {
	copy(d.trial, d.f0)
	// v_x lines: nvy lines (one per v_y index), stride nvy.
	d.solveLines(d.trial, d.nvx, d.nvy, d.nvy, 1, d.hx, d.vx, ux, temp, dt)
	if d.vdim == 2 {
		// v_y lines: nvx contiguous lines.
		d.solveLines(d.trial, d.nvy, 1, d.nvx, d.nvy, d.hy, d.vy, uy, temp, dt)
	}
}

// Step replaces the block f by its implicit conservative step over dt ≥ 0. It returns an
// error if f has no positive density and temperature or if the moment-matching iteration fails
// to converge.
func (d *Dougherty) Step(f []float64, dt float64) error {
	if d.nu == 0 || dt == 0 {
		return nil
	}
	rho, px, py, e := d.moments(f)
	if !(rho > 0) {
		return fmt.Errorf("vpfp: block density %v is not positive", rho)
	}
	ux, uy := px/rho, py/rho
	temp := (e/rho - ux*ux - uy*uy) / float64(d.vdim)
	if !(temp > 0) || math.IsInf(temp, 0) {
		return fmt.Errorf("vpfp: block temperature %v is not positive", temp)
	}
	copy(d.f0, f)
	// Unknowns θ = (u_x, [u_y], T); residual G(θ) = moments of the step − moments of f.
	nu := d.vdim + 1
	theta := []float64{ux, uy, temp}[:0]
	theta = append(theta, ux)
	if d.vdim == 2 {
		theta = append(theta, uy)
	}
	theta = append(theta, temp)
	target := []float64{px, py, e}
	scale := rho * (1 + temp)
	resid := func(th []float64, out []float64) {
		uy := 0.0
		if d.vdim == 2 {
			uy = th[1]
		}
		d.trialStep(dt, th[0], uy, th[nu-1])
		_, qx, qy, qe := d.moments(d.trial)
		out[0] = qx - target[0]
		if d.vdim == 2 {
			out[1] = qy - target[1]
		}
		out[nu-1] = qe - target[2]
	}
	g := make([]float64, nu)
	gp := make([]float64, nu)
	jac := make([]float64, nu*nu)
	d.Iterations = 0
	prev := math.Inf(1)
	for it := 0; ; it++ {
		resid(theta, g)
		var gn float64
		for _, v := range g {
			gn = max(gn, math.Abs(v))
		}
		if gn <= newtonTol*scale || (gn <= newtonFloor*scale && gn > 0.5*prev) {
			break
		}
		prev = gn
		if it == newtonMax {
			return fmt.Errorf("vpfp: moment matching did not converge in %d iterations "+
				"(residual %.3g relative)", newtonMax, gn/scale)
		}
		d.Iterations++
		for c := 0; c < nu; c++ {
			hstep := newtonStep * (math.Abs(theta[c]) + math.Sqrt(theta[nu-1]))
			th := append([]float64(nil), theta...)
			th[c] += hstep
			resid(th, gp)
			for r := 0; r < nu; r++ {
				jac[r*nu+c] = (gp[r] - g[r]) / hstep
			}
		}
		delta, ok := solveSmall(jac, g, nu)
		if !ok {
			return fmt.Errorf("vpfp: singular moment-matching Jacobian")
		}
		for c := range theta {
			theta[c] -= delta[c]
		}
		if !(theta[nu-1] > 0) {
			return fmt.Errorf("vpfp: moment matching reached temperature %v", theta[nu-1])
		}
	}
	copy(f, d.trial)
	return nil
}

// solveSmall solves the n×n system a·x = b (n ≤ 3) by Gaussian elimination with partial
// pivoting; a and b are not modified.
func solveSmall(a, b []float64, n int) ([]float64, bool) {
	m := append([]float64(nil), a...)
	x := append([]float64(nil), b...)
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r*n+c]) > math.Abs(m[p*n+c]) {
				p = r
			}
		}
		if m[p*n+c] == 0 {
			return nil, false
		}
		if p != c {
			for k := 0; k < n; k++ {
				m[c*n+k], m[p*n+k] = m[p*n+k], m[c*n+k]
			}
			x[c], x[p] = x[p], x[c]
		}
		for r := c + 1; r < n; r++ {
			q := m[r*n+c] / m[c*n+c]
			for k := c; k < n; k++ {
				m[r*n+k] -= q * m[c*n+k]
			}
			x[r] -= q * x[c]
		}
	}
	for c := n - 1; c >= 0; c-- {
		for k := c + 1; k < n; k++ {
			x[c] -= m[c*n+k] * x[k]
		}
		x[c] /= m[c*n+c]
	}
	return x, true
}
