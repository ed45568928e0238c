//go:build cuda

package cuda

import "github.com/kinsolve/kinsolve/solver/backend"

// With solver/landau linked, the reference is its direct pair sum (through the cpu-direct
// backend) rather than the transcription in cuda_test.go.
func init() {
	landauRef = func(q, f []float64, cells int, spec backend.LandauSpec) error {
		b, err := backend.Get("cpu-direct")
		if err != nil {
			return err
		}
		l, err := b.NewLandau(spec)
		if err != nil {
			return err
		}
		defer l.Close()
		return l.EvalBatch(q, f, cells)
	}
}
