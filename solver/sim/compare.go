package sim

import (
	"fmt"
	"math"
)

// MomentModel is a spatially inhomogeneous model that can be run to prescribed output times:
// StepUntil takes one step, shortened if needed so as not to pass tEnd. The Vlasov–Poisson–
// Landau, Vlasov–Poisson–Fokker–Planck and Euler–Poisson models implement it, so that one
// caller can run all of them on the same initial data and compare their moments.
type MomentModel interface {
	Simulation
	MomentReporter
	StepUntil(tEnd float64) (dt float64, err error)
}

// RunMoments advances every model to each of the output times in turn and returns
// out[i][j], the moments of model i at times[j]. Times must be finite, non-decreasing and not
// before any model's current time. The first error stops the run; it names the model's index
// and the time reached.
func RunMoments(models []MomentModel, times []float64) ([][]Moments, error) {
	for j, t := range times {
		if math.IsNaN(t) || math.IsInf(t, 0) || (j > 0 && t < times[j-1]) {
			return nil, fmt.Errorf("sim: output time %d = %v out of range: times must be finite "+
				"and non-decreasing", j, t)
		}
	}
	out := make([][]Moments, len(models))
	for i, m := range models {
		if len(times) > 0 && times[0] < m.Time() {
			return nil, fmt.Errorf("sim: output time %v out of range: model %d is already at t = %v",
				times[0], i, m.Time())
		}
		out[i] = make([]Moments, len(times))
		for j, t := range times {
			// Stop within a relative 1e-12 of the target: floating sums of steps do not land
			// exactly.
			for m.Time() < t-1e-12*math.Max(1, math.Abs(t)) {
				if _, err := m.StepUntil(t); err != nil {
					return nil, fmt.Errorf("sim: model %d at t = %v: %w", i, m.Time(), err)
				}
			}
			out[i][j] = m.Moments()
		}
	}
	return out, nil
}

// Every returns the moments at every stride-th point, for comparing a fine grid with a coarse
// one whose nodes are a subset of it (periodic nodes x_j = j·L/N with N divisible).
func (m Moments) Every(stride int) Moments {
	pick := func(s []float64) []float64 {
		var o []float64
		for i := 0; i < len(s); i += stride {
			o = append(o, s[i])
		}
		return o
	}
	return Moments{X: pick(m.X), Density: pick(m.Density), Momentum: pick(m.Momentum),
		Energy: pick(m.Energy)}
}

// L1Distance returns the discrete L1 distances h·Σ|a − b| of the density, momentum and energy
// of two sets of moments on the same nodes with spacing h.
func L1Distance(a, b Moments, h float64) (rho, mom, energy float64, err error) {
	n := len(a.Density)
	if len(b.Density) != n || len(a.Momentum) != n || len(b.Momentum) != n ||
		len(a.Energy) != n || len(b.Energy) != n {
		return 0, 0, 0, fmt.Errorf("sim: moments on %d and %d nodes: must be equal", n, len(b.Density))
	}
	for i := 0; i < n; i++ {
		rho += math.Abs(a.Density[i] - b.Density[i])
		mom += math.Abs(a.Momentum[i] - b.Momentum[i])
		energy += math.Abs(a.Energy[i] - b.Energy[i])
	}
	return rho * h, mom * h, energy * h, nil
}
