package bench

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kinsolve/kinsolve/solver/backend"
)

// TestRunAdvection runs the advection suite on the cpu backend: the reference compared with
// itself has zero error and unit speed-up, the rate is the work over the time, and the
// backends that share the cpu shifter (cpu-direct) are not timed twice.
func TestRunAdvection(t *testing.T) {
	cfg := Config{
		Advection: []AdvectionSize{{16, 8}, {8, 12}},
		Gamma:     0, Lambda: 1, VMax: 6,
		MinTime: time.Millisecond, MaxReps: 3,
	}
	rs, err := Run(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 {
		t.Fatalf("got %d results, want 2 (cpu on each size): %+v", len(rs), rs)
	}
	for i, r := range rs {
		if r.Backend != "cpu" || r.Kernel != "advection" || r.Err != "" {
			t.Errorf("result %d: %+v", i, r)
		}
		if r.MaxRelErr != 0 || r.Speedup != 1 {
			t.Errorf("reference against itself: err %v, speed-up %v; want 0, 1", r.MaxRelErr,
				r.Speedup)
		}
		want := float64(cfg.Advection[i].Nx * cfg.Advection[i].Nv * cfg.Advection[i].Nv)
		if r.Work != want || r.Rate != r.Work/r.Seconds || !(r.Seconds > 0) || r.Reps < 1 {
			t.Errorf("result %d: work %v (want %v), rate %v, seconds %v, reps %d", i, r.Work,
				want, r.Rate, r.Seconds, r.Reps)
		}
	}

	dir := t.TempDir()
	if err := WriteCSV(filepath.Join(dir, "bench.csv"), rs); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(filepath.Join(dir, "bench.json"), cfg, rs); err != nil {
		t.Fatal(err)
	}
	fh, err := os.Open(filepath.Join(dir, "bench.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || recs[0][0] != "kernel" || recs[1][2] != "cpu" ||
		recs[2][1] != "nx=8 nv=12^2" {
		t.Errorf("csv = %q", recs)
	}
	b, err := os.ReadFile(filepath.Join(dir, "bench.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 2 || rep.Results[1].Work != rs[1].Work {
		t.Errorf("json results = %+v", rep.Results)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("output folder holds %d entries, want 2 (no temporary files left)", len(entries))
	}
	var sb strings.Builder
	if err := Table(&sb, rs); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(sb.String()), "\n"); len(lines) != 3 ||
		!strings.Contains(lines[1], "upd/s") {
		t.Errorf("table:\n%s", sb.String())
	}
}

// TestRunUnavailableBackend checks that a backend compiled out of the build gives a result
// row carrying its error while the others still run.
func TestRunUnavailableBackend(t *testing.T) {
	cfg := Config{Backends: []string{"cpu", "cuda"}, Advection: []AdvectionSize{{8, 8}},
		VMax: 6, MinTime: 0, MaxReps: 1}
	rs, err := Run(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Err != "" {
		t.Fatalf("results %+v", rs)
	}
	if rs[1].Backend == "cuda" && rs[1].Err == "" && rs[1].MaxRelErr > 1e-14 {
		t.Errorf("cuda advection differs from cpu by %v", rs[1].MaxRelErr)
	}
	if rs[1].Backend == "cuda" && rs[1].Err != "" && !strings.Contains(rs[1].Err, "-tags cuda") {
		t.Errorf("cuda error %q does not name the build", rs[1].Err)
	}
}

func TestConfigValidate(t *testing.T) {
	if err := Quick().Validate(); err != nil {
		t.Errorf("Quick: %v", err)
	}
	if err := Full().Validate(); err != nil {
		t.Errorf("Full: %v", err)
	}
	for _, tc := range []struct {
		field string
		mod   func(*Config)
	}{
		{"n = 4", func(c *Config) { c.Landau = []LandauSize{{4, 1}} }},
		{"cells = 0", func(c *Config) { c.Landau = []LandauSize{{16, 0}} }},
		{"gamma", func(c *Config) { c.Gamma = 2 }},
		{"nx = 2", func(c *Config) { c.Advection = []AdvectionSize{{2, 8}} }},
		{"max reps", func(c *Config) { c.MaxReps = 0 }},
		{"min time", func(c *Config) { c.MinTime = -1 }},
	} {
		c := Quick()
		tc.mod(&c)
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), tc.field) {
			t.Errorf("%s: error %v", tc.field, err)
		}
	}
}

// TestLandauInput checks the input profiles: BKW densities of mass ρ ∈ [½, 3/2],
// non-negative (K ≥ ½ makes the bracket non-negative).
func TestLandauInput(t *testing.T) {
	const n, cells = 32, 5
	f := LandauInput(backend.LandauSpec{N: n, VMax: 6, Gamma: 0, Lambda: 1}, cells)
	h := 12.0 / n
	nn := n * n
	for k := 0; k < cells; k++ {
		var mass float64
		for _, v := range f[k*nn : (k+1)*nn] {
			if v < 0 {
				t.Fatalf("block %d: negative value %v", k, v)
			}
			mass += v * h * h
		}
		s := float64(k) / (cells - 1)
		rho := 1 + 0.5*math.Sin(3*s)
		// The midpoint rule is spectrally accurate for these profiles; what is lost is the
		// tail beyond the box edge, at distance ≥ 5 from the drift, below 1e-4 of the mass.
		if d := math.Abs(mass - rho); d > 1e-4*rho {
			t.Errorf("block %d: mass %v, want ρ = %v", k, mass, rho)
		}
	}
}

// TestTableKernelOnlyColumn checks that the "kernel only" column appears exactly when some
// backend reports a resident-data time, and that each row has as many cells as the header.
func TestTableKernelOnlyColumn(t *testing.T) {
	cpu := Result{Kernel: "advection", Case: "nx=8 nv=8^2", Backend: "cpu", Seconds: 2e-3,
		Rate: 1e6, Speedup: 1}
	dev := cpu
	dev.Backend, dev.KernelSeconds, dev.Speedup = "cuda", 1e-4, 10
	bad := Result{Kernel: "advection", Case: "nx=8 nv=8^2", Backend: "cuda-f32",
		Err: "no device"}
	for _, tc := range []struct {
		rs       []Result
		column   bool
		resident string // the kernel-only cell of the device row
	}{
		{[]Result{cpu, bad}, false, ""},
		{[]Result{cpu, dev, bad}, true, "100µs"},
	} {
		var b bytes.Buffer
		if err := Table(&b, tc.rs); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
		if got := strings.Contains(lines[0], "kernel only"); got != tc.column {
			t.Errorf("header %q: kernel only column %v, want %v", lines[0], got, tc.column)
		}
		if len(lines) != len(tc.rs)+1 {
			t.Fatalf("%d lines, want %d:\n%s", len(lines), len(tc.rs)+1, b.String())
		}
		if !strings.Contains(lines[len(lines)-1], "failed: no device") {
			t.Errorf("failed row: %q", lines[len(lines)-1])
		}
		if tc.column && !strings.Contains(lines[2], tc.resident) {
			t.Errorf("device row %q lacks %q", lines[2], tc.resident)
		}
		// The rate column lines up under its header: the table is right-aligned, so the
		// cells of a column end at the same position.
		h := strings.Index(lines[0], "rate") + len("rate")
		r := strings.Index(lines[1], "upd/s") + len("upd/s")
		if h != r {
			t.Errorf("rate column ends at %d in the header and %d in the row:\n%s", h, r,
				b.String())
		}
	}
}
