package population

import (
	"fmt"
	"math"
	"slices"
)

// CASTConfig holds the settings of Collective Annealing by Switching Temperatures.
type CASTConfig struct {
	AnnealConfig
	// PairRate P ∈ (0, 1] is the probability that a sampled pair interacts in a step
	// (0 selects 1).
	PairRate float64
	// Contrast κ ∈ [0, 1) sets how unevenly an interacting pair splits its temperature: the
	// better agent's share is (1 − κ')/2 with κ' ≤ κ (0 splits evenly; DefaultContrast is
	// the default of the command-line front end).
	Contrast float64
	// Selection s ≥ 0 scales the probability that the worse agent of a pair restarts from
	// the better one's position (0: no selection; DefaultSelection is the default).
	Selection float64
}

// DefaultContrast is the contrast κ used by DefaultCompareConfig.
const DefaultContrast = 0.5

// DefaultSelection is the selection strength s used by DefaultCompareConfig.
const DefaultSelection = 1

var castEnergyAware = true

// CASTCooling returns the dissipation ε of the binary rule for which the expected mean
// temperature falls from T0 to TEnd in the given number of steps:
//
//	(1 − P ε c)^steps = TEnd/T0,  c = 2⌊N/2⌋/N,
//
// where c is the fraction of agents that are paired in a step.
func CASTCooling(agents, steps int, pairRate, T0, TEnd float64) float64 {
	if steps < 1 || agents < 2 {
		return 0
	}
	c := float64(2*(agents/2)) / float64(agents)
	per := 1 - math.Pow(TEnd/T0, 1/float64(steps)) // required fractional decrease per step
	return min(per/(pairRate*c), 0.99)
}

