// Package vlasov solves the collisionless Vlasov–Poisson system for electrons against a fixed
// neutralising ion background, in 1X1V and 1X2V,
//
//	∂t f + v_x ∂x f + E ∂v_x f = 0,    ∂x E = ρ − 1,   ρ = ∫ f dv,   ⟨E⟩ = 0,
//
// in plasma units (time 1/ω_p, length λ_D, velocity v_th), x periodic on [0, L) and v in the box
// [−V, V]^d. In 1X2V the field has no y component, so v_y is passive: it is carried along and
// enters only the kinetic energy.
//
// Transport advances f by Strang splitting (Cheng & Knorr, J. Comput. Phys. 22 (1976) 330):
// a half step of free streaming along x, a full step of acceleration along v_x in the field of
// the streamed density, another half step along x. Each split step is a batch of
// constant-coefficient one-dimensional shifts (package advect, semi-Lagrangian Lagrange
// interpolation, conservative), and the field comes from an FFT solve of Poisson's equation.
// Transport is the building block of the collisional models too.
//
// Model wraps Transport as a sim.Simulation with the benchmark initial conditions of Init
// (linear and nonlinear Landau damping, two-stream, bump-on-tail), a time step from StepSize's
// CFL rule, the diagnostics of DiagnosticColumns and, in Measure, damping and growth rates
// fitted from the field energy (DampingRate, GrowthRate with FitOutCompanions removing the
// beating of the other roots, PhaseFrequency for ω) beside linear theory, and for nonlinear
// Landau damping the early and late rates of NonlinearLandauRates beside a reference.
//
// The linear theory is computed, not tabulated: for a velocity profile that is a sum of
// drifting Maxwellians (Beam) the dielectric function is
//
//	ε(ω, k) = 1 − Σ_s n_s/(2 k² vt_s²) · Z′((ω − k u_s)/(√2 k vt_s)),
//
// with Z the plasma dispersion function of Fried & Conte, evaluated through the Faddeeva
// function by Weideman's rational approximation (SIAM J. Numer. Anal. 31, 1994), and its roots
// are found by complex Newton iteration. For a unit Maxwellian at k = 0.5 the least-damped root
// is ω = 1.415662 − 0.153359i, the classic linear Landau damping benchmark.
package vlasov
