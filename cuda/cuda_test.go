//go:build cuda

package cuda

import (
	"math"
	"runtime"
	"sync"
	"testing"

	"github.com/kinsolve/kinsolve/solver/backend"
)

var (
	devOnce sync.Once
	dev     *Device
	devErr  error
)

// testDevice opens GPU 0 once for all tests of the binary.
func testDevice(t testing.TB) *Device {
	t.Helper()
	devOnce.Do(func() { dev, devErr = Open(0) })
	if devErr != nil {
		t.Fatalf("opening GPU 0: %v", devErr)
	}
	return dev
}

// landauRef evaluates the reference Landau operator on a batch: q_k = Q_L(f_k) for every
// block k. It is the Go direct pair sum, so that the device result is checked against an
// independent evaluation of the same discrete operator.
var landauRef = mirrorDirect

// mirrorDirect is a plain transcription of the discrete operator (see doc.go) in float64: the
// corner fields, the direct pair sums, the flux and Q = −Dᵀ J, block by block on all
// processors.
func mirrorDirect(q, f []float64, cells int, spec backend.LandauSpec) error {
	if err := backend.CheckBatch(q, f, cells, spec.N); err != nil {
		return err
	}
	n, m, h := spec.N, spec.N-1, spec.H()
	nn, mm := n*n, m*m
	// A(h·(d1, d2)) for |d1|, |d2| ≤ m−1, index (d1+m−1)·(2m−1) + d2+m−1.
	kw := 2*m - 1
	kxx, kxy, kyy := make([]float64, kw*kw), make([]float64, kw*kw), make([]float64, kw*kw)
	for d1 := -(m - 1); d1 <= m-1; d1++ {
		for d2 := -(m - 1); d2 <= m-1; d2++ {
			z1, z2 := float64(d1)*h, float64(d2)*h
			r2 := z1*z1 + z2*z2
			var s float64
			switch {
			case r2 == 0:
				s = 0
			case spec.Gamma == 0:
				s = spec.Lambda
			case spec.Gamma == -3:
				s = spec.Lambda / (r2 * math.Sqrt(r2))
			default:
				s = spec.Lambda * math.Pow(r2, spec.Gamma/2)
			}
			k := (d1+m-1)*kw + d2 + m - 1
			kxx[k], kxy[k], kyy[k] = s*z2*z2, -s*z1*z2, s*z1*z1
		}
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fb, ux, uy := make([]float64, mm), make([]float64, mm), make([]float64, mm)
			jx, jy := make([]float64, mm), make([]float64, mm)
			for k := range next {
				fk, qk := f[k*nn:(k+1)*nn], q[k*nn:(k+1)*nn]
				for c1 := 0; c1 < m; c1++ {
					for c2 := 0; c2 < m; c2++ {
						f00, f10 := fk[c1*n+c2], fk[(c1+1)*n+c2]
						f01, f11 := fk[c1*n+c2+1], fk[(c1+1)*n+c2+1]
						c := c1*m + c2
						fb[c] = (f00 + f10 + f01 + f11) / 4
						ux[c] = (f10 + f11 - f00 - f01) / (2 * h)
						uy[c] = (f01 + f11 - f00 - f10) / (2 * h)
					}
				}
				for c := 0; c < mm; c++ {
					c1, c2 := c/m, c%m
					var axx, axy, ayy, bx, by float64
					for p := 0; p < mm; p++ {
						kk := (c1-p/m+m-1)*kw + c2 - p%m + m - 1
						a, b, d := kxx[kk], kxy[kk], kyy[kk]
						axx += a * fb[p]
						axy += b * fb[p]
						ayy += d * fb[p]
						bx += a*ux[p] + b*uy[p]
						by += b*ux[p] + d*uy[p]
					}
					h2 := h * h
					jx[c] = h2 * (axx*ux[c] + axy*uy[c] - fb[c]*bx)
					jy[c] = h2 * (axy*ux[c] + ayy*uy[c] - fb[c]*by)
				}
				for i1 := 0; i1 < n; i1++ {
					for i2 := 0; i2 < n; i2++ {
						var s float64
						if i1 >= 1 && i2 >= 1 {
							c := (i1-1)*m + i2 - 1
							s += jx[c] + jy[c]
						}
						if i1 >= 1 && i2 < m {
							c := (i1-1)*m + i2
							s += jx[c] - jy[c]
						}
						if i1 < m && i2 >= 1 {
							c := i1*m + i2 - 1
							s += -jx[c] + jy[c]
						}
						if i1 < m && i2 < m {
							c := i1*m + i2
							s += -jx[c] - jy[c]
						}
						qk[i1*n+i2] = -s / (2 * h)
					}
				}
			}
		}()
	}
	for k := 0; k < cells; k++ {
		next <- k
	}
	close(next)
	wg.Wait()
	return nil
}
