//go:build cuda

package cuda

import (
	"embed"
	"fmt"
)

// ptxFS holds the kernels compiled by `make ptx`: ptx/<name>.compute_<arch>.ptx.
//
//go:embed ptx/*.ptx
var ptxFS embed.FS

// modules lists the kernel sources whose PTX is embedded, and the entry points of each.
var modules = map[string][]string{
	"landau": {
		"landau_corners_f64", "landau_flux_f64", "landau_divergence_f64",
		"landau_corners_f32", "landau_flux_f32", "landau_divergence_f32",
	},
	"advect": {"advect_shift_f64"},
}

// ptxArch returns the virtual architecture of the embedded PTX to load on a device of
// compute capability major.minor.
func ptxArch(major, minor int) (string, error) {
	switch {
	case major >= 9:
		return "compute_90", nil
	case major == 8:
		return "compute_80", nil
	}
	return "", fmt.Errorf("cuda: compute capability %d.%d out of range: kinsolve's kernels "+
		"need 8.0 or newer", major, minor)
}

// ptxSource returns the embedded PTX of module name for arch.
func ptxSource(name, arch string) (string, error) {
	b, err := ptxFS.ReadFile("ptx/" + name + "." + arch + ".ptx")
	if err != nil {
		return "", fmt.Errorf("cuda: PTX of %s for %s missing from this build (make ptx): %w",
			name, arch, err)
	}
	return string(b), nil
}
