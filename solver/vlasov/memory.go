package vlasov

import (
	"fmt"

	"github.com/kinsolve/kinsolve/solver/grid"
)

// BytesPerCell is the memory a run takes per phase-space cell at its peak: the distribution
// and the advection's work array (8 bytes each), a snapshot copy of f and its encoded .npy
// bytes, and room for the encoder's buffer to grow.
const BytesPerCell = 40

// checkMemory returns an error naming the grid keys when a run on g would need more memory
// than this process may use (MemoryLimit), instead of failing in the allocator.
func checkMemory(g *grid.Grid) error {
	limit := MemoryLimit()
	cells := g.Len()
	need := float64(cells) * BytesPerCell
	if need <= float64(limit) {
		return nil
	}
	const gib = 1 << 30
	return fmt.Errorf("grid.nx × grid.nv^%d = %d cells out of range: a run needs about %.1f GiB, "+
		"more than the %.1f GiB available; allowed at most %d cells", g.VDim, cells, need/gib,
		float64(limit)/gib, limit/BytesPerCell)
}
