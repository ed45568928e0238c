// Package examples ships kinsolve's preset input decks. Each preset is a TOML file in this
// folder, embedded into the binary; `kinsolve presets` lists them and `kinsolve run NAME` runs
// one. Users copy a file from here as the start of their own deck.
package examples

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.toml
var files embed.FS

// Names returns the preset names in order.
func Names() []string {
	entries, _ := fs.ReadDir(files, ".")
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".toml"); ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// Read returns the deck text of the named preset.
func Read(name string) ([]byte, error) {
	b, err := files.ReadFile(name + ".toml")
	if err != nil {
		return nil, fmt.Errorf("unknown preset %q: allowed %s", name, strings.Join(Names(), ", "))
	}
	return b, nil
}
