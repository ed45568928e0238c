package backend_test

import (
	"fmt"

	"github.com/kinsolve/kinsolve/solver/backend"
)

// In the default build the GPU backends are compiled out, and asking for one says which
// build has it.
func ExampleGet() {
	_, err := backend.Get("cuda")
	fmt.Println(err)
	fmt.Println(backend.Has("cpu"), backend.Has("cuda"))
	// Output:
	// backend "cuda" is not in this build: rebuild with -tags cuda (make build-cuda)
	// true false
}
