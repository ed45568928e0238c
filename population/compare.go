package population

import (
	"fmt"
	"math"
	"slices"
)

// CompareRow is one line of a method comparison on one problem: the median over seeds of the
// best energy found, and the fraction of seeds whose best energy reached the problem's Target.
type CompareRow struct {
	Function string  `json:"function"`
	Dim      int     `json:"dim"`
	Method   string  `json:"method"`
	Seeds    int     `json:"seeds"`
	Budget   int64   `json:"budget"`
	Median   float64 `json:"median_best"`
	Success  float64 `json:"success_fraction"`
	Target   float64 `json:"target"`
}

// CompareSetup fixes a comparison: for each function and dimension, every method runs with
// Seeds seeds (Seed, Seed+1, ...) at a Budget of EvalsPerDim·Dim energy evaluations.
type CompareSetup struct {
	Functions   []string
	Dims        []int
	Methods     []string
	Seeds       int
	EvalsPerDim int64
	Seed        uint64
	// Config supplies the remaining settings (Agents, T0, TEnd, ...). Simulated annealing
	// runs SAChains independent chains (classical annealing: 1).
	Config   CASTConfig
	SAChains int
	// Progress, if not nil, is called after each run with the count done and the total.
	Progress func(done, total int)
}

// Compare runs the setup and returns one row per function, dimension and method, in that
// order. All methods see the same seeds and the same budget.
func Compare(s CompareSetup) ([]CompareRow, error) {
	if s.Seeds < 1 {
		return nil, rangeErr("Seeds", s.Seeds, "must be at least 1")
	}
	if s.EvalsPerDim < 1 {
		return nil, rangeErr("EvalsPerDim", s.EvalsPerDim, "must be at least 1")
	}
	total := len(s.Functions) * len(s.Dims) * len(s.Methods) * s.Seeds
	done := 0
	var rows []CompareRow
	for _, name := range s.Functions {
		for _, d := range s.Dims {
			p, err := Lookup(name, d)
			if err != nil {
				return nil, err
			}
			for _, m := range s.Methods {
				best := make([]float64, s.Seeds)
				hits := 0
				for k := range s.Seeds {
					cfg := s.Config
					cfg.Budget = s.EvalsPerDim * int64(d)
					cfg.Seed = s.Seed + uint64(k)
					if m != MethodCAST {
						cfg.Agents = max(s.SAChains, 1)
					}
					res, err := RunAnneal(m, p, cfg)
					if err != nil {
						return nil, fmt.Errorf("%s, dim %d, %s: %w", name, d, m, err)
					}
					best[k] = res.BestEnergy
					if res.BestEnergy <= p.Target {
						hits++
					}
					done++
					if s.Progress != nil {
						s.Progress(done, total)
					}
				}
				rows = append(rows, CompareRow{Function: p.Name, Dim: d, Method: m,
					Seeds: s.Seeds, Budget: s.EvalsPerDim * int64(d), Median: median(best),
					Success: float64(hits) / float64(s.Seeds), Target: p.Target})
			}
		}
	}
	return rows, nil
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// DefaultCompareConfig returns the settings used for comparisons and by the command-line
// front end: 10 CAST agents, T₀ = 10, TEnd = 10⁻³, contrast DefaultContrast, selection
// DefaultSelection (off), every pair interacting, and for every method single-coordinate
// moves with the scale adapted to acceptance 0.44.
func DefaultCompareConfig() CASTConfig {
	return CASTConfig{AnnealConfig: AnnealConfig{Agents: 10, T0: 10, TEnd: 1e-3},
		PairRate: 1, Contrast: DefaultContrast, Selection: DefaultSelection}
}
