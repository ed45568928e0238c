package population

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Problem is an annealing problem: an energy on the box [Low, High]^Dim. Moves that leave the
// box are rejected without evaluating the energy, which keeps the Metropolis chain reversible
// with respect to exp(−E/T) restricted to the box.
type Problem struct {
	Name      string
	Dim       int
	Low, High float64
	// Energy returns E(x) for len(x) == Dim. It must be safe for concurrent use.
	Energy func(x []float64) float64
	// Min is the known global minimum value of E (NaN if unknown).
	Min float64
	// Target is the energy below which a run counts as a success in comparisons.
	Target float64
}

// Validate reports the first field of p out of range.
func (p Problem) Validate() error {
	switch {
	case p.Dim < 1 || p.Dim > MaxDim:
		return rangeErr("Problem.Dim", p.Dim, fmt.Sprintf("must be at least 1 and at most %d",
			MaxDim))
	case math.IsNaN(p.Low) || math.IsNaN(p.High) || math.IsInf(p.Low, 0) || math.IsInf(p.High, 0):
		return rangeErr("Problem.Low, Problem.High", [2]float64{p.Low, p.High},
			"must be finite")
	case !(p.Low < p.High):
		return rangeErr("Problem.Low, Problem.High", [2]float64{p.Low, p.High},
			"bounds must satisfy Low < High")
	case p.Energy == nil:
		return fmt.Errorf("%w: Problem.Energy is nil", ErrConfig)
	}
	return nil
}

// Rastrigin returns the Rastrigin function (Rastrigin 1974; Mühlenbein et al. 1991)
//
//	E(x) = 10·d + Σᵢ [ xᵢ² − 10 cos(2π xᵢ) ],
//
// with global minimum E = 0 at x = 0 and a local minimum near every integer point, usually
// searched on [−5.12, 5.12]^d.
func Rastrigin(x []float64) float64 {
	s := 10 * float64(len(x))
	for _, v := range x {
		s += v*v - 10*math.Cos(2*math.Pi*v)
	}
	return s
}

// Ackley returns the Ackley function (Ackley 1987) with a = 20, b = 0.2, c = 2π:
//
//	E(x) = −a exp(−b √(Σ xᵢ²/d)) − exp(Σ cos(c xᵢ)/d) + a + e,
//
// with global minimum E = 0 at x = 0, usually searched on [−32.768, 32.768]^d.
func Ackley(x []float64) float64 {
	const a, b, c = 20.0, 0.2, 2 * math.Pi
	var s2, sc float64
	for _, v := range x {
		s2 += v * v
		sc += math.Cos(c * v)
	}
	d := float64(len(x))
	return -a*math.Exp(-b*math.Sqrt(s2/d)) - math.Exp(sc/d) + a + math.E
}

// Himmelblau returns Himmelblau's function (Himmelblau 1972), defined for two variables:
//
//	E(x, y) = (x² + y − 11)² + (x + y² − 7)²,
//
// with four global minima E = 0, one at (3, 2), searched on [−5, 5]². It panics if
// len(x) != 2.
func Himmelblau(x []float64) float64 {
	if len(x) != 2 {
		panic("population: Himmelblau needs 2 variables")
	}
	a := x[0]*x[0] + x[1] - 11
	b := x[0] + x[1]*x[1] - 7
	return a*a + b*b
}

// DoubleWell returns E(x) = (x² − 1)² summed over coordinates: two minima at x = ±1 with a
// barrier of height 1 between them.
func DoubleWell(x []float64) float64 {
	var s float64
	for _, v := range x {
		w := v*v - 1
		s += w * w
	}
	return s
}

type functionSpec struct {
	energy    func([]float64) float64
	low, high float64
	fixedDim  int
	target    float64
}

var functions = map[string]functionSpec{
	"rastrigin":  {Rastrigin, -5.12, 5.12, 0, 1},
	"ackley":     {Ackley, -32.768, 32.768, 0, 0.1},
	"himmelblau": {Himmelblau, -5, 5, 2, 1e-3},
	"doublewell": {DoubleWell, -2, 2, 0, 1e-3},
}

// FunctionNames lists the names Lookup accepts, sorted.
func FunctionNames() []string {
	names := make([]string, 0, len(functions))
	for n := range functions {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Lookup returns the named test function as a Problem in dim dimensions, on its usual search
// box, with Min = 0 and the success Target used in comparisons: E ≤ 1 for Rastrigin (inside the
// global basin: every other local minimum has E ≳ 1), E ≤ 0.1 for Ackley, E ≤ 10⁻³ otherwise.
// Names are matched case-insensitively.
func Lookup(name string, dim int) (Problem, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	f, ok := functions[key]
	if !ok {
		return Problem{}, fmt.Errorf("%w: function = %q unknown: must be one of %s",
			ErrConfig, name, strings.Join(FunctionNames(), ", "))
	}
	if f.fixedDim > 0 && dim != f.fixedDim {
		return Problem{}, rangeErr("dimension", dim,
			fmt.Sprintf("must be %d for %s", f.fixedDim, key))
	}
	if dim < 1 || dim > MaxDim {
		return Problem{}, rangeErr("dimension", dim,
			fmt.Sprintf("must be at least 1 and at most %d", MaxDim))
	}
	return Problem{Name: key, Dim: dim, Low: f.low, High: f.high, Energy: f.energy,
		Min: 0, Target: f.target}, nil
}
