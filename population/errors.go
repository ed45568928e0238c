package population

import (
	"errors"
	"fmt"
	"math"
)

// ErrConfig is wrapped by every error that reports a configuration value out of range. The
// message names the field, the value given and the allowed range, for example
//
//	population: invalid configuration: Agents = 1 out of range: must be at least 2
var ErrConfig = errors.New("population: invalid configuration")

func rangeErr(field string, value any, want string) error {
	return fmt.Errorf("%w: %s = %v out of range: %s", ErrConfig, field, value, want)
}

// Upper bounds on the sizes of a run. They keep every array a run allocates to a few
// hundred MiB, so that an oversized request is refused at set-up with the allowed range
// instead of failing in the allocator, and a budget that no machine could finish is refused
// before it starts. Each bound is far above the sizes the methods are used at.
const (
	// MaxAgents bounds the number of agents (or chains): 2²⁰ = 1048576.
	MaxAgents = 1 << 20
	// MaxDim bounds the dimension of a problem or of an objective's parameters θ:
	// 2²⁰ = 1048576.
	MaxDim = 1 << 20
	// MaxState bounds Agents·Dim, the coordinates held by a population: 2²⁵ = 33554432, so
	// that the two or three copies a method keeps (position and proposal, or parameters,
	// their next generation and gradients) need at most 768 MiB.
	MaxState = 1 << 25
	// MaxBudget bounds the energy evaluations of an annealing run and the gradient steps
	// of a training run: 10¹², days of work at the fastest energies.
	MaxBudget = 1_000_000_000_000
	// MaxGenerations bounds the generations of Train, RandomSearch and Evolve: 2²⁰,
	// since a record of every generation is kept.
	MaxGenerations = 1 << 20
)

func checkAgents(n, min int) error {
	if n < min || n > MaxAgents {
		return rangeErr("Agents", n, fmt.Sprintf("must be at least %d and at most %d",
			min, MaxAgents))
	}
	return nil
}

// checkState refuses populations of agents × dim coordinates above MaxState; field names the
// setting to reduce.
func checkState(agents, dim int) error {
	if int64(agents)*int64(dim) > MaxState {
		return rangeErr("Agents·Dim", fmt.Sprintf("%d·%d", agents, dim),
			fmt.Sprintf("must be at most %d", MaxState))
	}
	return nil
}

func checkPositive(field string, v float64) error {
	if !(v > 0) || math.IsInf(v, 0) {
		return rangeErr(field, v, "must be finite and > 0")
	}
	return nil
}

func checkUnit(field string, v float64, open bool) error {
	if open {
		if !(v >= 0 && v < 1) {
			return rangeErr(field, v, "must lie in [0, 1)")
		}
		return nil
	}
	if !(v >= 0 && v <= 1) {
		return rangeErr(field, v, "must lie in [0, 1]")
	}
	return nil
}
