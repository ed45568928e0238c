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
	// Contrast κ ∈ [0, 1) bounds how unevenly an interacting pair splits its temperature:
	// the better agent keeps the share (1 − κ')/2, κ' = κ(1 − exp(−2ΔE/S)) ≤ κ (0 splits
	// evenly; DefaultContrast is the default).
	Contrast float64
	// Selection s ≥ 0 scales the probability 1 − exp(−s Δβ ΔE) that the worse agent of an
	// interacting pair restarts from the better one's position (0, the default, turns
	// selection off; see CAST).
	Selection float64
}

// DefaultContrast is the contrast κ used by DefaultCompareConfig and the command line.
const DefaultContrast = 0.5

// DefaultSelection is the selection strength s used by DefaultCompareConfig: off. At 5000
// evaluations per dimension s = 1 made CAST worse on Rastrigin in 30 dimensions (median best
// 46 against 35) and no better elsewhere: with ten agents, copying positions removes the
// diversity that best-of-population relies on faster than it concentrates effort.
const DefaultSelection = 0

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
//  1. Metropolis: every agent perturbs m = Coordinates random coordinates of xᵢ by
//     aᵢσ₀√(Tᵢ/T₀)ξ, ξ ~ N(0, 1), and accepts with probability min(1, exp(−ΔE/Tᵢ)) at its
//     own temperature. The factor aᵢ is the agent's own, adapted by Robbins–Monro on log aᵢ
//     to the acceptance rate α* (see AnnealConfig): √T carries the change of the best scale
//     with temperature in a quadratic basin, aᵢ learns the basin's curvature. Anneal uses the
//     same moves, so that the methods differ only in the control of temperature;
//
//  2. Pairing (Nanbu–Babovsky sampling: Nanbu, J. Phys. Soc. Jpn. 49, 1980; Babovsky, Eur.
//     J. Mech. B 5, 1986): a uniformly random permutation splits the agents into ⌊N/2⌋
//     disjoint pairs, each agent in at most one pair, and each pair interacts with
//     probability P;
//
//  3. Binary rule: in an interacting pair let b be the agent with the lower energy, w the
//     other, ΔE = E_w − E_b ≥ 0 and S = T_b + T_w. With dissipation ε ∈ [0, 1) and contrast
//     κ ∈ [0, 1),
//
//     κ' = κ (1 − exp(−2ΔE/S)),
//     T_b' = (1 − ε)(1 − κ') S/2,
//     T_w' = (1 − ε)(1 + κ') S/2;
//
//  4. Selection (only if s = Selection > 0): with probability 1 − exp(−s Δβ ΔE), where
//     Δβ = 2ε/((1 − ε)S) is the step's increase of the pair's inverse mean temperature, w
//     copies x_b (and a_b) and keeps its own, hotter temperature.
//
// Why the mean falls and T stays positive: T_b' + T_w' = (1 − ε)S, so every interacting pair
// loses the fraction ε of its summed temperature and no pair gains; the mean temperature is
// non-increasing on every path, and since each agent is paired with probability
// c = 2⌊N/2⌋/N and interacts with probability P, E[T̄ₙ₊₁ | Tₙ] = (1 − P ε c) T̄ₙ exactly.
// ε is chosen by CASTCooling so that the expected mean reaches TEnd after the last step, which
// ties the cooling to the budget. Positivity: S > 0 and both factors (1 − ε) and (1 ∓ κ') are
// positive, so both new temperatures are positive; selection moves no temperature.
//
// Why this split: the rule is an inelastic binary collision of "temperature" in the sense of
// kinetic theory. It sends the better agent to the colder share (exploitation) and the worse
// to the hotter (exploration), but only as far as the energy gap is significant at the pair's
// temperature: 1 − exp(−2ΔE/S) is the probability that a Metropolis step at S/2 refuses the
// climb from b to w, so agents in the same basin (ΔE ≪ S) just equalise. The ratio of the
// pair's new temperatures is at most (1 + κ)/(1 − κ) and the better agent's share is a fixed
// fraction of the pair sum, so the temperatures scaled by their mean keep a spread of order
// κ and nobody is frozen early. A rule in which the better agent instead hands the fraction
// λ = 0.02 of its own temperature to the worse at every interaction cools the leading agents
// geometrically faster than the mean: with the same moves and budget (20 seeds, 5000
// evaluations per dimension) it left CAST at median best 16 on Ackley and 107 on Rastrigin
// in 30 dimensions, against 0.009 and 35 with this rule. Selection is the pairwise
// (Moran-type) form of the reweighting of population annealing (Hukushima & Iba, AIP Conf.
// Proc. 690, 2003; Machta, Phys. Rev. E 82, 2010):
// to first order in Δβ the expected gain in copies of agent i is Δβ(Ē − Eᵢ) per pairing, as
// for weights exp(−Δβ Eᵢ).
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
			c := kappa * -math.Expm1(-2*dE/sum)
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
// uses cfg.Agents independent chains; PairRate, Contrast and Selection apply to CAST only.
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
