package vpfp

import (
	"fmt"
	"math"
	"math/cmplx"
)

// LinearDispersion returns the least-damped Langmuir root λ = γ − iω of the linearised
// one-dimensional Vlasov–Poisson–Dougherty system about the unit Maxwellian, for wavenumber
// k > 0 and collision frequency ν > 0: a perturbation behaves as exp(ikx + λt).
//
// Expanding f₁ = Σ c_n He_n(v) M(v) in probabilists' Hermite functions, the linearised
// Dougherty operator (with its momentum and temperature perturbations u₁ = c₁, T₁ = 2c₂) is
// diagonal, C[He_n M] = −ν_n He_n M with ν_n = nν for n ≥ 3 and ν_0 = ν_1 = ν_2 = 0, and
// free streaming couples neighbours (v He_n = He_{n+1} + n He_{n−1}):
//
//	(λ + ν_n) c_n = −ik (c_{n−1} + (n+1) c_{n+1}) + δ_{n1} E,   ikE = c₀.
//
// Eliminating upwards gives the continued fraction R_n = c_n/c_{n−1} = −ik / (λ + ν_n +
// ik(n+1) R_{n+1}), truncated at R_{N+1} = 0 with N chosen so that the collisional damping of
// the last moments dominates their streaming (N ≫ k²/ν²), and the dispersion relation
// D(λ) = λ + ik R₁(λ) = 0 with R₁ = −i(k + 1/k) / (λ + 2ik R₂). The root is found by the secant
// method from the collisionless Landau root. The same expansion without the conservation
// terms is the Lenard–Bernstein problem treated by Lenard & Bernstein (Phys. Rev. 112, 1958)
// and Ng, Bhattacharjee & Skiff (Phys. Rev. Lett. 83, 1999).
func LinearDispersion(k, nu float64) (gamma, omega float64, err error) {
	if !(k > 0) || math.IsInf(k, 0) {
		return 0, 0, fmt.Errorf("vpfp: k = %v out of range: must be finite and > 0", k)
	}
	if !(nu > 0) || math.IsInf(nu, 0) {
		return 0, 0, fmt.Errorf("vpfp: nu = %v out of range: must be finite and > 0", nu)
	}
	n := int(math.Min(4e6, 200+40*k*k/(nu*nu)))
	ik := complex(0, k)
	d := func(lam complex128) complex128 {
		var r complex128
		for m := n; m >= 2; m-- {
			num := float64(m) * nu
			if m <= 2 {
				num = 0
			}
			r = -ik / (lam + complex(num, 0) + ik*complex(float64(m+1), 0)*r)
		}
		r1 := complex(0, -(k+1/k)) / (lam + 2*ik*r)
		return lam + ik*r1
	}
	// Start from the collisionless root at k = 0.5 scaled to the fluid frequency elsewhere.
	l0 := complex(-0.153359, -1.415662)
	if math.Abs(k-0.5) > 1e-12 {
		l0 = complex(-0.1*nu, -math.Sqrt(1+3*k*k))
	}
	l1 := l0 + complex(-0.5*nu, 0.01)
	d0, d1 := d(l0), d(l1)
	for it := 0; it < 100; it++ {
		if d1 == d0 {
			break
		}
		l2 := l1 - d1*(l1-l0)/(d1-d0)
		l0, d0 = l1, d1
		l1, d1 = l2, d(l2)
		if cmplx.Abs(l1-l0) < 1e-13*(1+cmplx.Abs(l1)) {
			return real(l1), -imag(l1), nil
		}
	}
	return 0, 0, fmt.Errorf("vpfp: dispersion root at k = %v, nu = %v did not converge", k, nu)
}
