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
// Second-order step, Scheme IMEX2 (collision.scheme = "imex2"): a penalised implicit–explicit
// BDF2 along the characteristics of the transport. Any splitting of transport and collision,
// Strang's included, is first order in the fluid limit (the projection on M after a transport
// over dt leaves an O(dt) numerical viscosity), so the collision term enters the multistep
// formula itself. With T(s) the transport over s, step ratio ω = dt_n/dt_{n−1},
// X(s) = [Q(s) + β(s − M[s])]/ε the explicit part (Q in its residual form unless Raw) and
// A = T(dt_n) T(dt_{n−1}) f^{n−1}, B = T(dt_n) f^n the two transported states,
//
//	R       = a1 B − a2 A + b1 X(B) − b2 X(A),
//	f^{n+1} = R + κ (M[R] − f^{n+1}),   κ = β dt_n/(c0 ε),
//	a1 = (1+ω)²/(1+2ω),  a2 = ω²/(1+2ω),  c0 = (1+2ω)/(1+ω),
//	b1 = dt_n(1+ω)/c0,   b2 = dt_n ω/c0,
//
// the variable-step IMEX-BDF2 of Ascher, Ruuth & Wetton (SIAM J. Numer. Anal. 32, 1995; the
// variable-step coefficients of Wang & Ruuth, J. Comput. Math. 26, 2008) written along
// characteristics as in the semi-Lagrangian BDF methods for BGK of Groppi, Russo &
// Stracquadanio (Commun. Math. Sci. 14, 2016), with the BGK penalisation of Filbet & Jin as in
// the IMEX multistep schemes for kinetic equations of Dimarco & Pareschi (SIAM J. Numer. Anal.
// 55, 2017). Every term of R lives on the same characteristics: X is evaluated on the
// transported states, so it has zero moments (to round-off, which is removed), the moments
// of R are exactly those of a1 B − a2 A, M[R] is known and the implicit solve is again in
// closed form. As ε → 0, f^{n+1} → M[R] plus the deviation that the penalty damps
// (β ≥ λ_max/2, as for IMEX), and (I + L/β)(2(B − M[B]) − (A − M[A]))/β, where the O(s)
// departure of a Maxwellian transported over s from equilibrium cancels: the limit is the
// semi-Lagrangian BDF2 kinetic scheme for Euler–Poisson, whose moments are U(t_{n+1}) +
// O(dt³) per step because the O(s²) viscous defect of T(s) applied to a Maxwellian cancels
// between the 4/3 and 1/3 terms. The first step, and a step more than twice the previous one,
// is the first-order start R = T(dt) f^n + dt X(f^n), κ = β dt/ε (X at f^n, as in IMEX: at
// B it would leave that O(dt) departure in f^{n+1}).
//
// Why X is taken on the transported states. For a non-equilibrium mode g = f − M with
// linearised rate λ (L g = −λ g, 0 < λ ≤ λ_max) and transport phase θ = k v dt, b = β dt/ε,
// evaluating X at the grid point while f follows the characteristics (Eulerian
// extrapolation) gives at ω = 1 the recurrence
//
//	(1 + 2b/3) r² − (4/3)[1 + (b − λdt/ε) e^{iθ}] r + (1/3)[1 + 2(b − λdt/ε) e^{2iθ}] = 0,
//
// whose largest root exceeds 1 for slowly relaxing modes (λ ≪ β) at θ near 1.1–1.5: 1.13 per
// step at b = 0.5, 1.21 at b = 3, and above 1 for every b, so neither a smaller dt nor a
// larger β removes it. The Landau operator's slowly relaxing tail modes and a resolved
// transport supply such modes, and a kinetic-regime run (ε = 1, 32 × 24², dt = 0.1) saw
// |f − M[f]| grow from 7e-4 at t = 11 to 1e-1 at t = 16 and then a negative temperature.
// With every term on the same characteristics the phases cancel, the recurrence is that of
// the homogeneous IMEX-BDF2 with explicit part (β − λ)/ε and implicit part −β/ε, whose roots
// have modulus at most 1 for 0 ≤ λ ≤ β, and the same run keeps |f − M[f]| below 2e-4. Each
// transport is self-consistent (its field comes from the density of what it moves) and
// a1 − a2 = 1, so mass and momentum are conserved to round-off as with IMEX. Cost per step:
// four collision evaluations (Q and Q(M) at B and at A; two for the start) and three
// transports, against two and one for IMEX.
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
