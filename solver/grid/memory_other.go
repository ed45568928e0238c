//go:build !linux

package grid

import "math"

// MemoryLimit returns the bytes a run may allocate; outside Linux it is not known and no
// limit is applied beyond grid.MaxCells.
func MemoryLimit() int64 { return math.MaxInt64 }
