//go:build cuda

// Package cuda runs kinsolve's two hot loops on an NVIDIA GPU: the Landau collision operator
// of a batch of spatial cells (float64 and float32) and the batched periodic shifts of the
// split transport step (float64). It registers the backends "cuda" and "cuda-f32" with
// solver/backend.
//
// The device code is CUDA C in kernels/*.cu, compiled to PTX by `make ptx` for the Hopper
// virtual architecture compute_90 and for compute_80, and embedded in the binary; Open loads
// the PTX that suits the device (compute_90 on compute capability 9.x and newer, compute_80 on
// 8.x) and the driver compiles it for the chip. Only the CUDA driver API (libcuda.so.1) is
// linked, through gorgonia.org/cu, so a binary built against one toolkit runs with any recent
// driver.
//
// Every file of this package carries the cuda build tag: gorgonia.org/cu initialises the
// driver in its package init and ends the process when no GPU is present, so a binary that
// links it is for GPU machines only. The default build leaves this package out.
//
// # Landau operator
//
// Landau.EvalBatch evaluates, for every velocity block of a batch, the plain conservative
// weak form of Degond & Lucquin-Desreux (Numer. Math. 67, 1994) exactly as solver/landau
// does: corner averages f̄ and differences Df, the direct pair sums
//
//	a_c = h² Σ_c' A(v_c − v_c') f̄_c',  b_c = h² Σ_c' A(v_c − v_c') (Df)_c',
//
// the flux J_c = a_c (Df)_c − f̄_c b_c and Q = −Dᵀ J. The pair sum, O(m⁴) for m = n−1 corners
// per dimension, is the compute-bound part; each thread owns one corner and a few velocity
// blocks, so that A(v_c − v_c') is computed once for all of them, and the source corners pass
// through shared memory in tiles. It costs 14 flops per pair (c, c') and block.
//
// # Advection
//
// Advection.Shift computes exactly what advect.Shifter.Shift computes: the same Lagrange
// weights, stencil and summation order, one GPU thread per output value.
package cuda
