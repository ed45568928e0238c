package population

import (
	"fmt"
	"math"
)

// Cooling names a classical simulated-annealing schedule.
type Cooling int

const (
	// Logarithmic cooling T_k = T₀ ln 2 / ln(k + 2) (Geman & Geman, IEEE PAMI 6, 1984;
	// Hajek, Math. Oper. Res. 13, 1988): slow enough, for a large enough T₀, to reach the
	// global minimum with probability one as k → ∞, but far from TEnd at any practical budget.
	Logarithmic Cooling = iota
	// Geometric cooling T_k = T₀ (TEnd/T₀)^{k/(S−1)} over S steps (Kirkpatrick, Gelatt &
	// Vecchi, Science 220, 1983).
	Geometric
)

// String returns "sa-log" or "sa-geo".
func (c Cooling) String() string {
	switch c {
	case Logarithmic:
		return "sa-log"
	case Geometric:
		return "sa-geo"
	}
	return fmt.Sprintf("Cooling(%d)", int(c))
}

// Temperature returns T_k, k = 0..steps−1, for the schedule.
func (c Cooling) Temperature(k, steps int, T0, TEnd float64) float64 {
	switch c {
	case Logarithmic:
		return T0 * math.Ln2 / math.Log(float64(k)+2)
	default:
		if steps <= 1 {
			return T0
		}
		return T0 * math.Pow(TEnd/T0, float64(k)/float64(steps-1))
	}
}

// AnnealConfig holds the settings shared by CAST and simulated annealing.
type AnnealConfig struct {
	// Agents is the number of agents (CAST, at least 2) or of independent chains (simulated
	// annealing, at least 1).
	Agents int
	// Budget is the number of energy evaluations, counting the initial one of each agent and
	// every proposal (a proposal outside the box counts though it is not evaluated). Each
	// agent makes (Budget − Agents)/Agents moves; at least one is required, and Budget is
	// at most MaxBudget.
	Budget int64
	// T0 and TEnd are the initial and final (target mean) temperatures, 0 < TEnd ≤ T0.
	T0, TEnd float64
	// Scale σ₀ is the initial proposal standard deviation per coordinate at T₀; 0 selects
	// 0.1·(High − Low)/√m for moves of m coordinates, so that a move spans about a tenth of
	// the box. At temperature T an agent's scale is a·σ₀√(T/T₀), a its adaptive factor.
	Scale float64
	// Coordinates m is the number of coordinates a move perturbs, chosen uniformly at
	// random among the Dim: 1 ≤ m ≤ Dim (0 selects 1).
	Coordinates int
	// Acceptance α* ∈ (0, 1) is the acceptance rate the scale adaptation aims at (0 selects
	// 0.234 + 0.206/m: 0.44 for single-coordinate moves).
	Acceptance float64
	// FixedScale switches the adaptation off: a = 1 throughout.
	FixedScale bool
	// Seed fixes every random stream of the run.
	Seed uint64
	// Workers is the number of goroutines moving agents (0: GOMAXPROCS). Results do not
	// depend on it.
	Workers int
	// Recorder, if not nil, receives Progress after every step.
	Recorder Recorder
}

// AnnealResult is the outcome of an annealing run.
type AnnealResult struct {
	Method     string
	Best       []float64 // best position found
	BestEnergy float64
	Evals      int64       // energy evaluations used
	Steps      int         // moves per agent
	X          [][]float64 // final positions
	E          []float64   // final energies
	T          []float64   // final temperatures
	Acceptance float64     // fraction of accepted proposals
}

func (c *AnnealConfig) validate(p *Problem, minAgents int) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := checkAgents(c.Agents, minAgents); err != nil {
		return err
	}
	if err := checkPositive("T0", c.T0); err != nil {
		return err
	}
	if err := checkPositive("TEnd", c.TEnd); err != nil {
		return err
	}
	if c.TEnd > c.T0 {
		return rangeErr("TEnd", c.TEnd, fmt.Sprintf("must not exceed T0 = %g", c.T0))
	}
	if c.Scale < 0 || math.IsNaN(c.Scale) || math.IsInf(c.Scale, 0) {
		return rangeErr("Scale", c.Scale, "must be finite and ≥ 0 (0 selects the default)")
	}
	if c.Coordinates < 0 || c.Coordinates > p.Dim {
		return rangeErr("Coordinates", c.Coordinates,
			fmt.Sprintf("must lie in [1, Dim = %d] (0 selects 1)", p.Dim))
	}
	if c.Acceptance != 0 && !(c.Acceptance > 0 && c.Acceptance < 1) {
		return rangeErr("Acceptance", c.Acceptance, "must lie in (0, 1) (0 selects the default)")
	}
	if err := checkState(c.Agents, p.Dim); err != nil {
		return err
	}
	if c.Budget < 2*int64(c.Agents) || c.Budget > MaxBudget {
		return rangeErr("Budget", c.Budget,
			fmt.Sprintf("must be at least 2·Agents = %d and at most %d", 2*c.Agents, MaxBudget))
	}
	return nil
}

