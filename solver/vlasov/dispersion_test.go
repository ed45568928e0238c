package vlasov

import (
	"math"
	"math/cmplx"
	"testing"
)

// dawson returns Dawson's integral F(x) = exp(−x²) ∫₀ˣ exp(t²) dt by its Taylor series for
// |x| ≤ 4 (terms alternate and shrink fast enough in float64 there):
// F(x) = Σ (−1)^n 2^n x^(2n+1) / (1·3·…·(2n+1)).
func dawson(x float64) float64 {
	term, sum := x, x
	for n := 1; n < 400; n++ {
		term *= -2 * x * x / float64(2*n+1)
		sum += term
		if math.Abs(term) < 1e-18*math.Abs(sum) {
			break
		}
	}
	return sum
}

// On the real axis w(x) = exp(−x²) + (2i/√π) F(x) with F Dawson's integral; at the origin
// w = 1; far away w(z) ≈ i/(√π z) (1 + 1/(2z²) + 3/(4z⁴)).
func TestFaddeevaKnownValues(t *testing.T) {
	for _, x := range []float64{0, 0.3, 1, 1.7, 2.5, 3.2} {
		got := Faddeeva(complex(x, 0))
		want := complex(math.Exp(-x*x), 2/math.Sqrt(math.Pi)*dawson(x))
		// Weideman's N = 36 rational approximation: ~1e-13 absolute on the real axis.
		if d := cmplx.Abs(got - want); d > 1e-12 {
			t.Errorf("w(%v) = %v, want %v (|diff| %.2e)", x, got, want, d)
		}
	}
	if d := math.Abs(dawson(1) - 0.5380795069127684); d > 1e-15 {
		t.Fatalf("dawson(1) reference off by %.2e", d)
	}
	for _, z := range []complex128{complex(30, 5), complex(-20, 40), complex(0, 50)} {
		z2 := z * z
		want := complex(0, 1/math.Sqrt(math.Pi)) / z * (1 + 1/(2*z2) + 3/(4*z2*z2) + 15/(8*z2*z2*z2))
		if d := cmplx.Abs(Faddeeva(z)-want) / cmplx.Abs(want); d > 1e-9 {
			t.Errorf("w(%v) = %v, asymptotic %v (rel %.2e)", z, Faddeeva(z), want, d)
		}
	}
	// Continuation into the lower half-plane is analytic: compare with a Taylor step
	// w(z+h) ≈ w(z) + h w′(z), w′ = −2z w + 2i/√π, across the real axis.
	z := complex(1.2, 0.001)
	h := complex(0, -0.002)
	wp := -2*z*Faddeeva(z) + complex(0, 2/math.Sqrt(math.Pi))
	if d := cmplx.Abs(Faddeeva(z+h) - (Faddeeva(z) + h*wp)); d > 1e-5 {
		t.Errorf("continuation across the real axis jumps by %.2e", d)
	}
}

// The least damped Langmuir root at k = 0.5 for a unit Maxwellian (the value every
// Landau-damping benchmark quotes): ω = 1.415662, γ = −0.153359, to the 6 digits published.
func TestLandauRoot(t *testing.T) {
	w, err := LeastDampedRoot([]Beam{{N: 1, Vt: 1}}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(real(w)-1.415662) > 1e-5 || math.Abs(imag(w)+0.153359) > 1e-5 {
		t.Errorf("root %v, want 1.415662 − 0.153359i", w)
	}
	eps, _ := Dielectric([]Beam{{N: 1, Vt: 1}}, 0.5, w)
	if cmplx.Abs(eps) > 1e-12 {
		t.Errorf("|ε| at root = %.2e", cmplx.Abs(eps))
	}
}

// The symmetric cold two-beam plasma (each beam of density ½, speeds ±u) has
// 1 = ½/(ω − ku)² + ½/(ω + ku)², so ω² = [(2a² + 1) ∓ √(1 + 8a²)]/2 with a = ku; the minus branch
// is purely growing for a < 1. Warm roots must approach it as vt shrinks.
func TestTwoStreamColdLimit(t *testing.T) {
	const k, u = 0.2, 3.0
	ku2 := k * k * u * u
	want := math.Sqrt((math.Sqrt(1+8*ku2) - 1 - 2*ku2) / 2) // growth rate, ω purely imaginary
	beams := []Beam{{N: 0.5, U: u, Vt: 0.05}, {N: 0.5, U: -u, Vt: 0.05}}
	w, err := LeastDampedRoot(beams, k)
	if err != nil {
		t.Fatal(err)
	}
	// Thermal corrections are O(k²vt²/γ²) ≈ 1e-3 here.
	if math.Abs(real(w)) > 1e-8 || math.Abs(imag(w)-want) > 3e-3*want {
		t.Errorf("root %v, cold theory %vi", w, want)
	}
}
