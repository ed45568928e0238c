package benchcmd

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"
)

func app(out, errOut *bytes.Buffer) *cli.App {
	return &cli.App{Name: "kinsolve", Writer: out, ErrWriter: errOut,
		Commands: []*cli.Command{Command()}, ExitErrHandler: func(*cli.Context, error) {}}
}

// exitCode is the status the command line exits with for err.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ec, ok := err.(cli.ExitCoder); ok {
		return ec.ExitCode()
	}
	return 1
}

// slogLine matches a line of log/slog's text handler.
var slogLine = regexp.MustCompile(`^time=\S+ level=INFO msg=`)

// TestBenchAdvection runs the command on the advection kernel alone and checks the table
// (no "kernel only" column on the CPU), the two output files, and that progress is logged
// to standard error in log/slog's text format only.
func TestBenchAdvection(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bench")
	var out, errOut bytes.Buffer
	err := app(&out, &errOut).Run([]string{"kinsolve", "bench", "--kernel", "advection",
		"--backend", "cpu", "--min-time", "1ms", "--out", dir, "--verbose"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "wrote "+dir) {
		t.Errorf("standard output does not name the folder:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "advection") || !strings.Contains(out.String(), "upd/s") {
		t.Errorf("table:\n%s", out.String())
	}
	if strings.Contains(out.String(), "kernel only") {
		t.Errorf("table has the kernel only column without a device backend:\n%s", out.String())
	}
	for _, f := range []string{"bench.csv", "bench.json"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("parent holds %d entries, want only the output folder", len(entries))
	}
	lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
	for _, l := range lines {
		if !slogLine.MatchString(l) {
			t.Errorf("standard error line not in slog text format: %q", l)
		}
	}
	if last := lines[len(lines)-1]; !strings.Contains(last, "out="+dir) {
		t.Errorf("last log line %q does not name the folder", last)
	}
}

// TestBenchDefaultOut checks that without --out the report goes to a new
// runs/bench-<YYYYmmdd-HHMMSS>, creating runs/.
func TestBenchDefaultOut(t *testing.T) {
	t.Chdir(t.TempDir())
	var out, errOut bytes.Buffer
	err := app(&out, &errOut).Run([]string{"kinsolve", "bench", "--kernel", "advection",
		"--backend", "cpu", "--min-time", "1ms"})
	if err != nil {
		t.Fatal(err)
	}
	dirs, _ := filepath.Glob("runs/bench-*")
	if len(dirs) != 1 {
		t.Fatalf("folders %v, want one runs/bench-<stamp>", dirs)
	}
	stamp := strings.TrimPrefix(filepath.Base(dirs[0]), "bench-")
	if _, err := time.Parse("20060102-150405", stamp); err != nil {
		t.Errorf("folder %s: stamp %v", dirs[0], err)
	}
	if _, err := os.Stat(filepath.Join(dirs[0], "bench.json")); err != nil {
		t.Error(err)
	}
}

// TestBenchBadFlags checks that each bad flag, and an existing --out, is refused with exit
// status 2 and a one-line message naming the flag and the allowed values, before the output
// folder is created and without printing the help text.
func TestBenchBadFlags(t *testing.T) {
	existing := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--kernel", "fft"}, `--kernel "fft" out of range: must be landau or advection`},
		{[]string{"--kernel", "nope"}, `--kernel "nope" out of range`},
		{[]string{"--backend", "opencl"}, `--backend: backend "opencl" unknown: must be one of`},
		{[]string{"--min-time", "-1s"}, "--min-time = -1s out of range: must be 0s to 1h"},
		{[]string{"--min-time", "2h"}, "--min-time = 2h0m0s out of range"},
		{[]string{"--min-time", "soon"}, `invalid value "soon" for flag -min-time`},
		{[]string{"--quick"}, "flag provided but not defined: -quick"},
		{[]string{"--out", existing}, "output folder exists: allowed a path that does not"},
	} {
		var out, errOut bytes.Buffer
		dir := filepath.Join(t.TempDir(), "bench")
		args := append([]string{"kinsolve", "bench", "--out", dir}, tc.args...)
		err := app(&out, &errOut).Run(args)
		code := exitCode(err)
		if err == nil || code != 2 || !strings.Contains(err.Error(), tc.want) ||
			strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: exit %d, error %v; want 2 and one line containing %q", tc.args,
				code, err, tc.want)
		}
		if out.Len() != 0 || errOut.Len() != 0 {
			t.Errorf("%v: printed %q %q", tc.args, out.String(), errOut.String())
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%v: output folder created despite bad input", tc.args)
		}
	}
	if entries, _ := os.ReadDir(existing); len(entries) != 0 {
		t.Errorf("existing --out was written into: %d entries", len(entries))
	}
}

// TestBenchHelp checks that the help states the default suite and names no --quick flag.
func TestBenchHelp(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := app(&out, &errOut).Run([]string{"kinsolve", "bench", "--help"}); err != nil {
		t.Fatal(err)
	}
	h := out.String()
	if strings.Contains(h, "--quick") || !strings.Contains(h, "By default the quick suite") ||
		!strings.Contains(h, "runs/bench-YYYYmmdd-HHMMSS") {
		t.Errorf("help:\n%s", h)
	}
}