func (c *AnnealConfig) block(p *Problem) int {
	if c.Coordinates == 0 {
		return 1
	}
	return min(c.Coordinates, p.Dim)
}

func (c *AnnealConfig) sigma0(p *Problem) float64 {
	if c.Scale > 0 {
		return c.Scale
	}
	return 0.1 * (p.High - p.Low) / math.Sqrt(float64(c.block(p)))
}

func (c *AnnealConfig) moves(p *Problem) *moveRule {
	m := c.block(p)
	target := c.Acceptance
	if target == 0 {
		target = targetAcceptance(m)
	}
	return &moveRule{block: m, target: target, adapt: !c.FixedScale, width: p.High - p.Low}
}

// Anneal runs classical simulated annealing: Agents independent random-walk Metropolis
// chains, all at the temperature T_k of the schedule at step k. Each move perturbs m =
// Coordinates random coordinates with scale a·σ₀√(T_k/T₀), a the chain's own factor adapted
// to the acceptance rate α* (see AnnealConfig). These are the same moves, with the same
// adaptation, as CAST's, so that a comparison at equal evaluations differs only in the
// control of temperature. The result holds the best point over all chains and steps.
func Anneal(p Problem, cool Cooling, cfg AnnealConfig) (*AnnealResult, error) {
	if err := cfg.validate(&p, 1); err != nil {
		return nil, err
	}
	if cool != Logarithmic && cool != Geometric {
		return nil, rangeErr("Cooling", int(cool), "must be Logarithmic or Geometric")
	}
	n := cfg.Agents
	steps := int((cfg.Budget - int64(n)) / int64(n))
	rs := agentStreams(cfg.Seed, n)
	ws := make([]walker, n)
	forAgents(n, cfg.Workers, func(i int) { ws[i] = newWalker(&p, rs[i]) })
	res := &AnnealResult{Method: cool.String(), Steps: steps, BestEnergy: math.Inf(1)}
	res.Best = make([]float64, p.Dim)
	track := func() float64 {
		var mean float64
		for i := range ws {
			if ws[i].e < res.BestEnergy {
				res.BestEnergy = ws[i].e
				copy(res.Best, ws[i].x)
			}
			mean += ws[i].e
		}
		return mean / float64(n)
	}
	track()
	evals := int64(n)
	sigma0 := cfg.sigma0(&p)
	rule := cfg.moves(&p)
	accepted := make([]int64, n)
	for k := range steps {
		T := cool.Temperature(k, steps, cfg.T0, cfg.TEnd)
		sigma := proposalScale(sigma0, cfg.T0, T, rule.width)
		forAgents(n, cfg.Workers, func(i int) {
			if ws[i].anneal(&p, T, sigma, rule) {
				accepted[i]++
			}
		})
		evals += int64(n)
		mean := track()
		record(cfg.Recorder, Progress{Method: res.Method, Step: k + 1, Evals: evals,
			Budget: cfg.Budget, Best: res.BestEnergy, Mean: mean, Temperature: T, MinTemperature: T})
	}
	res.Evals = evals
	T := cool.Temperature(max(steps-1, 0), steps, cfg.T0, cfg.TEnd)
	finish(res, ws, accepted, func(int) float64 { return T })
	return res, nil
}

func finish(res *AnnealResult, ws []walker, accepted []int64, temp func(i int) float64) {
	var acc int64
	for i := range ws {
		res.X = append(res.X, append([]float64(nil), ws[i].x...))
		res.E = append(res.E, ws[i].e)
		res.T = append(res.T, temp(i))
		acc += accepted[i]
	}
	if moves := int64(res.Steps) * int64(len(ws)); moves > 0 {
		res.Acceptance = float64(acc) / float64(moves)
	}
}
