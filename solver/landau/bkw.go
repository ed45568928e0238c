package landau

import "math"

// BKWLambda is the collision strength for which BKW is an exact solution of
// the 2D Landau equation with Maxwell molecules (γ = 0).
const BKWLambda = 1.0 / 16

// BKWK returns K(t) = 1 − exp(−t/8)/2 of the 2D BKW solution.
func BKWK(t float64) float64 { return 1 - 0.5*math.Exp(-t/8) }

// BKW returns the 2D BKW solution of the Landau equation with γ = 0 and
// Λ = 1/16 (Bobylev; Krook & Wu) at time t and velocity (vx, vy):
//
//	f(t, v) = 1/(2πK) exp(−|v|²/(2K)) [ (2K − 1)/K + (1 − K)/(2K²) |v|² ],
//	K(t) = 1 − exp(−t/8)/2.
//
// It has unit mass, zero momentum, ∫|v|² f = 2 and E|v|⁴ = 8K(2 − K). It is
// non-negative for t ≥ 0 (K ≥ 1/2).
func BKW(t, vx, vy float64) float64 {
	k := BKWK(t)
	r2 := vx*vx + vy*vy
	return math.Exp(-r2/(2*k)) / (2 * math.Pi * k) * ((2*k-1)/k + (1-k)/(2*k*k)*r2)
}

// BKWRate returns ∂f/∂t = K′(t) ∂f/∂K of the 2D BKW solution, K′ = (1 − K)/8,
// which equals Q_L[f] exactly; it checks the operator without time stepping.
func BKWRate(t, vx, vy float64) float64 {
	k := BKWK(t)
	r2 := vx*vx + vy*vy
	g := math.Exp(-r2/(2*k)) / (2 * math.Pi * k)
	p := 2 - 1/k + (1-k)/(2*k*k)*r2
	dg := -1/k + r2/(2*k*k) // (∂g/∂K)/g
	dp := 1/(k*k) - r2/(k*k*k) + r2/(2*k*k)
	return (1 - k) / 8 * g * (p*dg + dp)
}
