package population

import (
	"fmt"
	"math"
)

// MeanField integrates the replicator–mutator equation for the density of one continuous
// hyperparameter on a uniform grid of cells in its normalised coordinate u ∈ [0, 1]:
//
//	ρₙ₊₁(u) = ∫ K_σ(u ← v) exp(s F(h(v))) ρₙ(v) dv / ∫ exp(s F(h(v))) ρₙ(v) dv,
//
// where K_σ is the Gaussian mutation kernel of standard deviation σ reflected at u = 0 and
// u = 1 (the method of images). It is the many-agent limit of Evolve with Proportional
// selection, and a splitting, with unit time step, of the continuous replicator–mutator
// equation ∂ₜρ = s (F − F̄) ρ + (σ²/2) ∂ᵤ²ρ (Hofbauer & Sigmund, Evolutionary Games and
// Population Dynamics, 1998, ch. 7). Mass is conserved to round-off.
type MeanField struct {
	Param Param
	// Rho holds the probability of each cell: Rho[j] ≥ 0, Σ Rho = 1.
	Rho     []float64
	weight  []float64   // exp(s F) at cell centres
	kernel  [][]float64 // kernel[i][j]: probability that a mutation from centre i lands in cell j
	scratch []float64
}

// NewMeanField sets up cells grid cells (at least 8) for parameter p (not Integer), fitness F,
// selection strength s ≥ 0 and mutation σ ≥ 0 in normalised units, starting from the uniform
// density in u, which is the initial law of Evolve.
func NewMeanField(p Param, cells int, F func(h float64) float64, s, sigma float64) (
	*MeanField, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	switch {
	case p.Integer:
		return nil, fmt.Errorf("%w: Param %s is Integer: the mean field needs a continuous one",
			ErrConfig, p.Name)
	case !(p.Low < p.High):
		return nil, rangeErr("Param "+p.Name+" bounds", [2]float64{p.Low, p.High},
			"must satisfy Low < High")
	case cells < 8:
		return nil, rangeErr("cells", cells, "must be at least 8")
	case F == nil:
		return nil, fmt.Errorf("%w: fitness F is nil", ErrConfig)
	}
	if err := (Proportional{Strength: s}).Validate(); err != nil {
		return nil, err
	}
	if !(sigma >= 0) || math.IsInf(sigma, 0) {
		return nil, rangeErr("sigma", sigma, "must be finite and ≥ 0")
	}
	m := &MeanField{Param: p, Rho: make([]float64, cells), weight: make([]float64, cells),
		scratch: make([]float64, cells)}
	du := 1 / float64(cells)
	fmax := math.Inf(-1)
	f := make([]float64, cells)
	for j := range cells {
		m.Rho[j] = du
		f[j] = F(p.FromUnit((float64(j) + 0.5) * du))
		fmax = max(fmax, f[j])
	}
	for j := range cells {
		m.weight[j] = math.Exp(s * (f[j] - fmax))
	}
	m.kernel = make([][]float64, cells)
	for i := range cells {
		row := make([]float64, cells)
		m.kernel[i] = row
		u := (float64(i) + 0.5) * du
		if sigma == 0 {
			row[i] = 1
			continue
		}
		// Images of the source at 2k ± u; enough of them to cover 12σ.
		kmax := int(math.Ceil(6*sigma)) + 1
		var sum float64
		for j := range cells {
			a, b := float64(j)*du, float64(j+1)*du
			var pj float64
			for k := -kmax; k <= kmax; k++ {
				for _, src := range [2]float64{2*float64(k) + u, 2*float64(k) - u} {
					pj += normCDF((b-src)/sigma) - normCDF((a-src)/sigma)
				}
			}
			row[j] = pj
			sum += pj
		}
		for j := range row {
			row[j] /= sum // removes the truncation error of the image sum
		}
	}
	return m, nil
}

func normCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// Step advances one generation: selection (multiply by exp(sF), normalise) then mutation
// (apply the reflected kernel).
func (m *MeanField) Step() {
	var z float64
	for j, r := range m.Rho {
		m.Rho[j] = r * m.weight[j]
		z += m.Rho[j]
	}
	for j := range m.scratch {
		m.scratch[j] = 0
	}
	for i, r := range m.Rho {
		if r == 0 {
			continue
		}
		r /= z
		for j, k := range m.kernel[i] {
			m.scratch[j] += r * k
		}
	}
	m.Rho, m.scratch = m.scratch, m.Rho
}

// Centres returns the hyperparameter value h at each cell centre.
func (m *MeanField) Centres() []float64 {
	n := len(m.Rho)
	c := make([]float64, n)
	for j := range c {
		c[j] = m.Param.FromUnit((float64(j) + 0.5) / float64(n))
	}
	return c
}

// Mean returns the mean of h under the cell probabilities (h at cell centres).
func (m *MeanField) Mean() float64 {
	var s float64
	for j, h := range m.Centres() {
		s += m.Rho[j] * h
	}
	return s
}

// Histogram bins values of the parameter into the grid's cells in normalised coordinates and
// returns the fraction in each, for comparison with Rho.
func (m *MeanField) Histogram(h []float64) []float64 {
	n := len(m.Rho)
	out := make([]float64, n)
	for _, v := range h {
		j := min(int(m.Param.ToUnit(v)*float64(n)), n-1)
		out[max(j, 0)] += 1 / float64(len(h))
	}
	return out
}
