package grid

import "fmt"

// CheckMemory returns an error naming the grid keys when a model that needs bytesPerCell
// bytes per phase-space cell at its peak would need more memory on g than this process may
// use (MemoryLimit), so that an oversized run is refused at set-up instead of failing in the
// allocator. Each model states its own figure: its distribution-sized arrays (8 bytes each),
// a snapshot copy of f and its encoded .npy bytes.
func CheckMemory(g *Grid, bytesPerCell int) error {
	limit := MemoryLimit()
	cells := g.Len()
	need := float64(cells) * float64(bytesPerCell)
	if need <= float64(limit) {
		return nil
	}
	const gib = 1 << 30
	return fmt.Errorf("grid.nx × grid.nv^%d = %d cells out of range: a run needs about %.1f GiB, "+
		"more than the %.1f GiB available; allowed at most %d cells", g.VDim, cells, need/gib,
		float64(limit)/gib, limit/int64(bytesPerCell))
}
