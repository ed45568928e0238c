// Package outdir writes kinsolve's output folders so that they appear complete or not at all.
// A folder is built under a visible staging name beside its target,
// <name>.partial-<random>, and renamed into place at the end (a user can follow a run by
// reading the files in the staging folder while it is written); each file inside is itself written to a temporary name and renamed, so that a
// reader (or a run that is killed) never sees half a file.
package outdir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/google/renameio/v2"
)

// ErrExists is returned (wrapped) by Check and Stage when the target already exists.
var ErrExists = errors.New("output folder exists")

// Check returns an error naming --out unless target can be created: it must not exist yet and
// its parent folder must.
func Check(target string) error {
	if target == "" {
		return errors.New("--out is empty: allowed a path to a folder that does not exist yet")
	}
	if _, err := os.Lstat(target); err == nil {
		return fmt.Errorf("--out %s: %w: allowed a path that does not exist yet", target, ErrExists)
	}
	parent := filepath.Dir(target)
	if st, err := os.Stat(parent); err != nil || !st.IsDir() {
		return fmt.Errorf("--out %s: parent folder %s does not exist: allowed a path in an "+
			"existing folder", target, parent)
	}
	return nil
}

// Dir is an output folder being built.
type Dir struct {
	target, tmp string
}

// Stage checks target (see Check) and creates its staging folder,
// <parent>/<name>.partial-<random>, with mode 0755 (as a folder made by mkdir), not hidden, so
// that a run in progress, or one that was killed, is seen by ls.
func Stage(target string) (*Dir, error) {
	target = filepath.Clean(target)
	if err := Check(target); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(target), filepath.Base(target)+".partial-")
	if err != nil {
		return nil, fmt.Errorf("--out %s: %w", target, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("--out %s: %w", target, err)
	}
	return &Dir{target: target, tmp: tmp}, nil
}

// Path returns the path of name inside the staging folder.
func (d *Dir) Path(name string) string { return filepath.Join(d.tmp, name) }

// Staging returns the staging folder.
func (d *Dir) Staging() string { return d.tmp }

// Target returns the folder's final path.
func (d *Dir) Target() string { return d.target }

// WriteFile writes name inside the folder atomically.
func (d *Dir) WriteFile(name string, data []byte) error {
	return renameio.WriteFile(d.Path(name), data, 0o644)
}

// Commit renames the staging folder to the target.
func (d *Dir) Commit() error {
	if err := os.Rename(d.tmp, d.target); err != nil {
		return fmt.Errorf("--out %s: moving the finished folder into place: %w", d.target, err)
	}
	return nil
}

// Abort removes the staging folder and everything in it.
func (d *Dir) Abort() error { return os.RemoveAll(d.tmp) }

// Default returns a fresh default folder for a run of name started at t:
// runs/<name>-<YYYYmmdd-HHMMSS>, with a suffix -2, -3, … when that path is taken (runs started
// within the same second, as in a sweep). It creates nothing.
func Default(name string, t time.Time) string {
	base := filepath.Join("runs", name+"-"+t.Format("20060102-150405"))
	p := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			return p
		}
		p = fmt.Sprintf("%s-%d", base, i)
	}
}

// MakeParent creates the parent folder of a default path (runs/), after the input has been
// checked.
func MakeParent(path string) error { return os.MkdirAll(filepath.Dir(path), 0o755) }
