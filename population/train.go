package population

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Objective is a training problem for population training: a loss on parameters θ ∈ R^Dim
// with stochastic mini-batch gradients, and a validation loss that defines fitness.
// Implementations must be safe for concurrent use by agents that pass distinct θ, grad and r.
type Objective interface {
	// Dim returns the number of parameters.
	Dim() int
	// Init writes initial parameters into theta, drawing from r.
	Init(r *rand.Rand, theta []float64)
	// Gradient writes the gradient of the training loss on a mini-batch of the given size
	// (drawn from r; batch ≤ 0 means the full set) into grad and returns that loss.
	Gradient(r *rand.Rand, theta, grad []float64, batch int) float64
	// Validation returns the validation loss at theta.
	Validation(theta []float64) float64
}

// Names of the hyperparameters that Train's fast dynamics reads from the Space. Only HyperLR
// is required; a missing HyperBeta means β = ∞ (plain SGD), a missing HyperDecay means no
// weight decay and a missing HyperBatch means full-batch gradients.
const (
	HyperLR    = "lr"    // learning rate η > 0
	HyperBeta  = "beta"  // inverse temperature β > 0
	HyperDecay = "decay" // weight decay λ ≥ 0
	HyperBatch = "batch" // mini-batch size (Integer)
)

// StepParams are the hyperparameters of one Langevin step.
type StepParams struct {
	LR    float64 // η > 0
	Beta  float64 // β > 0; +Inf for no noise
	Decay float64 // λ ≥ 0
	Batch int     // mini-batch size; ≤ 0 for the full set
}

// LangevinStep makes one step of the (stochastic-gradient) Langevin dynamics
//
//	θ ← θ − η (∇L_B(θ) + λθ) + √(2η/β) ξ,  ξ ~ N(0, I),
//
// the Euler–Maruyama discretisation of dθ = −∇(L + λ|θ|²/2) dt + √(2/β) dW (Welling & Teh,
// ICML 2011), whose invariant law for small η is ∝ exp(−β(L + λ|θ|²/2)). For L = aθ²/2 the
// discrete chain is Gaussian with variance exactly 1/(βa(1 − ηa/2)) when B is the full set.
// grad is scratch of length Dim. It returns the mini-batch loss before the step.
func LangevinStep(obj Objective, r *rand.Rand, theta, grad []float64, sp StepParams) float64 {
	loss := obj.Gradient(r, theta, grad, sp.Batch)
	noise := 0.0
	if !math.IsInf(sp.Beta, 1) {
		noise = math.Sqrt(2 * sp.LR / sp.Beta)
	}
	for k := range theta {
		theta[k] -= sp.LR * (grad[k] + sp.Decay*theta[k])
		if noise != 0 {
			theta[k] += noise * r.NormFloat64()
		}
	}
	return loss
}

// TrainConfig sets up two-time-scale population training.
type TrainConfig struct {
	Agents      int // 2..MaxAgents, with Agents·Objective.Dim() ≤ MaxState
	Generations int // slow steps, 1..MaxGenerations
	// Steps is the number K ≥ 1 of fast (Langevin) steps per generation, with
	// Agents·Generations·Steps ≤ MaxBudget.
	Steps     int
	Space     Space
	Selection Selection
	Mutation  float64 // σ ≥ 0 in normalised coordinates
	Seed      uint64
	Workers   int // goroutines for the fast steps (0: GOMAXPROCS); results do not depend on it
	Recorder  Recorder
}

// TrainResult is the outcome of Train or RandomSearch.
type TrainResult struct {
	Method   string
	Theta    [][]float64 // final parameters per agent
	H        [][]float64 // final hyperparameters per agent
	Loss     []float64   // final validation loss per agent
	Best     int         // agent with the lowest final validation loss
	BestLoss float64
	// History[g] is the lowest validation loss among the agents after generation g.
	History []float64
	Steps   int64 // gradient steps used, Agents·Generations·Steps
}

type roles struct{ lr, beta, decay, batch int }

