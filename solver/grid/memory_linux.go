package grid

import (
	"math"
	"syscall"
)

// MemoryLimit returns the bytes a run may allocate: four fifths of the smaller of the
// machine's physical memory and the address-space limit (ulimit -v) of the process.
func MemoryLimit() int64 {
	limit := uint64(math.MaxInt64)
	var si syscall.Sysinfo_t
	if err := syscall.Sysinfo(&si); err == nil && si.Totalram > 0 {
		limit = min(limit, uint64(si.Totalram)*uint64(si.Unit))
	}
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &rl); err == nil && rl.Cur < math.MaxInt64 {
		limit = min(limit, rl.Cur)
	}
	return int64(limit / 5 * 4)
}
