// Package population implements optimisation and training by interacting agents: collective
// annealing (CAST) with its simulated-annealing baselines, and two-time-scale population
// training with its mean-field limit and a random-search baseline.
//
// # Annealing
//
// An annealing Problem is an energy E on a box. A random-walk Metropolis move at temperature
// T proposes y = x + σ(T)ξ, ξ ~ N(0, I), and accepts with probability min(1, exp(−ΔE/T))
// (MetropolisAccept; Chain runs one chain at fixed T), so that the stationary law is
// ∝ exp(−E/T). The proposal scale grows with temperature, σ(T) = σ₀√(T/T₀).
//
// CAST (Collective Annealing by Switching Temperatures) gives each of N agents its own
// temperature. After the Metropolis moves, agents are paired at random (Nanbu–Babovsky
// sampling) and each pair applies a binary rule: the better agent takes the colder
// temperature, then hands the fraction λ of it to the other, and the pair loses the fraction ε
// of its summed temperature,
//
//	T_b' = (1 − ε)(1 − λ) T_b,   T_w' = (1 − ε)(T_w + λ T_b).
//
// Pair sums only shrink, so the mean temperature never increases, its expectation falls
// geometrically, E[T̄ₙ₊₁] = (1 − Pεc) T̄ₙ, and every temperature stays positive (see CAST).
// Anneal runs the classical baselines with logarithmic (T₀ ln 2/ln(k+2)) and geometric
// cooling. Compare tabulates them at equal numbers of energy evaluations on the standard test
// functions Rastrigin, Ackley (a = 20) and Himmelblau (Lookup).
//
// # Population training
//
// N agents each hold parameters θ and hyperparameters h (learning rate η, inverse temperature
// β, weight decay λ, batch size B). On the fast time scale each agent runs Langevin dynamics
//
//	θ ← θ − η(h) (∇L_B(θ) + λθ) + √(2η/β) ξ,
//
// which for fixed h relaxes to the Gibbs law ∝ exp(−β(L + λ|θ|²/2)). On the slow time scale,
// every K fast steps, agents are selected by fitness F = −(validation loss) (Truncation or
// Proportional) and the copies' hyperparameters are mutated in normalised (log) coordinates
// within their bounds, integers staying integers (Space.Mutate). Train runs both scales;
// RandomSearch is the baseline that keeps every agent's h fixed at equal compute.
//
// The slow dynamics alone (Evolve, with a closed-form fitness) is a selection–mutation
// process whose many-agent limit is the discrete replicator–mutator equation
//
//	ρₙ₊₁(h) = ∫ K_σ(h ← g) exp(s F(g)) ρₙ(g) dg / ∫ exp(s F) ρₙ,
//
// integrated on a grid by MeanField. For F(h) = −(h − h*)² with Gaussian mutation of variance
// m² the population settles at mean h* and variance StationaryVariance(s, m).
//
// # Reproducibility and concurrency
//
// Every run takes a Seed. Agent i draws only from its own PCG stream (Stream(seed, i+1)),
// and pairing and selection draw from stream 0 on the calling goroutine, so results are
// identical for any number of Workers. Functions never print; progress goes to a Recorder.
//
// References: Metropolis, Rosenbluth, Rosenbluth, Teller & Teller, J. Chem. Phys. 21 (1953);
// Kirkpatrick, Gelatt & Vecchi, Science 220 (1983); Geman & Geman, IEEE PAMI 6 (1984);
// Nanbu, J. Phys. Soc. Jpn. 49 (1980); Babovsky, Eur. J. Mech. B 5 (1986); Welling & Teh,
// ICML (2011); Jaderberg et al., arXiv:1711.09846 (2017); Hofbauer & Sigmund, Evolutionary
// Games and Population Dynamics (1998).
package population
