package vpl

import (
	"fmt"

	"github.com/kinsolve/kinsolve/solver/kinetic"
	"github.com/kinsolve/kinsolve/solver/sim"
)

// maxBDF2Ratio is the largest step ratio ω = dt_n/dt_{n−1} for which stepBDF2 uses its
// history; the variable-step BDF2 is zero-stable for ω < 1 + √2, and a larger jump (a full step
// after a step shortened to land on an output time) restarts with the first-order step.
const maxBDF2Ratio = 2

// stepBDF2 advances by dt with the penalised semi-Lagrangian IMEX-BDF2 scheme of the package
// documentation, or with its first-order start when there is no usable history. Every term
// of R is taken at the arrival point of the same characteristics: f^n and f^{n−1} are
// transported, and the explicit collision term is evaluated on the transported states.
func (m *Model) stepBDF2(dt float64) (float64, error) {
	g := m.tr.G
	f := m.tr.F
	copy(m.fn, f)
	history := m.dtPrev > 0 && dt <= maxBDF2Ratio*m.dtPrev
	// A = T(dt_n) T(dt_{n−1}) f^{n−1} in aux, B = T(dt_n) f^n in f.
	if history {
		copy(m.aux.F, m.fPrev)
		if err := m.aux.Strang(m.dtPrev); err != nil {
			return 0, m.fail(sim.Failed, err)
		}
		if err := m.aux.Strang(dt); err != nil {
			return 0, m.fail(sim.Failed, err)
		}
	}
	// The first-order start takes X at f^n, as IMEX does: X(B) would carry the O(dt)
	// departure of a transported Maxwellian from equilibrium into f^{n+1} in the fluid limit,
	// where in the BDF2 step it cancels between 2X(B) and X(A).
	if !history {
		if err := m.explicitTerm(m.q, f); err != nil {
			return 0, err
		}
	}
	if err := m.tr.Strang(dt); err != nil {
		return 0, m.fail(sim.Failed, err)
	}
	// R = a1 B − a2 A + b1 X(B) − b2 X(A), then f^{n+1} = (R + κ M[R])/(1 + κ); the first
	// step is R = B + dt X(f^n).
	if history {
		if err := m.explicitTerm(m.q, f); err != nil {
			return 0, err
		}
	}
	kappa := dt * m.beta / m.eps
	if history {
		if err := m.explicitTerm(m.xPrev, m.aux.F); err != nil {
			return 0, err
		}
		w := dt / m.dtPrev
		a1 := (1 + w) * (1 + w) / (1 + 2*w)
		a2 := w * w / (1 + 2*w)
		c0 := (1 + 2*w) / (1 + w)
		b1, b2 := dt*(1+w)/c0, dt*w/c0
		kappa /= c0
		for k := range f {
			f[k] = a1*f[k] - a2*m.aux.F[k] + b1*m.q[k] - b2*m.xPrev[k]
		}
	} else {
		for k := range f {
			f[k] += dt * m.q[k]
		}
	}
	nx := g.X.N
	inv := 1 / (1 + kappa)
	for ix := 0; ix < nx; ix++ {
		b := g.Block(f, ix)
		if _, _, _, err := m.mx.Project(m.mstar, b); err != nil {
			return 0, m.fail(sim.Failed, fmt.Errorf("x = %.4g: %w", g.X.Node(ix), err))
		}
		for k := range b {
			b[k] = (b[k] + kappa*m.mstar[k]) * inv
		}
	}
	m.tr.SolvePoisson()
	if err := kinetic.CheckFinite(g, f); err != nil {
		return 0, m.fail(sim.NonFinite, err)
	}
	copy(m.fPrev, m.fn)
	m.dtPrev = dt
	m.t += dt
	return dt, nil
}

// explicitTerm sets x = [Q(s) − Q(M[s]) + β(s − M[s])]/ε (Q(s) as it is when Raw) for the
// state s, with its moments removed to round-off: they vanish up to Newton's tolerance and
// the operator's round-off, which 1/ε would otherwise amplify into the mass balance. It uses
// m.h and m.qm as scratch; an error has already restored f^n.
func (m *Model) explicitTerm(x, s []float64) error {
	g := m.tr.G
	nx := g.X.N
	if err := m.op.EvalBatch(x, s, nx); err != nil {
		return m.fail(sim.Failed, err)
	}
	for ix := 0; ix < nx; ix++ {
		if _, _, _, err := m.mx.Project(g.Block(m.h, ix), g.Block(s, ix)); err != nil {
			return m.fail(sim.Failed, fmt.Errorf("x = %.4g: %w", g.X.Node(ix), err))
		}
	}
	if !m.raw {
		if err := m.op.EvalBatch(m.qm, m.h, nx); err != nil {
			return m.fail(sim.Failed, err)
		}
		for k := range x {
			x[k] -= m.qm[k]
		}
	}
	for k := range x {
		x[k] = (x[k] + m.beta*(s[k]-m.h[k])) / m.eps
	}
	for ix := 0; ix < nx; ix++ {
		if err := m.mx.RemoveMoments(g.Block(x, ix), g.Block(m.h, ix)); err != nil {
			return m.fail(sim.Failed, fmt.Errorf("x = %.4g: %w", g.X.Node(ix), err))
		}
	}
	return nil
}

// RemoveMoments subtracts from x the function M·(c_0 + c·v + c_3|v|²) whose discrete mass,
// momentum and energy are those of x, so that x has zero moments to round-off; weight is a
// positive function (a Maxwellian) on the velocity block. The weighted Gram matrix
// Σ φ_r φ_c weight is positive definite for a positive weight; an error reports otherwise.
func (m *Maxwellian) RemoveMoments(x, weight []float64) error {
	idx := []int{0, 1, 3}
	if m.d == 2 {
		idx = []int{0, 1, 2, 3}
	}
	n := len(idx)
	var gram [16]float64
	var mom [4]float64
	for k, w := range weight {
		p := &m.phi[k]
		for r, cr := range idx {
			mom[r] += p[cr] * x[k]
			for c, cc := range idx {
				gram[r*n+c] += p[cr] * p[cc] * w
			}
		}
	}
	coef, ok := solveSym(gram[:n*n], mom[:n], n)
	if !ok {
		return fmt.Errorf("singular moment matrix")
	}
	for k, w := range weight {
		p := &m.phi[k]
		var s float64
		for r, cr := range idx {
			s += coef[r] * p[cr]
		}
		x[k] -= w * s
	}
	return nil
}
