// Package landau implements the Landau collision operator on a uniform 2D
// velocity grid, its fast evaluation, and the spatially homogeneous
// relaxation ∂t f = Q_L[f] with three presets (bkw, anisotropic,
// coulomb-bumps).
//
// # The operator
//
//	Q_L[f](v) = ∇·∫ A(v − w) [ f(w) ∇f(v) − f(v) ∇f(w) ] dw,
//	A(z) = Λ |z|^γ ( |z|² I − z ⊗ z ),   A(0) = 0,   γ ∈ [−3, 1], Λ ≥ 0,
//
// γ = −3 Coulomb, γ = 0 Maxwell molecules. Velocities are in thermal speeds
// and time in the inverse collision scale set by Λ.
//
// # Discretisation
//
// The conservative weak form of Degond & Lucquin-Desreux (Numer. Math. 67,
// 1994) and Buet, Cordier, Degond & Lemou (J. Comput. Phys. 133, 1997). The
// nodes are the n×n cell centres v_i = −V + (i + ½)h, h = 2V/n, of
// solver/grid. kinsolve places the flux on the dual grid of the (n−1)²
// interior cell corners v_c = v_(c1,c2) + (h/2, h/2), which makes the
// scheme second-order accurate. With the corner average and corner gradient
//
//	f̄_c    = ( f[c1,c2] + f[c1+1,c2] + f[c1,c2+1] + f[c1+1,c2+1] ) / 4
//	(Df)ˣ_c = ( f[c1+1,c2] + f[c1+1,c2+1] − f[c1,c2] − f[c1,c2+1] ) / (2h)
//	(Df)ʸ_c = ( f[c1,c2+1] + f[c1+1,c2+1] − f[c1,c2] − f[c1+1,c2] ) / (2h)
//
// and A_cc' = A(v_c − v_c'), the flux is, in the Plain form,
//
//	J_c = Σ_c' A_cc' [ f̄_c' (Df)_c − f̄_c (Df)_c' ] h² = a_c (Df)_c − f̄_c b_c,
//	a_c = Σ_c' A_cc' f̄_c' h²,   b_c = Σ_c' A_cc' (Df)_c' h²,
//
// and in the Entropic form (f > 0)
//
//	J_c = f̄_c Σ_c' A_cc' f̄_c' [ (D log f)_c − (D log f)_c' ] h²,
//
// which is the same expression with u_c = f̄_c (D log f)_c in place of
// (Df)_c. The operator is
//
//	Q = −Dᵀ J,
//
// Dᵀ the exact transpose of D (corners to nodes). No flux crosses the box
// edge, and Σ_i φ_i Q_i h² = −Σ_c (Dφ)_c·J_c h² with (Dφ)_c = 0, e_k and
// 2v_c exactly for φ = 1, v_k and |v|²; by the symmetry of A_cc' and
// A(z)z = 0 these sums vanish. Mass, momentum and energy are therefore
// conserved to round-off for any f. In the Entropic form D log M is affine
// in v_c for a discrete Maxwellian M, so Q[M] = 0 to round-off, and
// Σ log f_i Q_i ≤ 0 (entropy decays in the semi-discrete sense); in the Plain
// form Q[M] = O(h²).
//
// The checkerboard mode f_i = (−1)^(i1+i2) is in the null space of D (every
// corner sees two +1 and two −1): the operator neither damps nor sees it.
// Smooth data do not excite it, but it is not controlled either.
//
// # Two evaluations
//
// a_c and b_c are discrete convolutions over the corner grid, because A_cc'
// depends only on c − c'. Operator.Direct sums the pairs directly, O(n⁴);
// Operator.Apply evaluates the five convolutions (axx, axy, ayy, bx, by) as
// zero-padded 2D FFT convolutions with gonum's dsp/fourier, O(n² log n), with
// the kernel transforms computed once. The two agree to round-off (tested to
// 1e-12 relative).
//
// # Time integration
//
// Integrator uses the SSP-RK3 scheme of Shu & Osher (J. Comput. Phys. 77,
// 1988) with
//
//	dt = C · h² / (4 max_c λ_max(a_c)).
//
// Frozen coefficients: the Fourier symbol of DᵀD is
// (4/h²)[sin²(k₁/2)cos²(k₂/2) + cos²(k₁/2)sin²(k₂/2)] ≤ 4/h², so the diffusion
// part −Dᵀ a D has eigenvalues in [−4 max λ_max(a)/h², 0]. SSP-RK3 is stable
// on [−2.51, 0] of the real axis, so C ≤ 2.5 (MaxCFL) is the frozen-
// coefficient limit; the default C = 1 keeps a factor 2.5 for the drift
// term f̄ b, which adds eigenvalues off the real axis, and for the change of
// a during the step. dt is recomputed at every step from the first stage.
// For γ ≥ 0 the largest a sits at the box corners (λ ~ Λρ|v|²), so the step
// scales like 1/n² independently of V.
//
// # Limits
//
// Neither form keeps f ≥ 0 under explicit steps: the stencil of −Dᵀ a D has
// negative off-diagonal weights where a_xy ≠ 0, and tails of f of size
// 1e-20 and below turn slightly negative (bkw at 32²: min f ≈ −3e−9 at
// t = 1). The Plain form runs on; the Entropic form stops with
// ErrNonPositive as soon as log f is undefined, so it is usable for
// evolution only when f stays well above zero on the whole box (it does
// for coulomb-bumps on [−6, 6]², not for bkw or anisotropic on [−8, 8]²).
// A positivity-preserving step (implicit or limited) would lift this.
package landau
