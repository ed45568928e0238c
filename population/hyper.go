package population

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Param describes one hyperparameter and its allowed range [Low, High].
//
// Mutation and initial sampling work in the normalised coordinate u ∈ [0, 1],
//
//	u = (log h − log Low)/(log High − log Low)   (Log: positive, scale-free parameters)
//	u = (h − Low)/(High − Low)                    (otherwise),
//
// so that one mutation size suits every parameter. Integer parameters are rounded to the
// nearest integer after every mutation and stay within [Low, High].
type Param struct {
	Name      string
	Low, High float64
	Log       bool
	Integer   bool
}

// Validate reports a field of p out of range.
func (p Param) Validate() error {
	f := "Param " + p.Name
	switch {
	case math.IsNaN(p.Low) || math.IsNaN(p.High) || math.IsInf(p.Low, 0) ||
		math.IsInf(p.High, 0):
		return rangeErr(f+" bounds", [2]float64{p.Low, p.High}, "must be finite")
	case p.Low > p.High:
		return rangeErr(f+" bounds", [2]float64{p.Low, p.High}, "must satisfy Low ≤ High")
	case p.Log && !(p.Low > 0):
		return rangeErr(f+" Low", p.Low, "must be > 0 for a log-scaled parameter")
	case p.Integer && math.Ceil(p.Low) > math.Floor(p.High):
		return rangeErr(f+" bounds", [2]float64{p.Low, p.High}, "must contain an integer")
	}
	return nil
}

// ToUnit maps h to the normalised coordinate u ∈ [0, 1] (0 when Low = High).
func (p Param) ToUnit(h float64) float64 {
	if p.High == p.Low {
		return 0
	}
	if p.Log {
		return (math.Log(h) - math.Log(p.Low)) / (math.Log(p.High) - math.Log(p.Low))
	}
	return (h - p.Low) / (p.High - p.Low)
}

// FromUnit maps u ∈ [0, 1] back to a value in [Low, High], rounded for Integer parameters.
func (p Param) FromUnit(u float64) float64 {
	u = min(max(u, 0), 1)
	var h float64
	if p.Log {
		h = math.Exp(math.Log(p.Low) + u*(math.Log(p.High)-math.Log(p.Low)))
	} else {
		h = p.Low + u*(p.High-p.Low)
	}
	if p.Integer {
		h = min(max(math.Round(h), math.Ceil(p.Low)), math.Floor(p.High))
	}
	return min(max(h, p.Low), p.High)
}

// Space is an ordered set of hyperparameters; a point of the space is a []float64 with one
// value per Param.
type Space []Param

// Validate reports the first Param out of range, or an empty or duplicated name.
func (s Space) Validate() error {
	if len(s) == 0 {
		return rangeErr("len(Space)", 0, "must be at least 1")
	}
	seen := map[string]bool{}
	for _, p := range s {
		if seen[p.Name] {
			return fmt.Errorf("%w: Param name %q repeated", ErrConfig, p.Name)
		}
		seen[p.Name] = true
		if err := p.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// Index returns the position of the parameter named name, or −1.
func (s Space) Index(name string) int {
	for k, p := range s {
		if p.Name == name {
			return k
		}
	}
	return -1
}

// Sample draws a point uniformly in the normalised coordinates (log-uniformly for Log
// parameters).
func (s Space) Sample(r *rand.Rand, h []float64) {
	for k, p := range s {
		h[k] = p.FromUnit(r.Float64())
	}
}

// reflectUnit folds u into [0, 1] by reflection at both ends.
func reflectUnit(u float64) float64 {
	u = math.Mod(u, 2)
	if u < 0 {
		u += 2
	}
	if u > 1 {
		u = 2 - u
	}
	return u
}

// Mutate perturbs every parameter of h in place: u ← u + σξ, ξ ~ N(0, 1), reflected into
// [0, 1], then mapped back (and rounded for integers). Reflection keeps a uniform density
// invariant, so mutation alone does not push the population to the bounds. An Integer
// parameter whose rounding would undo a non-zero move keeps its value; use a σ of at least
// about 1/(High − Low) to move it.
func (s Space) Mutate(r *rand.Rand, sigma float64, h []float64) {
	if sigma == 0 {
		return
	}
	for k, p := range s {
		h[k] = p.FromUnit(reflectUnit(p.ToUnit(h[k]) + sigma*r.NormFloat64()))
	}
}
