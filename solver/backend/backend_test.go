package backend

import (
	"errors"
	"math"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/kinsolve/kinsolve/solver/advect"
)

// TestGetCUDANotInBuild checks the error for a GPU backend in a binary without it (this
// package never links the cuda package): it names the build to use and matches
// ErrNotInBuild.
func TestGetCUDANotInBuild(t *testing.T) {
	for _, name := range []string{"cuda", "cuda-f32"} {
		_, err := Get(name)
		want := `backend "` + name + `" is not in this build: rebuild with -tags cuda (make build-cuda)`
		if err == nil || err.Error() != want {
			t.Errorf("Get(%q) error = %v, want %q", name, err, want)
		}
		if !errors.Is(err, ErrNotInBuild) {
			t.Errorf("Get(%q) error does not match ErrNotInBuild", name)
		}
	}
}

func TestGetUnknown(t *testing.T) {
	_, err := Get("opencl")
	if err == nil || !strings.Contains(err.Error(), `"opencl" unknown`) ||
		!strings.Contains(err.Error(), "cpu") || !strings.Contains(err.Error(), "cuda") {
		t.Errorf("Get(opencl) error = %v, want one naming the known backends", err)
	}
	if errors.Is(err, ErrNotInBuild) {
		t.Error("unknown backend reported as not in build")
	}
}

func TestNames(t *testing.T) {
	names := Names()
	if len(names) < 2 || names[0] != "cpu" || !slices.Contains(names, "cpu-direct") {
		t.Errorf("Names() = %v, want cpu first and cpu-direct present", names)
	}
}

// TestDefaultBuildHasNoCUDA asserts that no package of the default build links
// gorgonia.org/cu, whose init ends any process on a machine without a GPU.
func TestDefaultBuildHasNoCUDA(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}",
		"github.com/kinsolve/kinsolve/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/kinsolve/kinsolve/solver/backend") {
		t.Fatalf("go list output lacks this package: %q", out)
	}
	for _, p := range deps {
		if strings.HasPrefix(p, "gorgonia.org/cu") || p == "github.com/kinsolve/kinsolve/cuda" {
			t.Errorf("default build depends on %s", p)
		}
	}
}

func TestLandauSpecValidate(t *testing.T) {
	ok := LandauSpec{N: 32, VMax: 6, Gamma: -3, Lambda: 1}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid spec refused: %v", err)
	}
	if h := ok.H(); h != 12.0/32 {
		t.Errorf("H() = %v, want 0.375", h)
	}
	for _, tc := range []struct {
		field string
		mod   func(*LandauSpec)
	}{
		{"n", func(s *LandauSpec) { s.N = MinNodes - 1 }},
		{"n", func(s *LandauSpec) { s.N = MaxNodes + 1 }},
		{"vmax", func(s *LandauSpec) { s.VMax = 0 }},
		{"vmax", func(s *LandauSpec) { s.VMax = math.Inf(1) }},
		{"gamma", func(s *LandauSpec) { s.Gamma = -3.5 }},
		{"gamma", func(s *LandauSpec) { s.Gamma = math.NaN() }},
		{"lambda", func(s *LandauSpec) { s.Lambda = -1 }},
	} {
		s := ok
		tc.mod(&s)
		err := s.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.field+" = ") {
			t.Errorf("%+v: error %v, want one naming %s", s, err, tc.field)
		}
	}
}

// TestCPUAdvection checks that the cpu backend's shifter is advect.Shifter: a shift by a
// whole number of cells moves the values exactly, and bad arguments give errors.
func TestCPUAdvection(t *testing.T) {
	b, err := Get("cpu")
	if err != nil {
		t.Fatal(err)
	}
	a, err := b.NewAdvection(5)
	if err != nil {
		t.Fatal(err)
	}
	const n, inner = 8, 3
	src := make([]float64, n*inner)
	for i := range src {
		src[i] = float64(i*i%11) - 3
	}
	dst := make([]float64, len(src))
	ls := advect.Lines{N: n, Stride: inner, Outer: 1, Inner: inner}
	if err := a.Shift(dst, src, ls, []float64{2, -1, 0}, advect.ByInner); err != nil {
		t.Fatal(err)
	}
	for r, s := range []int{2, -1, 0} {
		for j := 0; j < n; j++ {
			want := src[((j-s+n)%n)*inner+r]
			if got := dst[j*inner+r]; got != want {
				t.Errorf("line %d value %d = %v, want %v", r, j, got, want)
			}
		}
	}
	for _, tc := range []struct {
		name            string
		ndst, nsrc, nsh int
		ls              advect.Lines
		idx             advect.ShiftIndex
	}{
		{"src", 24, 23, 3, ls, advect.ByInner},
		{"dst", 20, 24, 3, ls, advect.ByInner},
		{"shift", 24, 24, 2, ls, advect.ByInner},
		{"shift index", 24, 24, 3, ls, advect.ShiftIndex(7)},
		{"lines", 24, 24, 3, advect.Lines{N: -1, Stride: 1, Outer: 1, Inner: 1}, advect.ByInner},
	} {
		err := a.Shift(make([]float64, tc.ndst), make([]float64, tc.nsrc), tc.ls,
			make([]float64, tc.nsh), tc.idx)
		if err == nil || !strings.Contains(err.Error(), tc.name) {
			t.Errorf("%s: error %v, want one naming %s", tc.name, err, tc.name)
		}
	}
	if _, err := b.NewAdvection(2); err == nil {
		t.Error("even degree accepted")
	}
}

func TestCheckBatch(t *testing.T) {
	if err := CheckBatch(make([]float64, 2*64), make([]float64, 2*64), 2, 8); err != nil {
		t.Errorf("valid batch refused: %v", err)
	}
	for _, tc := range []struct {
		name       string
		nq, nf, nc int
	}{{"len(f)", 128, 127, 2}, {"len(q)", 64, 128, 2}, {"cells", 0, 0, -1}} {
		err := CheckBatch(make([]float64, tc.nq), make([]float64, tc.nf), tc.nc, 8)
		if err == nil || !strings.Contains(err.Error(), tc.name) {
			t.Errorf("%s: error %v, want one naming it", tc.name, err)
		}
	}
}
