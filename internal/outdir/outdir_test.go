package outdir

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestStageWriteCommit(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "run")
	d, err := Stage(target)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("a.txt", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("target visible before Commit: %v", err)
	}
	// The staging folder is visible (no leading dot), named after the target, and readable
	// by others (0755), so that a run in progress can be followed.
	st, err := os.Stat(d.Staging())
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Base(d.Staging())
	if !strings.HasPrefix(base, "run.partial-") || filepath.Dir(d.Staging()) != parent {
		t.Errorf("staging folder %s, want %s/run.partial-NNNN", d.Staging(), parent)
	}
	if perm := st.Mode().Perm(); perm != 0o755 {
		t.Errorf("staging folder mode %o, want 755", perm)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(target, "a.txt"))
	if err != nil || string(b) != "one" {
		t.Fatalf("after Commit: %q, %v", b, err)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("parent holds %d entries after Commit, want only the target", len(entries))
	}
	if _, err := Stage(target); !errors.Is(err, ErrExists) {
		t.Errorf("Stage of an existing target: %v, want ErrExists", err)
	}
}

func TestAbortAndBadParents(t *testing.T) {
	parent := t.TempDir()
	d, err := Stage(filepath.Join(parent, "run"))
	if err != nil {
		t.Fatal(err)
	}
	d.WriteFile("x", []byte("x"))
	if err := d.Abort(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("Abort left %d entries", len(entries))
	}
	for _, target := range []string{"", filepath.Join(parent, "missing", "run")} {
		if err := Check(target); err == nil {
			t.Errorf("Check(%q) accepted", target)
		}
	}
}

// Default paths of runs started in the same second differ.
func TestDefaultIsFresh(t *testing.T) {
	dir := t.TempDir()
	old, _ := os.Getwd()
	defer os.Chdir(old)
	os.Chdir(dir)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	a := Default("x", now)
	if a != filepath.Join("runs", "x-20260102-030405") {
		t.Fatalf("Default = %s", a)
	}
	if err := MakeParent(a); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(a, 0o755)
	b := Default("x", now)
	if b != a+"-2" {
		t.Errorf("second Default = %s, want %s-2", b, a)
	}
}
