// Package population implements optimisation and training by interacting agents: collective
// annealing (CAST) with its simulated-annealing baselines, and two-time-scale population
// training with its mean-field limit and a random-search baseline.
//
// # Annealing
//
// An annealing Problem is an energy E on a box. A random-walk Metropolis move at temperature
// T proposes y = x + σξ, ξ ~ N(0, I), and accepts with probability min(1, exp(−ΔE/T))
// (MetropolisAccept; Chain runs one chain at fixed T and scale), so that the stationary law
// is ∝ exp(−E/T). The annealers (CAST and simulated annealing alike) move m = Coordinates
// random coordinates at a time (one by default) with the scale σ = a σ₀√(T/T₀): √T follows
// the best scale of a quadratic basin as T falls, and each agent's factor a is adapted by a
// Robbins–Monro recursion on log a to the acceptance rate 0.234 + 0.206/m (0.44 for single
// coordinates). Single-coordinate moves matter in high dimension: a move of all d
// coordinates must shrink its step like d^(−1/2) to stay acceptable, so it cannot jump a
// barrier between neighbouring local minima, while a one-coordinate jump changes E by an
// amount independent of d. Each move costs one energy evaluation either way.
//
// CAST (Collective Annealing by Switching Temperatures) gives each of N agents its own
// temperature. After the Metropolis moves, agents are paired at random (Nanbu–Babovsky
// sampling) and each interacting pair, better agent b and worse w, S = T_b + T_w,
// ΔE = E_w − E_b, applies the inelastic binary rule
//
//	κ' = κ(1 − exp(−2ΔE/S)),  T_b' = (1 − ε)(1 − κ') S/2,  T_w' = (1 − ε)(1 + κ') S/2.
//
// Pair sums only shrink, so the mean temperature never increases, its expectation falls
// geometrically, E[T̄ₙ₊₁] = (1 − Pεc) T̄ₙ with ε fixed by the budget (CASTCooling), and every
// temperature stays positive; the better agent is colder, but only by a bounded ratio and only
// when the energy gap is significant at the pair's temperature (see CAST). An optional
// selection lets the worse agent restart from the better one's position with the pairwise
// form of the reweighting of population annealing. Anneal runs the classical baselines with
// logarithmic (T₀ ln 2/ln(k+2)) and geometric cooling and the same moves. Compare tabulates
// them at equal numbers of energy evaluations on the standard test functions Rastrigin,
// Ackley (a = 20) and Himmelblau (Lookup).
//
// Measured (20 seeds, 5000 evaluations per dimension, defaults): CAST with ten agents
// reaches the Ackley target in 2, 10 and 30 dimensions on every seed and the Rastrigin
// target in 2 dimensions; in 10 and 30 dimensions it stays in a local minimum of Rastrigin
// (median 6.5 and 35). It beats one geometric chain given the whole budget, but ten
// independent geometric chains at the same budget do about as well: the gain comes from the
// moves and from several short chains, not from the exchange of temperatures.
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
// Nanbu, J. Phys. Soc. Jpn. 49 (1980); Babovsky, Eur. J. Mech. B 5 (1986); Robbins & Monro,
// Ann. Math. Stat. 22 (1951); Roberts, Gelman & Gilks, Ann. Appl. Probab. 7 (1997);
// Andrieu & Thoms, Stat. Comput. 18 (2008); Hukushima & Iba, AIP Conf. Proc. 690 (2003);
// Machta, Phys. Rev. E 82 (2010); Welling & Teh,
// ICML (2011); Jaderberg et al., arXiv:1711.09846 (2017); Hofbauer & Sigmund, Evolutionary
// Games and Population Dynamics (1998).
package population
