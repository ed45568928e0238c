package population

import (
	"runtime"
	"sync"
)

// forAgents calls f(i) for i = 0..n-1 on up to workers goroutines (0 means GOMAXPROCS), in
// contiguous chunks. f must touch only agent i's state and random stream, which makes the
// result independent of the number of workers.
func forAgents(n, workers int, f func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers > n {
		workers = n
	}
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				f(i)
			}
		}()
	}
	wg.Wait()
}
