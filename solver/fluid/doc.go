// Package fluid solves the Euler–Poisson system of an electron fluid against a uniform,
// fixed ion background: the ε → 0 limit of the Vlasov–Poisson–Landau and
// Vlasov–Poisson–Fokker–Planck models of kinsolve.
//
// With ρ the density, m = ρu the momentum density along x and W = ½ρu² + (d/2)ρT the energy
// density (d = 1 or 2 the number of velocity dimensions of the kinetic model it stands for),
//
//	∂t ρ + ∂x m                 = 0
//	∂t m + ∂x (m²/ρ + p)        = ρE
//	∂t W + ∂x ((W + p) m/ρ)     = mE
//	∂x E = ρ − 1,  ⟨E⟩ = 0,     p = ρT = (γ − 1)(W − ½ m²/ρ),  γ = 1 + 2/d,
//
// on a periodic interval, in the units of the kinetic models (time in inverse plasma
// frequencies, length in Debye lengths, velocity in thermal speeds). The force on the fluid is
// +E, the sign convention of the kinetic equations. These are the moment equations of the
// kinetic model closed by a local Maxwellian in d velocity dimensions (γ = 3 for 1X1V, γ = 2 for
// 1X2V, where the energy includes the v_y motion and the fluid has no v_y drift). Linearised
// about ρ = 1, T = 1 they give Langmuir waves ω² = 1 + γk², undamped.
//
// Discretisation: finite volumes on the cells centred at the kinetic x nodes x_j = j·L/N.
// The primitive variables (ρ, u, p) are reconstructed piecewise linearly with a slope limiter
// (MUSCL, van Leer 1979; limiter MC or minmod), falling back to first order in a cell where the
// reconstruction would make ρ or p non-positive. Interface fluxes are HLL (Harten, Lax & van
// Leer, SIAM Rev. 25, 1983) with the wave-speed bounds of Davis (SIAM J. Sci. Stat. Comput.
// 9, 1988). The field comes from the spectral periodic Poisson solve shared with the kinetic
// models (vlasov.PeriodicPoisson), and time stepping is the two-stage strong-stability-
// preserving Runge–Kutta scheme (Shu & Osher, J. Comput. Phys. 77, 1988) with the source terms
// in each stage. Mass is conserved to round-off (flux form); momentum and energy change only
// by the source terms, whose discrete integrals ∑ρE h and ∑mE h are the physical exchange
// with the field, so total (fluid + field) energy is conserved to the scheme's accuracy.
//
// The scheme's own damping of a Langmuir wave falls with resolution: it comes from the limiter
// clipping the extrema of the wave (second order away from them) and from the upwinding of HLL.
package fluid