func (c *TrainConfig) validate(obj Objective, sel Selection) (roles, error) {
	var ro roles
	if obj == nil {
		return ro, fmt.Errorf("%w: Objective is nil", ErrConfig)
	}
	if err := validateSlow(c.Agents, c.Space, sel, c.Mutation); err != nil {
		return ro, err
	}
	if c.Generations < 1 || c.Generations > MaxGenerations {
		return ro, rangeErr("Generations", c.Generations,
			fmt.Sprintf("must be at least 1 and at most %d", MaxGenerations))
	}
	if c.Steps < 1 || c.Steps > MaxBudget {
		return ro, rangeErr("Steps", c.Steps, fmt.Sprintf("must be at least 1 and at most %d",
			int64(MaxBudget)))
	}
	total := float64(c.Agents) * float64(c.Generations) * float64(c.Steps)
	if total > MaxBudget {
		return ro, rangeErr("Agents·Generations·Steps", total,
			fmt.Sprintf("must be at most %d gradient steps", int64(MaxBudget)))
	}
	if dim := obj.Dim(); dim < 1 || dim > MaxDim {
		return ro, rangeErr("Objective.Dim", dim,
			fmt.Sprintf("must be at least 1 and at most %d", MaxDim))
	}
	if err := checkState(c.Agents, obj.Dim()); err != nil {
		return ro, err
	}
	ro = roles{c.Space.Index(HyperLR), c.Space.Index(HyperBeta), c.Space.Index(HyperDecay),
		c.Space.Index(HyperBatch)}
	if ro.lr < 0 {
		return ro, fmt.Errorf("%w: Space has no %q parameter (learning rate)", ErrConfig, HyperLR)
	}
	positive := func(k int, name string) error {
		if k >= 0 && !(c.Space[k].Low > 0) {
			return rangeErr("Param "+name+" Low", c.Space[k].Low, "must be > 0")
		}
		return nil
	}
	if err := positive(ro.lr, HyperLR); err != nil {
		return ro, err
	}
	if err := positive(ro.beta, HyperBeta); err != nil {
		return ro, err
	}
	if ro.decay >= 0 && c.Space[ro.decay].Low < 0 {
		return ro, rangeErr("Param decay Low", c.Space[ro.decay].Low, "must be ≥ 0")
	}
	if ro.batch >= 0 && !c.Space[ro.batch].Integer {
		return ro, fmt.Errorf("%w: Param batch must be Integer", ErrConfig)
	}
	return ro, nil
}

func (ro roles) params(h []float64) StepParams {
	sp := StepParams{LR: h[ro.lr], Beta: math.Inf(1)}
	if ro.beta >= 0 {
		sp.Beta = h[ro.beta]
	}
	if ro.decay >= 0 {
		sp.Decay = h[ro.decay]
	}
	if ro.batch >= 0 {
		sp.Batch = int(h[ro.batch])
	}
	return sp
}

// Train runs two-time-scale population training of obj. Each agent i holds parameters θᵢ,
// hyperparameters hᵢ (drawn uniformly in normalised coordinates) and its own random stream.
// Fast time scale: every agent makes Steps Langevin steps (LangevinStep) with its own h. Slow
// time scale, once per generation: fitness Fᵢ = −Validation(θᵢ), selection by cfg.Selection
// (copies of θ and h), mutation of the copied h. For fixed h the fast dynamics relaxes to
// the Gibbs law ∝ exp(−βL); the slow one is a selection–mutation process on the law of h
// (see Evolve and MeanField).
func Train(obj Objective, cfg TrainConfig) (*TrainResult, error) {
	return train(obj, cfg, cfg.Selection, "pbt")
}

// RandomSearch is the baseline for Train at equal compute: every agent trains for
// Generations·Steps Langevin steps with hyperparameters drawn once and never changed; the
// result is the best agent. cfg.Selection and cfg.Mutation are ignored.
func RandomSearch(obj Objective, cfg TrainConfig) (*TrainResult, error) {
	cfg.Mutation = 0
	return train(obj, cfg, noSelection{}, "random")
}

