package landau

import (
	"errors"
	"fmt"
	"math"
)

// DefaultCFL is the default safety factor C of the step bound
// dt = C h² / (4 max_c λ_max(a_c)); see the package documentation.
const DefaultCFL = 1.0

// MaxCFL is the largest accepted safety factor: 2.5 is the extent of the
// SSP-RK3 stability region on the negative real axis (2.51…), beyond which
// the frozen-coefficient diffusion modes grow.
const MaxCFL = 2.5

// Errors a time step can stop with.
var (
	// ErrNonFinite: the distribution holds NaN or ±Inf after a step.
	ErrNonFinite = errors.New("landau: distribution became non-finite")
	// ErrNonPositive: the entropic form met f ≤ 0, where log f is undefined.
	ErrNonPositive = errors.New("landau: entropic form needs f > 0 but f became <= 0")
)

// CheckDensity returns an error if f, an initial density on an n×n grid
// (length n²), has a non-finite or negative value, or, in Entropic form,
// a value that is not > 0. The error names the node and the value.
func (op *Operator) CheckDensity(f []float64) error {
	n := op.n
	if len(f) != n*n {
		return fmt.Errorf("landau: initial density has %d values, want n² = %d", len(f), n*n)
	}
	for i, v := range f {
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			return fmt.Errorf("landau: initial density f[%d, %d] = %v out of range: must be finite",
				i/n, i%n, v)
		case v < 0:
			return fmt.Errorf("landau: initial density f[%d, %d] = %v out of range: must be >= 0",
				i/n, i%n, v)
		case v == 0 && op.form == Entropic:
			return fmt.Errorf("landau: initial density f[%d, %d] = 0 out of range: "+
				"the entropic form needs f > 0", i/n, i%n)
		}
	}
	return nil
}

// Integrator advances the spatially homogeneous Landau equation
//
//	∂t f = Q_L[f]
//
// with the three-stage strong-stability-preserving Runge–Kutta scheme of
// Shu & Osher (J. Comput. Phys. 77, 1988):
//
//	f¹ = fⁿ + dt Q(fⁿ),
//	f² = ¾ fⁿ + ¼ (f¹ + dt Q(f¹)),
//	fⁿ⁺¹ = ⅓ fⁿ + ⅔ (f² + dt Q(f²)),
//
// with dt = CFL · h² / (4 max_c λ_max(a_c)) recomputed at every step from
// the diffusion matrix of fⁿ (available from the first stage at no cost).
// Each stage is a convex combination of forward Euler steps with the same
// dt, so every linear invariant (mass, momentum, energy) of Q is kept to
// round-off.
type Integrator struct {
	op *Operator
	// F is the distribution, length n², updated in place by Step.
	F []float64
	// T is the time.
	T float64
	// CFL is the safety factor C, in (0, MaxCFL].
	CFL float64

	f0, f1, q []float64
}

// NewIntegrator returns an integrator for op starting at time t0 from a
// copy of f0 (checked by CheckDensity) with safety factor cfl in
// (0, MaxCFL].
func NewIntegrator(op *Operator, f0 []float64, t0, cfl float64) (*Integrator, error) {
	if err := op.CheckDensity(f0); err != nil {
		return nil, err
	}
	if !(cfl > 0 && cfl <= MaxCFL) {
		return nil, fmt.Errorf("landau: cfl = %v out of range: must be in (0, %v]", cfl, MaxCFL)
	}
	if math.IsNaN(t0) || math.IsInf(t0, 0) {
		return nil, fmt.Errorf("landau: t0 = %v out of range: must be finite", t0)
	}
	nn := len(f0)
	in := &Integrator{op: op, F: append([]float64(nil), f0...), T: t0, CFL: cfl,
		f0: make([]float64, nn), f1: make([]float64, nn), q: make([]float64, nn)}
	return in, nil
}

// Operator returns the operator the integrator applies.
func (in *Integrator) Operator() *Operator { return in.op }

// Step advances F by one SSP-RK3 step of size min(dtStable, dtMax) and
// returns that size; dtMax ≤ 0 means no cap. It returns ErrNonFinite or
// ErrNonPositive (wrapped with the time) if the new F is unusable; F is then
// left at the failed value and T is not advanced.
func (in *Integrator) Step(dtMax float64) (float64, error) {
	op, f, f0, f1, q := in.op, in.F, in.f0, in.f1, in.q
	copy(f0, f)
	op.Apply(q, f)
	dt := op.StableStep(in.CFL)
	if dtMax > 0 {
		dt = min(dt, dtMax)
	}
	if math.IsInf(dt, 1) {
		return 0, fmt.Errorf("landau: no step bound at t = %v: the diffusion matrix vanishes "+
			"(lambda = 0 or f = 0); pass a finite dtMax", in.T)
	}
	for i := range f {
		f1[i] = f0[i] + dt*q[i]
	}
	if err := in.stageOK(f1); err != nil {
		return 0, err
	}
	op.Apply(q, f1)
	for i := range f {
		f1[i] = 0.75*f0[i] + 0.25*(f1[i]+dt*q[i])
	}
	if err := in.stageOK(f1); err != nil {
		return 0, err
	}
	op.Apply(q, f1)
	for i := range f {
		f[i] = f0[i]/3 + 2.0/3*(f1[i]+dt*q[i])
	}
	if err := in.stageOK(f); err != nil {
		return 0, err
	}
	in.T += dt
	return dt, nil
}

func (in *Integrator) stageOK(f []float64) error {
	ent := in.op.form == Entropic
	for _, v := range f {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w at t = %v", ErrNonFinite, in.T)
		}
		if ent && v <= 0 {
			return fmt.Errorf("%w at t = %v", ErrNonPositive, in.T)
		}
	}
	return nil
}

// Advance steps until T reaches tEnd exactly (the last step is shortened)
// and returns the number of steps taken.
func (in *Integrator) Advance(tEnd float64) (int, error) {
	steps := 0
	for in.T < tEnd {
		dtMax := tEnd - in.T
		dt, err := in.Step(dtMax)
		if err != nil {
			return steps, err
		}
		steps++
		if dt == dtMax {
			in.T = tEnd
		}
	}
	return steps, nil
}
