// Landau collision operator on a batch of n×n velocity blocks: the conservative weak form
// (Degond & Lucquin-Desreux, Numer. Math. 67, 1994; Buet, Cordier, Degond & Lemou,
// J. Comput. Phys. 133, 1997) in its plain flux form, evaluated by the direct pair sum.
//
// Velocity nodes v_(i1,i2) are cell-centred with spacing h; block k of f holds
// f[k*n*n + i1*n + i2]. The m = n−1 corners per dimension sit at v_(c1,c2) + (h/2, h/2) and
// carry, for each block,
//
//   f̄_c     = (f[c1,c2] + f[c1+1,c2] + f[c1,c2+1] + f[c1+1,c2+1]) / 4
//   (Df)_c^x = (f[c1+1,c2] + f[c1+1,c2+1] − f[c1,c2] − f[c1,c2+1]) / (2h)
//   (Df)_c^y = (f[c1,c2+1] + f[c1+1,c2+1] − f[c1,c2] − f[c1+1,c2]) / (2h)
//
// The flux at corner c is
//
//   a_c = h² Σ_c' A(v_c − v_c') f̄_c',   b_c = h² Σ_c' A(v_c − v_c') (Df)_c',
//   J_c = a_c (Df)_c − f̄_c b_c,
//   A(z) = Λ |z|^γ (|z|² I − z⊗z),  A(0) = 0,
//
// and Q = −Dᵀ J with Dᵀ the exact transpose of D (corners to nodes).
//
// Three launches per evaluation:
//   landau_corners_*    one thread per (block, corner): f̄, Df.
//   landau_flux_*       the O(m⁴) pair sum: one thread per corner c and LANDAU_CB blocks;
//                       the (f̄, Dfx, Dfy) of LANDAU_TILE source corners c' for those blocks
//                       pass through shared memory; A(v_c − v_c') is computed once per pair
//                       and used for all LANDAU_CB blocks. Writes J.
//   landau_divergence_* one thread per (block, node): Q = −Dᵀ J.
//
// Work per pair (c, c') and block in landau_flux: 7 fused multiply-adds, 14 flops
// (a_xx, a_xy, a_yy: 1 FMA each; b_x, b_y: 2 FMA each). Computing A adds about 10 flops plus
// one square root and one division (γ = −3) or one pow (general γ) per pair, shared by the
// LANDAU_CB blocks of a thread; throughput figures count the 14 flops only.

#define LANDAU_TILE 128

// LANDAU_CB64 and LANDAU_CB32: velocity blocks per thread in the pair sum (register blocking
// over the batch: A is evaluated once for that many blocks).
#define LANDAU_CB64 4
#define LANDAU_CB32 8

template <typename T> struct prec;
template <> struct prec<double> {
	static __device__ __forceinline__ double sqrt_(double x) { return sqrt(x); }
	static __device__ __forceinline__ double pow_(double x, double y) { return pow(x, y); }
};
template <> struct prec<float> {
	static __device__ __forceinline__ float sqrt_(float x) { return sqrtf(x); }
	static __device__ __forceinline__ float pow_(float x, float y) { return powf(x, y); }
};

// kernel_a sets the components of A(z) for z = (z1, z2); A(0) = 0.
// A(z) = s (|z|² I − z⊗z) with s = Λ|z|^γ, so A_xx = s z2², A_xy = −s z1 z2, A_yy = s z1².
template <typename T>
__device__ __forceinline__ void kernel_a(T z1, T z2, T gamma, T lambda, T &axx, T &axy,
                                         T &ayy)
{
	T r2 = z1 * z1 + z2 * z2;
	T s;
	if (r2 == T(0)) {
		s = T(0);
	} else if (gamma == T(0)) {
		s = lambda;
	} else if (gamma == T(-3)) {
		s = lambda / (r2 * prec<T>::sqrt_(r2));
	} else {
		s = lambda * prec<T>::pow_(r2, gamma / T(2));
	}
	axx = s * z2 * z2;
	axy = -s * z1 * z2;
	ayy = s * z1 * z1;
}

