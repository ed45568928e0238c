// Package deps pins the third-party modules kinsolve builds on, so that every package of the
// module resolves them at the same versions before the code that uses them is written.
// It is removed once each module has a real importer.
package deps

import (
	_ "github.com/BurntSushi/toml"
	_ "github.com/sbinet/npyio"
	_ "github.com/schollz/progressbar/v3"
	_ "github.com/urfave/cli/v2"
	_ "gonum.org/v1/gonum/dsp/fourier"
	_ "gonum.org/v1/gonum/mat"
	_ "gonum.org/v1/gonum/stat"
	_ "gonum.org/v1/plot"
	_ "gonum.org/v1/plot/plotter"
	_ "gonum.org/v1/plot/vg/draw"
)
