//go:build cuda

package benchcmd

// The cuda build links the GPU backends, which register themselves as "cuda" and "cuda-f32".
import _ "github.com/kinsolve/kinsolve/cuda"