// corners: thread (corner c, block k) sets fbar, dfx, dfy at k*m*m + c.
template <typename T>
__device__ __forceinline__ void corners(const T *__restrict__ f, T *__restrict__ fbar,
                                        T *__restrict__ dfx, T *__restrict__ dfy, int cells,
                                        int n, T h)
{
	int m = n - 1;
	int mm = m * m;
	long long id = (long long)blockIdx.x * blockDim.x + threadIdx.x;
	if (id >= (long long)cells * mm) {
		return;
	}
	int k = (int)(id / mm);
	int c = (int)(id - (long long)k * mm);
	int c1 = c / m, c2 = c - c1 * m;
	const T *fk = f + (long long)k * n * n;
	T f00 = fk[c1 * n + c2];
	T f10 = fk[(c1 + 1) * n + c2];
	T f01 = fk[c1 * n + c2 + 1];
	T f11 = fk[(c1 + 1) * n + c2 + 1];
	T inv2h = T(1) / (T(2) * h);
	fbar[id] = (f00 + f10 + f01 + f11) / T(4);
	dfx[id] = (f10 + f11 - f00 - f01) * inv2h;
	dfy[id] = (f01 + f11 - f00 - f10) * inv2h;
}

// flux: block (blockIdx.x, blockIdx.y) handles corners c = blockIdx.x*LANDAU_TILE + threadIdx.x
// of velocity blocks k0 = blockIdx.y*CB … k0+CB−1. blockDim.x must be LANDAU_TILE.
template <typename T, int CB>
__device__ __forceinline__ void flux(const T *__restrict__ fbar, const T *__restrict__ dfx,
                                     const T *__restrict__ dfy, T *__restrict__ jx,
                                     T *__restrict__ jy, int cells, int n, T h, T gamma,
                                     T lambda)
{
	__shared__ __align__(16) T sf[LANDAU_TILE][CB];
	__shared__ __align__(16) T sx[LANDAU_TILE][CB];
	__shared__ __align__(16) T sy[LANDAU_TILE][CB];
	__shared__ int s1[LANDAU_TILE], s2[LANDAU_TILE];

	int m = n - 1;
	int mm = m * m;
	int t = threadIdx.x;
	int c = blockIdx.x * LANDAU_TILE + t;
	int k0 = blockIdx.y * CB;
	int c1 = c / m, c2 = c - (c / m) * m;

	T axx[CB], axy[CB], ayy[CB], bx[CB], by[CB];
#pragma unroll
	for (int b = 0; b < CB; b++) {
		axx[b] = axy[b] = ayy[b] = bx[b] = by[b] = T(0);
	}

	for (int tile = 0; tile < mm; tile += LANDAU_TILE) {
		int cp = tile + t;
		bool in = cp < mm;
		int p1 = in ? cp / m : 0;
		s1[t] = p1;
		s2[t] = in ? cp - p1 * m : 0;
#pragma unroll
		for (int b = 0; b < CB; b++) {
			int k = k0 + b;
			bool ok = in && k < cells;
			long long g = (long long)k * mm + cp;
			// Padding corners and blocks carry zero data, so they add nothing to the sums.
			sf[t][b] = ok ? fbar[g] : T(0);
			sx[t][b] = ok ? dfx[g] : T(0);
			sy[t][b] = ok ? dfy[g] : T(0);
		}
		__syncthreads();
		int jn = min(LANDAU_TILE, mm - tile);
		for (int j = 0; j < jn; j++) {
			T kxx, kxy, kyy;
			kernel_a<T>(h * T(c1 - s1[j]), h * T(c2 - s2[j]), gamma, lambda, kxx, kxy, kyy);
#pragma unroll
			for (int b = 0; b < CB; b++) {
				T fb = sf[j][b], ux = sx[j][b], uy = sy[j][b];
				axx[b] += kxx * fb;
				axy[b] += kxy * fb;
				ayy[b] += kyy * fb;
				bx[b] += kxx * ux + kxy * uy;
				by[b] += kxy * ux + kyy * uy;
			}
		}
		__syncthreads();
	}

	if (c >= mm) {
		return;
	}
	T h2 = h * h;
#pragma unroll
	for (int b = 0; b < CB; b++) {
		int k = k0 + b;
		if (k >= cells) {
			break;
		}
		long long g = (long long)k * mm + c;
		T fc = fbar[g], ux = dfx[g], uy = dfy[g];
		T ax = h2 * axx[b], ay = h2 * axy[b], az = h2 * ayy[b];
		T vx = h2 * bx[b], vy = h2 * by[b];
		jx[g] = ax * ux + ay * uy - fc * vx;
		jy[g] = ay * ux + az * uy - fc * vy;
	}
}

