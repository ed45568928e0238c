package population

import (
	"fmt"
	"math"
)

// EvolveConfig sets up the slow dynamics alone: selection and mutation of hyperparameters
// against a fitness given in closed form.
type EvolveConfig struct {
	Agents      int // at least 2
	Generations int // 1..MaxGenerations
	Space       Space
	Selection   Selection
	// Mutation σ ≥ 0 is the standard deviation of a mutation in normalised coordinates.
	Mutation float64
	Seed     uint64
	Recorder Recorder
}

// EvolveResult holds the final population and per-generation moments.
type EvolveResult struct {
	H [][]float64 // final hyperparameters, H[i][k]
	// Mean[g][k] and Var[g][k] are the population mean and variance of parameter k after
	// generation g (g = 0 is the initial population).
	Mean, Var [][]float64
}

func validateSlow(agents int, space Space, sel Selection, mutation float64) error {
	if err := checkAgents(agents, 2); err != nil {
		return err
	}
	if err := space.Validate(); err != nil {
		return err
	}
	if sel == nil {
		return fmt.Errorf("%w: Selection is nil", ErrConfig)
	}
	if err := sel.Validate(); err != nil {
		return err
	}
	if !(mutation >= 0) || math.IsInf(mutation, 0) {
		return rangeErr("Mutation", mutation, "must be finite and ≥ 0")
	}
	return nil
}

// Evolve runs the selection–mutation process on hyperparameters whose fitness F(h) is known
// in closed form: the initial population is uniform in normalised coordinates; each
// generation evaluates F, selects parents with cfg.Selection and mutates. It is the slow time
// scale of Train without the fast one, and the particle system that MeanField approximates.
func Evolve(F func(h []float64) float64, cfg EvolveConfig) (*EvolveResult, error) {
	if err := validateSlow(cfg.Agents, cfg.Space, cfg.Selection, cfg.Mutation); err != nil {
		return nil, err
	}
	if cfg.Generations < 1 || cfg.Generations > MaxGenerations {
		return nil, rangeErr("Generations", cfg.Generations,
			fmt.Sprintf("must be at least 1 and at most %d", MaxGenerations))
	}
	if F == nil {
		return nil, fmt.Errorf("%w: fitness F is nil", ErrConfig)
	}
	n, d := cfg.Agents, len(cfg.Space)
	master := Stream(cfg.Seed, 0)
	H := make([][]float64, n)
	for i := range H {
		H[i] = make([]float64, d)
		cfg.Space.Sample(master, H[i])
	}
	res := &EvolveResult{}
	moments := func() {
		m, v := hyperMoments(H)
		res.Mean = append(res.Mean, m)
		res.Var = append(res.Var, v)
	}
	moments()
	fit := make([]float64, n)
	parent := make([]int, n)
	mutate := make([]bool, n)
	next := make([][]float64, n)
	for i := range next {
		next[i] = make([]float64, d)
	}
	for g := range cfg.Generations {
		best := math.Inf(-1)
		var mean float64
		for i := range H {
			fit[i] = F(H[i])
			best = max(best, fit[i])
			mean += fit[i]
		}
		cfg.Selection.Select(master, fit, parent, mutate)
		for i := range H {
			copy(next[i], H[parent[i]])
			if mutate[i] {
				cfg.Space.Mutate(master, cfg.Mutation, next[i])
			}
		}
		H, next = next, H
		moments()
		record(cfg.Recorder, Progress{Method: "evolve", Step: g + 1,
			Evals: int64(g+1) * int64(n), Budget: int64(cfg.Generations) * int64(n),
			Best: -best, Mean: -mean / float64(n), Hypers: cloneRows(H)})
	}
	res.H = H
	return res, nil
}

func cloneRows(H [][]float64) [][]float64 {
	out := make([][]float64, len(H))
	for i, h := range H {
		out[i] = append([]float64(nil), h...)
	}
	return out
}

func hyperMoments(H [][]float64) (mean, variance []float64) {
	d := len(H[0])
	mean = make([]float64, d)
	variance = make([]float64, d)
	n := float64(len(H))
	for _, h := range H {
		for k, v := range h {
			mean[k] += v / n
		}
	}
	for _, h := range H {
		for k, v := range h {
			variance[k] += (v - mean[k]) * (v - mean[k]) / n
		}
	}
	return mean, variance
}

// StationaryVariance returns the variance at which selection and mutation balance for the
// Gaussian case: fitness F(h) = −(h − h*)², Proportional selection of strength s, Gaussian
// mutation of variance m² (in h units), no bounds, many agents. Selection maps a Gaussian of
// variance v to one of variance v/(1 + 2sv) and mutation adds m², so the fixed point solves
// 2s v² − 2s m² v − m² = 0:
//
//	v* = ( m² + √(m⁴ + 2m²/s) ) / 2.
func StationaryVariance(s, m float64) float64 {
	m2 := m * m
	return (m2 + math.Sqrt(m2*m2+2*m2/s)) / 2
}