// CAST runs Collective Annealing by Switching Temperatures on p with N = Agents ≥ 2 agents,
// each with a position xᵢ and its own temperature Tᵢ > 0, all starting at T₀. One step is
//
//  1. Metropolis: every agent proposes xᵢ + σ(Tᵢ)ξ, ξ ~ N(0, I), σ(T) = σ₀√(T/T₀), and
//     accepts with probability min(1, exp(−ΔE/Tᵢ)) at its own temperature;
//
//  2. Pairing (Nanbu–Babovsky sampling: Nanbu, J. Phys. Soc. Jpn. 49, 1980; Babovsky, Eur.
//     J. Mech. B 5, 1986): a uniformly random permutation splits the agents into ⌊N/2⌋
//     disjoint pairs, each agent in at most one pair, and each pair interacts with
//     probability P;
//
//  3. Binary rule: in an interacting pair let b be the agent with the lower energy and w the
//     other. If T_b > T_w the two temperatures are first switched, so that the better agent
//     holds the colder one. Then, with dissipation ε ∈ [0, 1) and transfer λ ∈ [0, 1),
//
//     T_b' = (1 − ε)(1 − λ) T_b,
//     T_w' = (1 − ε)(T_w + λ T_b).
//
// Why the mean falls and T stays positive: switching preserves T_b + T_w, and the exchange
// gives T_b' + T_w' = (1 − ε)(T_b + T_w), so every interacting pair loses the fraction ε of
// its summed temperature and no pair gains. Hence the mean temperature is non-increasing on
// every path, and since each agent is paired with probability c = 2⌊N/2⌋/N and interacts with
// probability P, E[T̄ₙ₊₁ | Tₙ] = (1 − P ε c) T̄ₙ exactly (the left-out agent of an odd N is
// uniformly random). Positivity: T_b' is the positive T_b times (1 − ε)(1 − λ) > 0, and T_w'
// is (1 − ε) > 0 times a sum of non-negative terms one of which, T_w, is positive. ε is
// chosen by CASTCooling so that the expected mean reaches TEnd after the last step; the
// better half of the population cools faster than the mean (exploitation) while λ keeps the
// worse half warm enough to cross barriers (exploration).
func CAST(p Problem, cfg CASTConfig) (*AnnealResult, error) {
	if err := cfg.validate(&p, 2); err != nil {
		return nil, err
	}
	P := cfg.PairRate
	if P == 0 {
		P = 1
	}
	if !(P > 0 && P <= 1) {
		return nil, rangeErr("PairRate", cfg.PairRate, "must lie in (0, 1]")
	}
	if err := checkUnit("Contrast", cfg.Contrast, true); err != nil {
		return nil, err
	}
	if !(cfg.Selection >= 0) || math.IsInf(cfg.Selection, 0) {
		return nil, rangeErr("Selection", cfg.Selection, "must be finite and ≥ 0")
	}
	n := cfg.Agents
	steps := int((cfg.Budget - int64(n)) / int64(n))
	eps := CASTCooling(n, steps, P, cfg.T0, cfg.TEnd)
	kappa, sel := cfg.Contrast, cfg.Selection
	master := Stream(cfg.Seed, 0)
	rs := agentStreams(cfg.Seed, n)
	ws := make([]walker, n)
	forAgents(n, cfg.Workers, func(i int) { ws[i] = newWalker(&p, rs[i]) })
	T := make([]float64, n)
	for i := range T {
		T[i] = cfg.T0
	}
	res := &AnnealResult{Method: "cast", Steps: steps, BestEnergy: math.Inf(1)}
	res.Best = make([]float64, p.Dim)
	track := func() (meanE, meanT float64) {
		for i := range ws {
			if ws[i].e < res.BestEnergy {
				res.BestEnergy = ws[i].e
				copy(res.Best, ws[i].x)
			}
			meanE += ws[i].e
			meanT += T[i]
		}
		return meanE / float64(n), meanT / float64(n)
	}
	track()
	evals := int64(n)
	sigma0 := cfg.sigma0(&p)
	rule := cfg.moves(&p)
	accepted := make([]int64, n)
	perm := make([]int, n)
	for k := range steps {
		forAgents(n, cfg.Workers, func(i int) {
			if ws[i].anneal(&p, T[i], proposalScale(sigma0, cfg.T0, T[i], rule.width), rule) {
				accepted[i]++
			}
		})
		evals += int64(n)
		for i := range perm {
			perm[i] = i
		}
		master.Shuffle(n, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		for q := 0; q+1 < n; q += 2 {
			if P < 1 && master.Float64() >= P {
				continue
			}
			b, w := perm[q], perm[q+1]
			if ws[w].e < ws[b].e {
				b, w = w, b
			}
			sum := T[b] + T[w]
			dE := ws[w].e - ws[b].e // ≥ 0
			c := kappa
			if castEnergyAware {
				c *= -math.Expm1(-2 * dE / sum)
			}
			T[b] = (1 - eps) * (1 - c) * sum / 2
			T[w] = (1 - eps) * (1 + c) * sum / 2
			if sel > 0 && dE > 0 {
				// Δβ of the pair's mean temperature over the step.
				dBeta := 2 * eps / ((1 - eps) * sum)
				if master.Float64() < -math.Expm1(-sel*dBeta*dE) {
					copy(ws[w].x, ws[b].x)
					ws[w].e = ws[b].e
					ws[w].logA = ws[b].logA
				}
			}
		}
		meanE, meanT := track()
		record(cfg.Recorder, Progress{Method: res.Method, Step: k + 1, Evals: evals,
			Budget: cfg.Budget, Best: res.BestEnergy, Mean: meanE, Temperature: meanT,
			MinTemperature: slices.Min(T)})
	}
	res.Evals = evals
	finish(res, ws, accepted, func(i int) float64 { return T[i] })
	return res, nil
}

// Method names accepted by RunAnneal.
const (
	MethodCAST  = "cast"
	MethodSALog = "sa-log"
	MethodSAGeo = "sa-geo"
)

// AnnealMethods lists the annealing methods by name.
var AnnealMethods = []string{MethodCAST, MethodSALog, MethodSAGeo}

// RunAnneal runs the named method ("cast", "sa-log" or "sa-geo") with cfg. Simulated annealing
// uses cfg.Agents independent chains; PairRate and Transfer apply to CAST only.
func RunAnneal(method string, p Problem, cfg CASTConfig) (*AnnealResult, error) {
	switch method {
	case MethodCAST:
		return CAST(p, cfg)
	case MethodSALog:
		return Anneal(p, Logarithmic, cfg.AnnealConfig)
	case MethodSAGeo:
		return Anneal(p, Geometric, cfg.AnnealConfig)
	}
	return nil, fmt.Errorf("%w: method = %q unknown: must be one of cast, sa-log, sa-geo",
		ErrConfig, method)
}
