package population

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// MetropolisAccept draws the Metropolis decision (Metropolis et al., J. Chem. Phys. 21, 1953)
// for an energy change dE at temperature T > 0: it accepts with probability
//
//	min(1, exp(−dE/T)),
//
// so that a chain with a symmetric proposal is reversible with respect to exp(−E/T). It draws
// a uniform number only when dE > 0.
func MetropolisAccept(r *rand.Rand, dE, T float64) bool {
	if dE <= 0 {
		return true
	}
	return r.Float64() < math.Exp(-dE/T)
}

// walker is one agent of an annealer: a position, its energy and its own random stream.
type walker struct {
	x, y []float64 // position and proposal scratch
	e    float64
	rng  *rand.Rand
}

func newWalker(p *Problem, r *rand.Rand) walker {
	w := walker{x: make([]float64, p.Dim), y: make([]float64, p.Dim), rng: r}
	for k := range w.x {
		w.x[k] = p.Low + (p.High-p.Low)*r.Float64()
	}
	w.e = p.Energy(w.x)
	return w
}

// move makes one random-walk Metropolis step at temperature T with Gaussian proposals of
// standard deviation sigma per coordinate. A proposal outside the box is rejected without an
// energy evaluation. It reports whether the move was accepted.
func (w *walker) move(p *Problem, T, sigma float64) bool {
	inside := true
	for k, v := range w.x {
		y := v + sigma*w.rng.NormFloat64()
		if y < p.Low || y > p.High {
			inside = false
		}
		w.y[k] = y
	}
	if !inside {
		return false
	}
	ey := p.Energy(w.y)
	if MetropolisAccept(w.rng, ey-w.e, T) {
		w.x, w.y = w.y, w.x
		w.e = ey
		return true
	}
	return false
}

// Chain is a random-walk Metropolis chain at a fixed temperature T on a Problem: its
// stationary law is proportional to exp(−E(x)/T) on the box.
type Chain struct {
	P        Problem
	T        float64 // temperature, > 0
	Scale    float64 // proposal standard deviation per coordinate, > 0
	Proposed int64
	Accepted int64
	w        walker
}

// NewChain starts a chain at x0 (copied; a uniform point of the box if x0 is nil) drawing
// from r.
func NewChain(p Problem, T, scale float64, x0 []float64, r *rand.Rand) (*Chain, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := checkPositive("T", T); err != nil {
		return nil, err
	}
	if err := checkPositive("Scale", scale); err != nil {
		return nil, err
	}
	c := &Chain{P: p, T: T, Scale: scale}
	if x0 == nil {
		c.w = newWalker(&c.P, r)
		return c, nil
	}
	if len(x0) != p.Dim {
		return nil, rangeErr("len(x0)", len(x0), fmt.Sprintf("must equal Problem.Dim = %d", p.Dim))
	}
	c.w = walker{x: append([]float64(nil), x0...), y: make([]float64, p.Dim), rng: r}
	c.w.e = p.Energy(c.w.x)
	return c, nil
}

// Step makes one Metropolis step.
func (c *Chain) Step() {
	c.Proposed++
	if c.w.move(&c.P, c.T, c.Scale) {
		c.Accepted++
	}
}

// X returns the current position (shared with the chain).
func (c *Chain) X() []float64 { return c.w.x }

// E returns the current energy.
func (c *Chain) E() float64 { return c.w.e }

// proposalScale is the per-coordinate proposal standard deviation at temperature T,
//
//	σ(T) = σ₀ √(T/T₀),  capped at the box width,
//
// so hot agents explore with long jumps and cold ones search locally.
func proposalScale(sigma0, T0, T, width float64) float64 {
	return min(sigma0*math.Sqrt(T/T0), width)
}
