package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// pythonWithNumPy returns a Python interpreter that can import numpy. CI installs Debian's
// python3-numpy (see .ci/run), so there the test always runs; elsewhere it is skipped when no
// interpreter has numpy.
func pythonWithNumPy(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(py, "-c", "import numpy").Run() == nil {
			return py
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI must provide python3 with numpy (apt-get install python3-numpy)")
	}
	t.Skip("no python3 with numpy")
	return ""
}

// The run folder loads in Python the way README.md shows: the 3D snapshot of a 1X2V run has
// shape (nx, nv, nv) and integrates over v to the density, the diagnostics table reads with
// named columns, and summary.json parses.
func TestRunFolderLoadsInNumPy(t *testing.T) {
	py := pythonWithNumPy(t)
	out := filepath.Join(t.TempDir(), "run")
	code, _, stderr := runMain(t, "run", "landau-damping-2v", "--out", out, "--quiet",
		"--set", "grid.nx=8", "--set", "grid.nv=24", "--set", "time.t_end=1",
		"--set", "output.figures=false")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	script := `
import csv, json, sys
import numpy as np
run = sys.argv[1]
d = np.genfromtxt(f"{run}/diagnostics.csv", delimiter=",", names=True)
f = np.load(f"{run}/f_004.npy"); x = np.load(f"{run}/x.npy")
vx = np.load(f"{run}/vx.npy"); vy = np.load(f"{run}/vy.npy")
s = json.load(open(f"{run}/summary.json"))
snaps = list(csv.DictReader(open(f"{run}/snapshots.csv")))
rho = f.sum(axis=(1, 2)) * (vx[1] - vx[0]) * (vy[1] - vy[0])
mass = rho.sum() * (x[1] - x[0])
print(f.shape[0], f.shape[1], f.shape[2], len(snaps), s["status"], repr(float(d["mass"][-1])), repr(float(mass)))
`
	b, err := exec.Command(py, "-c", script, out).CombinedOutput()
	if err != nil {
		t.Fatalf("python: %v\n%s", err, b)
	}
	got := strings.Fields(string(b))
	if len(got) != 7 {
		t.Fatalf("python printed %q", b)
	}
	if strings.Join(got[:5], " ") != "8 24 24 5 done" {
		t.Errorf("shape, snapshots, status = %v, want 8 24 24 5 done", got[:5])
	}
	m1, _ := strconv.ParseFloat(got[5], 64)
	m2, _ := strconv.ParseFloat(got[6], 64)
	if d := (m1 - m2) / m1; d > 1e-12 || d < -1e-12 {
		t.Errorf("mass from diagnostics.csv %v, from f_004.npy %v", m1, m2)
	}
}
