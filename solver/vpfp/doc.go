// Package vpfp solves the Vlasov–Poisson–Fokker–Planck system of kinsolve in 1X1V and 1X2V:
//
//	∂t f + v_x ∂x f + E ∂v_x f = ν ∇v · ( (v − u) f + T ∇v f ),   ∂x E = ρ − 1,
//
// with the Dougherty collision operator (Dougherty, Phys. Fluids 7, 1964; the Lenard–Bernstein
// operator of Phys. Rev. 112, 1958 made conservative by using the local mean velocity u(x) and
// temperature T(x) of f, T = (T_x + T_y)/2 in two velocity dimensions). ν is the collision
// frequency in plasma frequencies.
//
// Time stepping: Strang splitting X(dt/2) [V(dt/2) C(dt) V(dt/2)] X(dt/2) of the
// semi-Lagrangian free streaming X and acceleration V of vlasov.Transport and the collision step
// C, which is implicit, so that dt is set by the transport alone whatever ν·dt.
//
// Collision step. In each velocity direction the flux through the face k+½ between nodes k and
// k+1 is the Chang–Cooper flux (Chang & Cooper, J. Comput. Phys. 6, 1970)
//
//	F_{k+½} = (νT/h) [ B(−w) f_{k+1} − B(w) f_k ],   w = h (v_{k+½} − u)/T,   B(w) = w/(eʷ − 1),
//
// with zero flux through the box edges. Its discrete equilibria are exactly the sampled
// Maxwellians f_{k+1}/f_k = exp(−h(v_{k+½} − u)/T), and backward Euler with it is an M-matrix
// solve: the step keeps f ≥ 0 and conserves mass to round-off for any ν·dt. In two velocity
// dimensions the v_x and v_y lines are solved one after the other (dimensional splitting, first
// order in ν·dt, with the same Maxwellian as fixed point).
//
// The parameters u and T are not taken from f^n: they are the unknowns of a small Newton
// iteration (finite-difference Jacobian, d+1 unknowns) that makes the momentum and energy of
// the result equal to those of f^n. This plays the role of the discrete moment constraints of
// conservative Fokker–Planck schemes (Hakim, Francisquez, Juno & Hammett, J. Plasma Phys. 86,
// 2020; Taitano, Chacón, Simakov & Molvig, J. Comput. Phys. 297, 2015): the collision step
// conserves mass, momentum and energy to round-off (the iteration stops at the round-off floor,
// about 1e-13 relative), while u and T differ from the midpoint-rule moments by the O(h²) and
// O(ν·dt) discretisation error. The transport steps conserve mass exactly and exchange momentum
// and energy with the field up to their splitting and interpolation error; that is the only
// source of momentum and total-energy drift of the model.
//
// Linear theory: LinearDispersion gives the damping and frequency of a Langmuir wave of the
// linearised 1X1V system from a Hermite continued fraction. Because the operator conserves
// momentum and energy, collisions push the wave towards the undamped adiabatic fluid mode
// ω² = 1 + 3k²: at k = 0.5 the damping rate falls from the collisionless 0.1534 as ν grows.
package vpfp
