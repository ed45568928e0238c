package population

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Selection decides, from the agents' fitness values (larger is better), which agent each
// slot copies. Select fills parent[i] with the agent whose θ and h agent i takes, and
// mutate[i] with whether agent i's hyperparameters are then mutated. It draws only from r.
type Selection interface {
	Select(r *rand.Rand, fitness []float64, parent []int, mutate []bool)
	Validate() error
}

// Truncation is the exploit rule of population-based training (Jaderberg et al.,
// arXiv:1711.09846, 2017): the agents in the bottom Fraction by fitness each copy θ and h of an
// agent drawn uniformly from the top Fraction, and only those copies are mutated. The other
// agents keep their state.
type Truncation struct {
	Fraction float64 // in (0, 0.5]
}

// Validate reports Fraction out of range.
func (t Truncation) Validate() error {
	if !(t.Fraction > 0 && t.Fraction <= 0.5) {
		return rangeErr("Truncation.Fraction", t.Fraction, "must lie in (0, 0.5]")
	}
	return nil
}

// Select implements Selection.
func (t Truncation) Select(r *rand.Rand, fitness []float64, parent []int, mutate []bool) {
	n := len(fitness)
	order := make([]int, n)
	for i := range order {
		order[i] = i
		parent[i] = i
		mutate[i] = false
	}
	// Sort best first; ties keep index order so that runs are reproducible.
	slices.SortStableFunc(order, func(a, b int) int {
		fa, fb := fitness[a], fitness[b]
		switch {
		case fa > fb || (!math.IsNaN(fa) && math.IsNaN(fb)):
			return -1
		case fa < fb || (math.IsNaN(fa) && !math.IsNaN(fb)):
			return 1
		}
		return 0
	})
	m := max(1, int(math.Round(t.Fraction*float64(n))))
	m = min(m, n/2)
	for q := n - m; q < n; q++ {
		i := order[q]
		parent[i] = order[r.IntN(m)]
		mutate[i] = true
	}
}

// Proportional is fitness-proportional resampling with selection strength s ≥ 0: the new
// population is drawn with weights
//
//	wᵢ ∝ exp(s Fᵢ),
//
// by systematic resampling (Kitagawa, J. Comput. Graph. Stat. 5, 1996), and every agent is
// then mutated. s = 0 is neutral (pure mutation and resampling drift). In the limit of many
// agents one generation maps the hyperparameter density ρ(h) to
//
//	ρ'(h) = ∫ K_σ(h ← g) exp(s F(g)) ρ(g) dg / ∫ exp(s F) ρ,
//
// the discrete-time replicator–mutator equation that MeanField integrates.
type Proportional struct {
	Strength float64
}

// Validate reports Strength out of range.
func (p Proportional) Validate() error {
	if !(p.Strength >= 0) || math.IsInf(p.Strength, 0) {
		return rangeErr("Proportional.Strength", p.Strength, "must be finite and ≥ 0")
	}
	return nil
}

// Select implements Selection. Agents with NaN fitness get weight 0.
func (p Proportional) Select(r *rand.Rand, fitness []float64, parent []int, mutate []bool) {
	n := len(fitness)
	fmax := math.Inf(-1)
	for _, f := range fitness {
		if f > fmax {
			fmax = f
		}
	}
	w := make([]float64, n)
	var sum float64
	for i, f := range fitness {
		if !math.IsNaN(f) && !math.IsInf(fmax, -1) {
			w[i] = math.Exp(p.Strength * (f - fmax))
		}
		sum += w[i]
	}
	if !(sum > 0) {
		for i := range w {
			w[i] = 1
		}
		sum = float64(n)
	}
	step := sum / float64(n)
	u := r.Float64() * step
	c, j := w[0], 0
	for i := range n {
		for c < u && j < n-1 {
			j++
			c += w[j]
		}
		parent[i] = j
		mutate[i] = true
		u += step
	}
}

// noSelection keeps every agent as it is: random search.
type noSelection struct{}

func (noSelection) Validate() error { return nil }

func (noSelection) Select(_ *rand.Rand, fitness []float64, parent []int, mutate []bool) {
	for i := range fitness {
		parent[i] = i
		mutate[i] = false
	}
}
