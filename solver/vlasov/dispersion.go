package vlasov

import (
	"fmt"
	"math"
	"math/cmplx"
	"sort"
)

// faddeevaTerms is the number of terms N of the rational expansion used by Faddeeva. With
// N = 36 the relative error is below 1e-12 away from the real axis's far tails and below
// 1e-10 everywhere it is used here (see the tests, which check Dawson's integral).
const faddeevaTerms = 36

var faddeevaL, faddeevaCoef = faddeevaSetup(faddeevaTerms)

// faddeevaSetup returns the scale L = √(N/√2) and the coefficients a_1..a_N of Weideman's
// expansion: with t = L·tan(θ/2), the even function F(θ) = exp(−t²)(L² + t²) has the cosine
// coefficients a_n = (1/2M) Σ_j F(θ_j) cos(nθ_j) on the 2M equally spaced angles
// θ_j = jπ/M, j = −M+1..M (M = 2N; F vanishes at θ = π).
func faddeevaSetup(n int) (float64, []float64) {
	m := 2 * n
	l := math.Sqrt(float64(n) / math.Sqrt2)
	a := make([]float64, n)
	for j := -m + 1; j < m; j++ {
		th := float64(j) * math.Pi / float64(m)
		t := l * math.Tan(th/2)
		fj := math.Exp(-t*t) * (l*l + t*t)
		for q := 1; q <= n; q++ {
			a[q-1] += fj * math.Cos(float64(q)*th)
		}
	}
	for q := range a {
		a[q] /= float64(2 * m)
	}
	return l, a
}

// Faddeeva returns the Faddeeva function
//
//	w(z) = exp(−z²) erfc(−iz),
//
// computed by the rational approximation of J. A. C. Weideman, "Computation of the complex
// error function", SIAM J. Numer. Anal. 31 (1994) 1497–1518: for Im z ≥ 0,
//
//	w(z) ≈ 2 p(Z) / (L − iz)² + 1 / (√π (L − iz)),   Z = (L + iz)/(L − iz),
//
// with p the polynomial Σ a_n Z^(n−1) whose coefficients are computed once by a cosine sum.
// In the lower half-plane it uses the reflection w(z) = 2 exp(−z²) − w(−z), which is the
// analytic continuation needed for damped waves.
func Faddeeva(z complex128) complex128 {
	if imag(z) < 0 {
		return 2*cmplx.Exp(-z*z) - Faddeeva(-z)
	}
	iz := complex(-imag(z), real(z))
	den := complex(faddeevaL, 0) - iz
	zz := (complex(faddeevaL, 0) + iz) / den
	var p complex128
	for q := len(faddeevaCoef) - 1; q >= 0; q-- {
		p = p*zz + complex(faddeevaCoef[q], 0)
	}
	return 2*p/(den*den) + complex(1/math.Sqrt(math.Pi), 0)/den
}

// PlasmaZ returns the plasma dispersion function of Fried and Conte (1961),
//
//	Z(ζ) = i√π w(ζ),
//
// analytically continued from Im ζ > 0 (the Landau prescription), and its derivative
// Z′(ζ) = −2[1 + ζ Z(ζ)].
func PlasmaZ(zeta complex128) (z, dz complex128) {
	z = complex(0, math.Sqrt(math.Pi)) * Faddeeva(zeta)
	dz = -2 * (1 + zeta*z)
	return z, dz
}

// Beam is one drifting Maxwellian population of electrons,
//
//	n/(√(2π) vt) · exp(−(v − u)²/(2 vt²)),
//
// with density N (in units of the mean density that sets ω_p), drift U and thermal speed Vt.
type Beam struct {
	N, U, Vt float64
}

// Dielectric returns the longitudinal dielectric function of electrons made of the given
// beams, against a fixed neutralising ion background,
//
//	ε(ω, k) = 1 − Σ_s n_s/(2 k² vt_s²) · Z′(ζ_s),   ζ_s = (ω − k u_s)/(√2 k vt_s),
//
// and its derivative ∂ε/∂ω. For one unit Maxwellian it is 1 − Z′(ω/(√2k))/(2k²). Modes
// behave as exp(i(kx − ωt)), so Im ω > 0 grows and Im ω < 0 is damped.
func Dielectric(beams []Beam, k float64, omega complex128) (eps, deps complex128) {
	eps = 1
	for _, b := range beams {
		s := math.Sqrt2 * k * b.Vt
		zeta := (omega - complex(k*b.U, 0)) / complex(s, 0)
		z, dz := PlasmaZ(zeta)
		d2z := -2 * (z + zeta*dz)
		c := complex(b.N/(2*k*k*b.Vt*b.Vt), 0)
		eps -= c * dz
		deps -= c * d2z / complex(s, 0)
	}
	return eps, deps
}

