// Batched periodic semi-Lagrangian shifts, the transport step of split phase-space solvers:
//
//   g(x_j) = f(x_j − s·h),  j = 0..N−1,
//
// on Outer×Inner periodic lines of N values; value j of line (o, r) is at
// o*outer_stride + r + j*stride. The shift s (in cells) of line (o, r) is shift[r]
// (by_outer = 0) or shift[o] (by_outer = 1). With m = floor(s) and θ = s − m, the foot is
// interpolated by the Lagrange polynomial of odd degree p through the p+1 nodes
// first..first+p, first = −(p+1)/2, around it:
//
//   g_j = Σ_k w_k(θ) f_((j − m + first + k) mod N),
//   w_k(θ) = Π_(l≠k) (−θ − (first+l)) / ((first+k) − (first+l)).
//
// One thread per output value; consecutive threads take consecutive r, so that the reads and
// writes of a warp are contiguous for both the x lines (stride Nv) and the v lines of a
// phase-space array.

#define ADVECT_MAX_DEGREE 9

extern "C" __global__ void advect_shift_f64(double *__restrict__ dst,
                                            const double *__restrict__ src, int n, int stride,
                                            int outer, int outer_stride, int inner,
                                            const double *__restrict__ shift, int by_outer,
                                            int p)
{
	long long id = (long long)blockIdx.x * blockDim.x + threadIdx.x;
	long long total = (long long)outer * inner * n;
	if (id >= total) {
		return;
	}
	int r = (int)(id % inner);
	long long t = id / inner;
	int j = (int)(t % n);
	int o = (int)(t / n);

	double sh = by_outer ? shift[o] : shift[r];
	double fl = floor(sh);
	double x = -(sh - fl);
	int first = -(p + 1) / 2;
	double w[ADVECT_MAX_DEGREE + 1];
#pragma unroll
	for (int k = 0; k <= ADVECT_MAX_DEGREE; k++) {
		if (k > p) {
			break;
		}
		double num = 1.0, den = 1.0;
		double nk = (double)(first + k);
		for (int l = 0; l <= p; l++) {
			if (l == k) {
				continue;
			}
			double nl = (double)(first + l);
			num *= x - nl;
			den *= nk - nl;
		}
		w[k] = num / den;
	}

	// Lowest source index of output j, reduced into [0, n): j − m + first (mod n).
	long long m = (long long)fl;
	long long lo = ((long long)j - m + first) % n;
	if (lo < 0) {
		lo += n;
	}
	long long base = (long long)o * outer_stride + r;
	double acc = 0.0;
#pragma unroll
	for (int k = 0; k <= ADVECT_MAX_DEGREE; k++) {
		if (k > p) {
			break;
		}
		int idx = (int)((lo + k) % n);
		// Rounded multiply then add, as the Go code does: no fused multiply-add, so that
		// both evaluations round identically.
		acc = __dadd_rn(acc, __dmul_rn(w[k], src[base + (long long)idx * stride]));
	}
	dst[base + (long long)j * stride] = acc;
}
