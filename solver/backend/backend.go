package backend

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/kinsolve/kinsolve/solver/advect"
)

// LandauSpec fixes the velocity grid and the kernel of a Landau evaluator: N×N cell-centred
// nodes on [−VMax, VMax]², spacing h = 2·VMax/N, and the interaction
//
//	A(z) = Lambda·|z|^Gamma·(|z|² I − z⊗z),  A(0) = 0.
type LandauSpec struct {
	N      int     // velocity nodes per dimension, MinNodes to MaxNodes
	VMax   float64 // half-width V of the velocity box, finite and > 0
	Gamma  float64 // exponent γ in [−3, 1]: −3 Coulomb, 0 Maxwell molecules
	Lambda float64 // collision strength Λ, finite and ≥ 0
}

// Limits on LandauSpec.N, the same as those of solver/landau.
const (
	MinNodes = 8
	MaxNodes = 1024
)

// H returns the velocity grid spacing 2·VMax/N.
func (s LandauSpec) H() float64 { return 2 * s.VMax / float64(s.N) }

// Validate returns an error that names the first field out of range, or nil.
func (s LandauSpec) Validate() error {
	switch {
	case s.N < MinNodes || s.N > MaxNodes:
		return fmt.Errorf("backend: landau n = %d out of range: must be %d to %d nodes per "+
			"dimension", s.N, MinNodes, MaxNodes)
	case !(s.VMax > 0) || math.IsInf(s.VMax, 0):
		return fmt.Errorf("backend: landau vmax = %v out of range: must be finite and > 0", s.VMax)
	case !(s.Gamma >= -3 && s.Gamma <= 1):
		return fmt.Errorf("backend: landau gamma = %v out of range: must be in [-3, 1]", s.Gamma)
	case !(s.Lambda >= 0) || math.IsInf(s.Lambda, 0):
		return fmt.Errorf("backend: landau lambda = %v out of range: must be finite and >= 0",
			s.Lambda)
	}
	return nil
}

// Landau evaluates the Landau operator on batches of velocity blocks.
type Landau interface {
	// EvalBatch sets q[k·N² : (k+1)·N²] = Q_L(f_k) for k = 0..cells−1. q and f must hold
	// exactly cells·N² values and must not overlap. It returns an error, and leaves q
	// unspecified, when the lengths are wrong or the hardware fails.
	EvalBatch(q, f []float64, cells int) error
	// Close releases the evaluator's buffers. The evaluator is unusable afterwards.
	Close() error
}

// Advection applies batches of periodic semi-Lagrangian shifts with the semantics of
// advect.Shifter.Shift: dst(o, r, j) = src(o, r, x_j − s·h), s the line's shift in cells.
type Advection interface {
	// Degree returns the odd interpolation degree.
	Degree() int
	// Shift shifts every line that ls describes; see advect.Shifter.Shift. dst and src must
	// not overlap and must hold every index of ls; shift must hold Inner (ByInner) or Outer
	// (ByOuter) finite values.
	Shift(dst, src []float64, ls advect.Lines, shift []float64, idx advect.ShiftIndex) error
	// Close releases the evaluator's buffers.
	Close() error
}

// Backend makes evaluators that run on one kind of hardware.
type Backend interface {
	// Name returns the name the backend is registered under.
	Name() string
	// Describe returns a one-line description of the hardware and precision, for reports.
	Describe() string
	// NewLandau returns an evaluator of the Landau operator on spec's grid.
	NewLandau(spec LandauSpec) (Landau, error)
	// NewAdvection returns a shifter of odd degree p in [1, advect.MaxDegree].
	NewAdvection(p int) (Advection, error)
	// Close releases what the backend holds (a device context, say).
	Close() error
}

// Opener opens a registered backend.
type Opener func() (Backend, error)

// ErrNotInBuild matches (errors.Is) Get's error for a backend that kinsolve has but this
// binary was built without.
var ErrNotInBuild = errors.New("backend not in this build")

// notInBuild is Get's error for a backend compiled out of this binary.
type notInBuild struct{ name, how string }

func (e notInBuild) Error() string {
	return fmt.Sprintf("backend %q is not in this build: %s", e.name, e.how)
}

func (e notInBuild) Is(target error) bool { return target == ErrNotInBuild }

// buildOf names the build that provides each optional backend.
var buildOf = map[string]string{
	"cuda":     "rebuild with -tags cuda (make build-cuda)",
	"cuda-f32": "rebuild with -tags cuda (make build-cuda)",
}

var (
	mu       sync.Mutex
	registry = map[string]Opener{}
)

// Register makes a backend available under name. It is meant to be called from package init
// functions; it panics if name is empty or already registered, which is a programming error.
func Register(name string, open Opener) {
	mu.Lock()
	defer mu.Unlock()
	if name == "" || open == nil {
		panic("backend: Register needs a name and an opener")
	}
	if _, dup := registry[name]; dup {
		panic("backend: Register called twice for " + name)
	}
	registry[name] = open
}

// Names returns the names of the backends in this build, sorted, "cpu" first.
func Names() []string {
	mu.Lock()
	defer mu.Unlock()
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == "cpu") != (names[j] == "cpu") {
			return names[i] == "cpu"
		}
		return names[i] < names[j]
	})
	return names
}

// Has reports whether a backend of that name is in this build.
func Has(name string) bool {
	mu.Lock()
	defer mu.Unlock()
	_, ok := registry[name]
	return ok
}

// Get opens the backend registered under name. For a backend that this build lacks, the
// error says which build has it (and wraps ErrNotInBuild); for an unknown name it lists the
// names available.
func Get(name string) (Backend, error) {
	mu.Lock()
	open, ok := registry[name]
	mu.Unlock()
	if ok {
		return open()
	}
	if how, known := buildOf[name]; known {
		return nil, notInBuild{name, how}
	}
	all := Names()
	for n := range buildOf {
		if !slices.Contains(all, n) {
			all = append(all, n)
		}
	}
	return nil, fmt.Errorf("backend %q unknown: must be one of %s", name, strings.Join(all, ", "))
}

// errClosed is returned by evaluators used after Close.
var errClosed = errors.New("backend: evaluator used after Close")
