package vlasov

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/dsp/fourier"
)

// PeriodicPoisson solves the field equation of the electron models of kinsolve on a periodic
// grid of n equally spaced points x_j = j·L/n,
//
//	∂x E = ρ − ρ̄,   ⟨E⟩ = 0,
//
// exactly for the trigonometric interpolant of ρ: E_m = −i ρ̂_m / k_m with k_m = 2πm/L, the
// mean mode and (for even n) the Nyquist mode of E set to zero. ρ̄ is the mean of ρ, so a
// uniform background that neutralises the electrons is implied. Kinetic and fluid models use
// the same solve, so that they see the same field for the same density.
//
// A PeriodicPoisson holds scratch space: use one per goroutine.
type PeriodicPoisson struct {
	n     int
	l     float64
	fft   *fourier.FFT
	coeff []complex128
}

// NewPeriodicPoisson returns the solver for n ≥ 2 points on a period of length l > 0.
func NewPeriodicPoisson(n int, l float64) (*PeriodicPoisson, error) {
	if n < 2 {
		return nil, fmt.Errorf("vlasov: Poisson grid n = %d out of range: must be at least 2", n)
	}
	if !(l > 0) || math.IsInf(l, 0) {
		return nil, fmt.Errorf("vlasov: Poisson period L = %v out of range: must be finite and > 0", l)
	}
	return &PeriodicPoisson{n: n, l: l, fft: fourier.NewFFT(n), coeff: make([]complex128, n/2+1)}, nil
}

// Solve sets e (length n) to the field of the density rho (length n).
func (p *PeriodicPoisson) Solve(e, rho []float64) {
	if len(e) != p.n || len(rho) != p.n {
		panic(fmt.Sprintf("vlasov: Poisson solve with %d and %d values on %d points", len(e), len(rho), p.n))
	}
	p.fft.Coefficients(p.coeff, rho)
	p.coeff[0] = 0
	for m := 1; m < len(p.coeff); m++ {
		if 2*m == p.n {
			p.coeff[m] = 0
			continue
		}
		k := 2 * math.Pi * float64(m) / p.l
		p.coeff[m] = complex(0, -1/k) * p.coeff[m]
	}
	p.fft.Sequence(e, p.coeff)
	inv := 1 / float64(p.n)
	for i := range e {
		e[i] *= inv
	}
}
