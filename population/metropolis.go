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

// walker is one agent of an annealer: a position, its energy, its own random stream and the
// state of its proposal-scale adaptation.
type walker struct {
	x, y []float64 // position and proposal scratch
	e    float64
	rng  *rand.Rand
	idx  []int   // coordinate scratch for block moves
	logA float64 // log of the adaptive factor a of the proposal scale
	k    int64   // adaptive moves made, for the Robbins–Monro gain
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

// moveRule fixes the proposals of the annealers (simulated annealing and CAST alike).
type moveRule struct {
	block  int     // coordinates perturbed per move, 1..Dim
	target float64 // target acceptance α* of the scale adaptation
	adapt  bool    // adapt the factor a by Robbins–Monro
	width  float64 // box width, the cap on the per-coordinate scale
}

// adaptGainExponent is the exponent of the Robbins–Monro gain γ_k = (k + 1)^(−0.6): the sum
// of the gains diverges and the sum of their squares converges, and the decay is slow enough
// to follow the drift of the best scale as the temperature falls.
const adaptGainExponent = 0.6

// targetAcceptance returns α*(m) = 0.234 + 0.206/m, the acceptance rate that maximises the
// efficiency of a random-walk Metropolis move of m coordinates: 0.44 for m = 1 and 0.234 as
// m → ∞ (Gelman, Roberts & Gilks, Bayesian Statistics 5, 1996; Roberts, Gelman & Gilks,
// Ann. Appl. Probab. 7, 1997), with the values 0.35, 0.31, 0.29 in between matching their
// small-dimension optima to about 0.02.
func targetAcceptance(m int) float64 { return 0.234 + 0.206/float64(m) }

// anneal makes one adaptive Metropolis step at temperature T. It perturbs rule.block distinct
// coordinates, chosen uniformly, by a·sigmaT·ξ, ξ ~ N(0, 1) each, where sigmaT = σ₀√(T/T₀)
// and a = exp(logA) is the walker's adaptive factor; the product is capped at the box width.
// With adaptation on, the factor then follows the Robbins–Monro recursion
//
//	log a ← log a + γ_k (1{accepted} − α*),
//
// which raises the scale while acceptance exceeds α* and lowers it otherwise (Robbins & Monro,
// Ann. Math. Stat. 22, 1951; Andrieu & Thoms, Stat. Comput. 18, 2008). A proposal outside the
// box is rejected without an energy evaluation.
func (w *walker) anneal(p *Problem, T, sigmaT float64, rule *moveRule) bool {
	sigma := min(math.Exp(w.logA)*sigmaT, rule.width)
	n := len(w.x)
	copy(w.y, w.x)
	inside := true
	perturb := func(j int) {
		v := w.x[j] + sigma*w.rng.NormFloat64()
		if v < p.Low || v > p.High {
			inside = false
		}
		w.y[j] = v
	}
	switch {
	case rule.block >= n:
		for j := range n {
			perturb(j)
		}
	case rule.block == 1:
		perturb(w.rng.IntN(n))
	default:
		// Partial Fisher–Yates shuffle: the first block entries are a uniform subset.
		if len(w.idx) != n {
			w.idx = make([]int, n)
		}
		for j := range w.idx {
			w.idx[j] = j
		}
		for j := range rule.block {
			r := j + w.rng.IntN(n-j)
			w.idx[j], w.idx[r] = w.idx[r], w.idx[j]
			perturb(w.idx[j])
		}
	}
	accepted := false
	if inside {
		ey := p.Energy(w.y)
		if MetropolisAccept(w.rng, ey-w.e, T) {
			w.x, w.y = w.y, w.x
			w.e = ey
			accepted = true
		}
	}
	if rule.adapt {
		w.k++
		gain := math.Pow(float64(w.k), -adaptGainExponent)
		hit := 0.0
		if accepted {
			hit = 1
		}
		// Keep a·sigmaT within [e⁻⁴⁰, width]: a factor pushed past the cap would leave the
		// scale stuck at the box width once the temperature falls.
		w.logA = min(max(w.logA+gain*(hit-rule.target), -40), math.Log(rule.width/sigmaT))
	}
	return accepted
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