// divergence: thread (node i, block k) sets q = −(Dᵀ J)_i. Node (i1, i2) touches the corners
// (i1−1 or i1, i2−1 or i2) that exist; D has weight +1/(2h) on the node of larger index and
// −1/(2h) on the smaller one along the differenced axis.
template <typename T>
__device__ __forceinline__ void divergence(const T *__restrict__ jx, const T *__restrict__ jy,
                                           T *__restrict__ q, int cells, int n, T h)
{
	int m = n - 1;
	int mm = m * m;
	int nn = n * n;
	long long id = (long long)blockIdx.x * blockDim.x + threadIdx.x;
	if (id >= (long long)cells * nn) {
		return;
	}
	int k = (int)(id / nn);
	int i = (int)(id - (long long)k * nn);
	int i1 = i / n, i2 = i - i1 * n;
	const T *jxk = jx + (long long)k * mm;
	const T *jyk = jy + (long long)k * mm;
	T s = T(0);
	// Corner (i1−1, ·): node is its "+1" x neighbour; corner (i1, ·): its "0" x neighbour.
	// Corner (·, i2−1): node is its "+1" y neighbour; corner (·, i2): its "0" y neighbour.
	bool lo1 = i1 >= 1, hi1 = i1 < m, lo2 = i2 >= 1, hi2 = i2 < m;
	if (lo1 && lo2) {
		int cc = (i1 - 1) * m + (i2 - 1);
		s += jxk[cc] + jyk[cc];
	}
	if (lo1 && hi2) {
		int cc = (i1 - 1) * m + i2;
		s += jxk[cc] - jyk[cc];
	}
	if (hi1 && lo2) {
		int cc = i1 * m + (i2 - 1);
		s += -jxk[cc] + jyk[cc];
	}
	if (hi1 && hi2) {
		int cc = i1 * m + i2;
		s += -jxk[cc] - jyk[cc];
	}
	q[id] = -s / (T(2) * h);
}

extern "C" {

__global__ void landau_corners_f64(const double *f, double *fbar, double *dfx, double *dfy,
                                   int cells, int n, double h)
{
	corners<double>(f, fbar, dfx, dfy, cells, n, h);
}

__global__ void landau_corners_f32(const float *f, float *fbar, float *dfx, float *dfy,
                                   int cells, int n, float h)
{
	corners<float>(f, fbar, dfx, dfy, cells, n, h);
}

__global__ void __launch_bounds__(LANDAU_TILE)
landau_flux_f64(const double *fbar, const double *dfx, const double *dfy, double *jx,
                double *jy, int cells, int n, double h, double gamma, double lambda)
{
	flux<double, LANDAU_CB64>(fbar, dfx, dfy, jx, jy, cells, n, h, gamma, lambda);
}

__global__ void __launch_bounds__(LANDAU_TILE)
landau_flux_f32(const float *fbar, const float *dfx, const float *dfy, float *jx, float *jy,
                int cells, int n, float h, float gamma, float lambda)
{
	flux<float, LANDAU_CB32>(fbar, dfx, dfy, jx, jy, cells, n, h, gamma, lambda);
}

__global__ void landau_divergence_f64(const double *jx, const double *jy, double *q,
                                      int cells, int n, double h)
{
	divergence<double>(jx, jy, q, cells, n, h);
}

__global__ void landau_divergence_f32(const float *jx, const float *jy, float *q, int cells,
                                      int n, float h)
{
	divergence<float>(jx, jy, q, cells, n, h);
}

} // extern "C"
