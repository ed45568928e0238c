package grid

// EdgeTolerance is the largest value an initial distribution may take on the edge of its
// velocity box, relative to its maximum. Whatever sits at the edge is lost or, on periodic
// velocity lines, wraps around to the other side; 1e-7 keeps that below the accuracy of any
// fitted rate or conserved moment while still admitting the customary box [−6, 6] for a unit
// Maxwellian (whose edge value is exp(−18) ≈ 1.5e-8 of its peak). Every model checks its
// initial condition against this one value.
const EdgeTolerance = 1e-7
