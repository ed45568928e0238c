// Package backend is the seam between kinsolve's solvers and the hardware that runs their two
// hot loops: the Landau collision integral of every spatial cell, and the batched
// one-dimensional shifts of the split transport step.
//
// A Backend is opened by name from a registry. The default build registers "cpu", which runs
// both loops in Go on all processors (the Landau operator of solver/landau and the
// advect.Shifter). Builds with the cuda tag (make build-cuda) also register "cuda" (float64
// kernels, the reference precision) and "cuda-f32" (Landau in float32 for speed, advection in
// float64); asking for them in a default build returns an error that names the build to use.
// This package never imports a GPU library, so the default binary runs with no CUDA library
// installed.
//
// Both evaluators act on whole batches laid out as in solver/grid: the velocity blocks of
// cells spatial cells, each n×n with v_y fastest, stored one after the other,
//
//	f[k·n² + i1·n + i2] = f(x_k, v_x[i1], v_y[i2]),
//
// and a Landau evaluator sets q[k·n² + …] = Q_L(f_k, f_k) block by block, with the discrete
// operator of solver/landau (the conservative weak form of Degond & Lucquin-Desreux,
// Numer. Math. 67, 1994, in the plain flux form).
package backend