func train(obj Objective, cfg TrainConfig, sel Selection, method string) (*TrainResult, error) {
	ro, err := cfg.validate(obj, sel)
	if err != nil {
		return nil, err
	}
	n, dim, d := cfg.Agents, obj.Dim(), len(cfg.Space)
	master := Stream(cfg.Seed, 0)
	rs := agentStreams(cfg.Seed, n)
	theta, next := make([][]float64, n), make([][]float64, n)
	H, nextH := make([][]float64, n), make([][]float64, n)
	grad := make([][]float64, n)
	for i := range n {
		theta[i], next[i], grad[i] = make([]float64, dim), make([]float64, dim), make([]float64, dim)
		H[i], nextH[i] = make([]float64, d), make([]float64, d)
		cfg.Space.Sample(master, H[i])
		obj.Init(rs[i], theta[i])
	}
	loss := make([]float64, n)
	fit := make([]float64, n)
	parent := make([]int, n)
	mutate := make([]bool, n)
	res := &TrainResult{Method: method}
	budget := int64(n) * int64(cfg.Generations) * int64(cfg.Steps)
	for g := range cfg.Generations {
		forAgents(n, cfg.Workers, func(i int) {
			sp := ro.params(H[i])
			for range cfg.Steps {
				LangevinStep(obj, rs[i], theta[i], grad[i], sp)
			}
			loss[i] = obj.Validation(theta[i])
		})
		best, mean := math.Inf(1), 0.0
		for i, l := range loss {
			if math.IsNaN(l) {
				l = math.Inf(1)
				loss[i] = l
			}
			fit[i] = -l
			best = min(best, l)
			mean += l / float64(n)
		}
		res.History = append(res.History, best)
		if g == cfg.Generations-1 {
			break // the last generation is evaluated, not selected
		}
		sel.Select(master, fit, parent, mutate)
		for i := range n {
			copy(next[i], theta[parent[i]])
			copy(nextH[i], H[parent[i]])
			if mutate[i] {
				cfg.Space.Mutate(master, cfg.Mutation, nextH[i])
			}
		}
		theta, next = next, theta
		H, nextH = nextH, H
		record(cfg.Recorder, Progress{Method: method, Step: g + 1,
			Evals: int64(g+1) * int64(n) * int64(cfg.Steps), Budget: budget, Best: best,
			Mean: mean, Hypers: cloneRows(H)})
	}
	res.Theta, res.H, res.Loss = theta, H, loss
	res.Best = 0
	for i, l := range loss {
		if l < loss[res.Best] {
			res.Best = i
		}
	}
	res.BestLoss = loss[res.Best]
	res.Steps = budget
	record(cfg.Recorder, Progress{Method: method, Step: cfg.Generations, Evals: budget,
		Budget: budget, Best: res.BestLoss, Mean: meanOf(loss), Hypers: cloneRows(H)})
	return res, nil
}

func meanOf(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// Quadratic is the objective L(θ) = (A/2)|θ|² on R^N with exact gradients (no mini-batch
// noise) and Validation = L. Under Langevin dynamics at inverse temperature β each
// coordinate has the Gibbs law N(0, 1/(βA)).
type Quadratic struct {
	A float64
	N int
}

// Dim implements Objective.
func (q Quadratic) Dim() int { return q.N }

// Init implements Objective: θ = 0.
func (q Quadratic) Init(_ *rand.Rand, theta []float64) {
	for k := range theta {
		theta[k] = 0
	}
}

// Gradient implements Objective.
func (q Quadratic) Gradient(_ *rand.Rand, theta, grad []float64, _ int) float64 {
	var l float64
	for k, v := range theta {
		grad[k] = q.A * v
		l += 0.5 * q.A * v * v
	}
	return l
}

// Validation implements Objective.
func (q Quadratic) Validation(theta []float64) float64 {
	var l float64
	for _, v := range theta {
		l += 0.5 * q.A * v * v
	}
	return l
}
