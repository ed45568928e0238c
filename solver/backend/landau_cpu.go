package backend

import (
	"github.com/kinsolve/kinsolve/solver/landau"
)

// newCPULandau makes the Go Landau evaluator of the cpu backends: the FFT evaluation of
// solver/landau, or with direct set its O(N⁴) pair sum.
func newCPULandau(spec LandauSpec, direct bool) (Landau, error) {
	op, err := landau.New(spec.N, spec.VMax,
		landau.Params{Gamma: spec.Gamma, Lambda: spec.Lambda}, landau.Plain)
	if err != nil {
		return nil, err
	}
	return &cpuLandau{op: op, n: spec.N, direct: direct}, nil
}

// cpuLandau evaluates a batch block by block; each evaluation uses all processors.
type cpuLandau struct {
	op     *landau.Operator
	n      int
	direct bool
}

func (c *cpuLandau) EvalBatch(q, f []float64, cells int) error {
	if c.op == nil {
		return errClosed
	}
	if err := CheckBatch(q, f, cells, c.n); err != nil {
		return err
	}
	nn := c.n * c.n
	for k := 0; k < cells; k++ {
		qk, fk := q[k*nn:(k+1)*nn], f[k*nn:(k+1)*nn]
		if c.direct {
			c.op.Direct(qk, fk)
		} else {
			c.op.Apply(qk, fk)
		}
	}
	return nil
}

func (c *cpuLandau) Close() error {
	c.op = nil
	return nil
}
