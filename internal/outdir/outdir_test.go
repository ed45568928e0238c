package outdir

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
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
