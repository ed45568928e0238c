package vpfp

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// The continued fraction reproduces the collisionless Landau root (ω = 1.415662 − 0.153359i) as
// ν → 0 and the undamped adiabatic fluid wave ω² = 1 + 3k² as ν → ∞; in between the damping
// falls monotonically. Tolerances: at ν = 1e-3 the root sits O(ν) away from the collisionless
// one (slope ≈ 0.7), so 2e-3; at ν = 50 the residual damping is O(k²/ν) ≈ 1e-3.
func TestLinearDispersionLimits(t *testing.T) {
	g, w, err := LinearDispersion(0.5, 1e-3)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(g+0.153359) > 2e-3 || math.Abs(w-1.415662) > 2e-3 {
		t.Errorf("ν = 1e-3: γ = %v, ω = %v, want near −0.153359, 1.415662", g, w)
	}
	g, w, err = LinearDispersion(0.5, 50)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(w-math.Sqrt(1.75)) > 1e-3 || g > 0 || g < -2e-3 {
		t.Errorf("ν = 50: γ = %v, ω = %v, want ≈ 0, %v", g, w, math.Sqrt(1.75))
	}
	prev := math.Inf(-1)
	for _, nu := range []float64{0.01, 0.05, 0.1, 0.2, 0.5, 1, 2} {
		g, _, err := LinearDispersion(0.5, nu)
		if err != nil {
			t.Fatal(err)
		}
		if g <= prev {
			t.Errorf("ν = %v: γ = %v not above %v (damping should fall with ν)", nu, g, prev)
		}
		prev = g
	}
}

func TestLinearDispersionBadInput(t *testing.T) {
	for _, c := range []struct{ k, nu float64 }{{0, 1}, {0.5, 0}, {0.5, -1}, {math.NaN(), 1}} {
		if _, _, err := LinearDispersion(c.k, c.nu); err == nil ||
			!(strings.Contains(err.Error(), "k =") || strings.Contains(err.Error(), "nu =")) {
			t.Errorf("LinearDispersion(%v, %v): error %v", c.k, c.nu, err)
		}
	}
}

func ExampleLinearDispersion() {
	gamma, omega, err := LinearDispersion(0.5, 0.1)
	if err != nil {
		panic(err)
	}
	fmt.Printf("γ = %.4f, ω = %.4f\n", gamma, omega)
	// Output: γ = -0.1054, ω = 1.3887
}
