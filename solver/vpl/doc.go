// Package vpl solves the Vlasov–Poisson–Landau system of kinsolve in 1X2V across collisional
// regimes, from the kinetic (ε = 1) to the fluid limit (ε → 0):
//
//	∂t f + v_x ∂x f + E ∂v_x f = (1/ε) Q(f),   ∂x E = ρ − 1,   ⟨E⟩ = 0,
//
// with Q the Landau operator of package landau (any Collision that conserves mass, momentum and
// energy will do). Transport is the semi-Lagrangian Strang splitting of vlasov.Transport.
//
// Asymptotic-preserving step (Filbet & Jin, J. Comput. Phys. 229, 2010, penalisation by a BGK
// relaxation P(f) = β(M[f] − f); for the Landau operator see also Jin & Yan, J. Comput. Phys.
// 230, 2011). The stiff term is split as (1/ε)[Q − P] + (1/ε)P, the first part explicit at f^n
// and the second implicit. With T(dt) the transport over dt and f* = T(dt) f^n,
//
//	f^{n+1} = f* + (dt/ε)[Q(f^n) − β(M^n − f^n)] + (β dt/ε)(M^{n+1} − f^{n+1}).
//
// Q and P conserve mass, momentum and energy, so the moments of f^{n+1} are those of f* and
// M^{n+1} = M[f*] is known before the implicit solve, which is then the closed form
//
//	f^{n+1} = [ f* + (dt/ε)(Q(f^n) + β(f^n − M^n)) + (β dt/ε) M[f*] ] / (1 + β dt/ε).
//
// For ε → 0 at fixed dt, f^{n+1} → M[f*] + (Q(f^n) + β(f^n − M^n))/β: the transported state is
// projected on the local Maxwellian, while a deviation f^n − M^n is multiplied by I + L/β (L
// the linearised Q), which is a contraction for β ≥ λ_max/2. Well-prepared data (f⁰ a local
// Maxwellian, as every preset) therefore stays in local equilibrium and the moments follow the
// kinetic (flux-vector) scheme for Euler–Poisson: the scheme is asymptotic preserving, with dt
// set by the transport alone for every ε, and it is first order in time (the fluid limit has
// an O(dt) numerical viscosity). β defaults to the spectral radius λ_max of the Jacobian of Q
// at the initial state (estimated by power iteration), twice the stability minimum.
//
// M[f] is the discrete Maxwellian with exactly the discrete moments of f (Maxwellian), and by
// default Q(f) is replaced by Q(f) − Q(M[f]), which has the same conservation and makes
// discrete Maxwellians exact equilibria (the residual-equilibrium idea of Pareschi & Rey,
// Comput. Fluids 156, 2017); Settings.Raw keeps Q(f).
//
// Explicit step, for comparison: f^{n+1} = T(dt) f^n + (dt/ε) Q(f^n), stable for
// dt ≤ 2ε/λ_max; the model uses dt = min(transport step, ε/λ_max).
//
// Conservation. Mass: exact to round-off (the shifts are conservative and every collision
// quantity has zero mass). Momentum: the collision step conserves it to round-off (landau's
// corner-grid weak form is exactly conservative; the Maxwellian projection matches moments to
// Newton's round-off floor); the acceleration shift adds exactly ρE·dt per cell (Lagrange
// weights reproduce linear functions, f being negligible at the box edge), and Σ ρ_j E_j = 0
// exactly for the spectral Poisson solve (the spectral derivative is skew), so the total
// momentum drifts only by round-off (1e-13 on the presets).
// Energy: the collision step conserves the kinetic energy to round-off; kinetic plus field
// energy changes through the transport's splitting and interpolation error (relative 1e-6 on
// the presets).
package vpl
