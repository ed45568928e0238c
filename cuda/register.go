//go:build cuda

package cuda

import (
	"fmt"

	"github.com/kinsolve/kinsolve/solver/backend"
)

func init() {
	backend.Register("cuda", func() (backend.Backend, error) { return OpenBackend(0, Float64) })
	backend.Register("cuda-f32", func() (backend.Backend, error) { return OpenBackend(0, Float32) })
}

// Backend is a backend.Backend on one GPU: Landau in the chosen precision, advection in
// float64.
type Backend struct {
	*Device
	prec Precision
}

// OpenBackend opens the GPU of the given ordinal as a backend whose Landau evaluators work in
// precision p.
func OpenBackend(ordinal int, p Precision) (*Backend, error) {
	d, err := Open(ordinal)
	if err != nil {
		return nil, err
	}
	return &Backend{Device: d, prec: p}, nil
}

// Name returns "cuda" for Float64 and "cuda-f32" for Float32.
func (b *Backend) Name() string {
	if b.prec == Float32 {
		return "cuda-f32"
	}
	return "cuda"
}

// Describe names the device and the precision.
func (b *Backend) Describe() string {
	return fmt.Sprintf("%s, Landau in %s, advection in float64", b.Device, b.prec)
}

// NewLandau returns a Landau evaluator in the backend's precision.
func (b *Backend) NewLandau(spec backend.LandauSpec) (backend.Landau, error) {
	return b.Device.NewLandau(spec, b.prec)
}

// NewAdvection returns a float64 shifter of degree p.
func (b *Backend) NewAdvection(p int) (backend.Advection, error) {
	return b.Device.NewAdvection(p)
}