// DispersionRoot solves ε(ω, k) = 0 by Newton's method from the guess omega0. It stops when
// |ε| < 1e-13 or the Newton step is below 1e-12·(1 + |ω|) (cold beams make Z′ lose digits to
// cancellation, so |ε| alone cannot always reach round-off), and returns an error if neither
// happens within 100 steps.
func DispersionRoot(beams []Beam, k float64, omega0 complex128) (complex128, error) {
	w := omega0
	for it := 0; it < 100; it++ {
		eps, deps := Dielectric(beams, k, w)
		if cmplx.Abs(eps) < 1e-13 {
			return w, nil
		}
		if deps == 0 || cmplx.IsNaN(deps) {
			break
		}
		step := eps / deps
		// Limit the step so that a poor guess does not jump into the far lower half-plane,
		// where the continued Z grows like exp(−ζ²).
		if a := cmplx.Abs(step); a > 0.5 {
			step *= complex(0.5/a, 0)
		}
		w -= step
		if cmplx.IsNaN(w) || cmplx.IsInf(w) {
			break
		}
		if cmplx.Abs(step) < 1e-12*(1+cmplx.Abs(w)) {
			return w, nil
		}
	}
	return 0, fmt.Errorf("vlasov: dispersion relation at k = %g: Newton from %v did not converge", k, omega0)
}

// LeastDampedRoot returns the root of ε(ω, k) = 0 with Re ω ≥ 0 and the largest Im ω (the
// fastest growing, or least damped, mode) found by Newton's method from a lattice of starting
// points covering 0 ≤ Re ω ≤ k·max(|u|+3vt) + 2, −1 ≤ Im ω ≤ 1.5. Roots with Im ω < −1 are
// not searched for.
func LeastDampedRoot(beams []Beam, k float64) (complex128, error) {
	reMax := 2.0
	for _, b := range beams {
		reMax = math.Max(reMax, k*(math.Abs(b.U)+3*b.Vt)+2)
	}
	best, found := complex(0, math.Inf(-1)), false
	const nr, ni = 24, 11
	for i := 0; i <= nr; i++ {
		for j := 0; j < ni; j++ {
			g := complex(reMax*float64(i)/nr, -1+2.5*float64(j)/(ni-1))
			w, err := DispersionRoot(beams, k, g)
			if err != nil || imag(w) < -1 {
				continue
			}
			if real(w) < 0 {
				// Roots come in pairs ω, −ω̄ for a symmetric distribution; keep Re ω ≥ 0.
				if real(w) > -1e-9 {
					w = complex(0, imag(w))
				} else {
					continue
				}
			}
			if imag(w) > imag(best)+1e-10 {
				best, found = w, true
			}
		}
	}
	if !found {
		return 0, fmt.Errorf("vlasov: dispersion relation at k = %g: no root found", k)
	}
	return best, nil
}

// DispersionRoots returns the distinct roots of ε(ω, k) = 0 with Im ω ≥ −1 that Newton's
// method reaches from a lattice of starting points covering |Re ω| ≤ k·max(|u|+3vt) + 2,
// −1 ≤ Im ω ≤ 1.5, sorted by decreasing Im ω (the least damped first). Roots closer than
// 1e-6 are merged. Both members of a pair ω, −ω̄ are kept: a standing perturbation cos(kx)
// excites both.
func DispersionRoots(beams []Beam, k float64) []complex128 {
	reMax := 2.0
	for _, b := range beams {
		reMax = math.Max(reMax, k*(math.Abs(b.U)+3*b.Vt)+2)
	}
	var roots []complex128
	const nr, ni = 48, 11
	for i := 0; i <= nr; i++ {
		for j := 0; j < ni; j++ {
			g := complex(reMax*(2*float64(i)/nr-1), -1+2.5*float64(j)/(ni-1))
			w, err := DispersionRoot(beams, k, g)
			if err != nil || imag(w) < -1 {
				continue
			}
			dup := false
			for _, r := range roots {
				if cmplx.Abs(r-w) < 1e-6 {
					dup = true
					break
				}
			}
			if !dup {
				roots = append(roots, w)
			}
		}
	}
	sort.Slice(roots, func(a, b int) bool { return imag(roots[a]) > imag(roots[b]) })
	return roots
}
