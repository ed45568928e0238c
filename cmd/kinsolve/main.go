// Command kinsolve runs kinetic plasma simulations from input decks, population-based
// optimisers, and the kernel benchmark suite.
//
//	kinsolve run [PRESET | deck.toml] [--set key=value]... [--model M] [--backend B] [--out DIR]
//	kinsolve presets
//	kinsolve anneal ...      (package popcmd)
//	kinsolve train-demo ...  (package popcmd)
//	kinsolve bench ...       (package benchcmd)
//	kinsolve --help
//
// Exit codes: 0 success, 1 a run that failed mid-way (its folder records why), 2 bad input
// (the message names the field and the allowed values; nothing is written), 130 a run
// stopped by SIGINT or SIGTERM (its folder keeps what was computed).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kinsolve/kinsolve/cmd/kinsolve/benchcmd"
	"github.com/kinsolve/kinsolve/cmd/kinsolve/popcmd"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailed      = 1
	exitBadInput    = 2
	exitInterrupted = 130
)

func main() {
	os.Exit(Main(os.Args, os.Stdout, os.Stderr))
}

// Main runs the command line args (args[0] is the program name) and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	err := app.Run(flagsFirst(args))
	if err == nil {
		return exitOK
	}
	code := exitFailed
	var ce codedError
	var ec cli.ExitCoder
	switch {
	case errors.As(err, &ce):
		code = ce.code
	case errors.As(err, &ec):
		code = ec.ExitCode()
	case isUsageError(err):
		code = exitBadInput
	}
	msg := strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", " ")), " ")
	fmt.Fprintf(stderr, "kinsolve: %s\n", msg)
	return code
}

// valueFlags are the flags of run that take a value.
var valueFlags = map[string]bool{"set": true, "out": true, "model": true, "backend": true}

// flagsFirst moves the flags of the run command before its positional argument, so that both
// `kinsolve run PRESET --out DIR` and `kinsolve run --out DIR PRESET` work (the flag parser
// stops at the first positional argument). A "--" ends the reordering.
func flagsFirst(args []string) []string {
	i := 1
	for i < len(args) && args[i] != "run" {
		if !strings.HasPrefix(args[i], "-") {
			return args
		}
		i++
	}
	if i >= len(args) {
		return args
	}
	out := append([]string(nil), args[:i+1]...)
	var pos []string
	for j := i + 1; j < len(args); j++ {
		a := args[j]
		if a == "--" {
			pos = append(pos, args[j+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		out = append(out, a)
		name := strings.TrimLeft(a, "-")
		if valueFlags[name] && j+1 < len(args) {
			out = append(out, args[j+1])
			j++
		}
	}
	return append(out, pos...)
}

// newApp builds the command-line application writing to stdout and stderr.
func newApp(stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:  "kinsolve",
		Usage: "kinetic plasma simulations: Vlasov–Poisson and its collisional relatives",
		UsageText: "kinsolve run [PRESET | deck.toml] [--set key=value]... [--model M] [--backend B] [--out DIR] [--quiet] [--json] [--verbose]\n" +
			"kinsolve presets\n" +
			"kinsolve anneal --function F --dim D [--compare] [--out DIR]\n" +
			"kinsolve train-demo [--out DIR]\n" +
			"kinsolve bench [--full] [--out DIR]",
		Description: deckHelp,
		Writer:      stdout,
		ErrWriter:   stderr,
		// Errors are printed once, as one line, by Main.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return inputErr(err)
		},
		HideHelpCommand: true,
		Commands: []*cli.Command{
			runCommand(),
			presetsCommand(),
		},
	}
	// The other subsystems (population annealing and training, benchmarks) bring their own
	// commands.
	app.Commands = append(app.Commands, popcmd.Commands()...)
	app.Commands = append(app.Commands, benchcmd.Command())
	for _, c := range app.Commands {
		if c.OnUsageError == nil {
			c.OnUsageError = app.OnUsageError
		}
	}
	return app
}

// codedError carries the exit code of an error.
type codedError struct {
	code int
	err  error
}

func (e codedError) Error() string { return e.err.Error() }
func (e codedError) Unwrap() error { return e.err }

// inputErr marks err as bad input (exit code 2).
func inputErr(err error) error { return codedError{code: exitBadInput, err: err} }

func isUsageError(err error) bool {
	s := err.Error()
	return strings.HasPrefix(s, "flag provided but not defined") ||
		strings.HasPrefix(s, "invalid value") || strings.Contains(s, "No help topic")
}

const deckHelp = `kinsolve advances phase-space distributions of electrons — collisionless Vlasov–Poisson,
Vlasov–Poisson–Landau across collisional regimes, Vlasov–Poisson–Fokker–Planck, their
Euler–Poisson fluid limit, and the spatially homogeneous Landau relaxation — and writes a run
folder of diagnostics, snapshots, figures and a summary with every measured figure beside its
theory value. It also runs population-based optimisers (anneal, train-demo) and the kernel
benchmark suite (bench). Units: time 1/ω_p, length λ_D, velocity v_th.

INPUT DECKS
   A deck is a TOML file. Presets (kinsolve presets) are decks shipped with the binary;
   the same files are in examples/ of the source tree. Every value can be overridden on
   the command line with --set table.key=value (repeatable); values are TOML (numbers,
   true/false, "strings"; a bare word is taken as a string). Unknown keys and values of
   the wrong type are errors that name the key.

   model                       vlasov | vpl | vpfp | ep | landau (or run --model)
   backend                     cpu (default) | cpu-direct; cuda | cuda-f32 in the cuda build
                               (or run --backend)
   title, description          shown by kinsolve presets

   [grid]   vdim    velocity dimensions, 1 (1X1V) or 2 (1X2V)
            nx      cells in x (≥ 4)
            nv      cells per velocity dimension (≥ 4)
            vmax    velocity box [-vmax, vmax]^vdim in thermal speeds; it must contain the
                    initial distribution (f at the edge ≤ 1e-7 of its peak)
            length  period in x in Debye lengths; 0 = the model's default
   [time]   t_end   final time in 1/ω_p
            dt      fixed step; 0 = the model's CFL rule
            cfl     Courant number of that rule
   [output] diag_every  diagnostics every this many steps
            snapshots   number of equally spaced snapshot times of f and E (0 = none)
            figures     write PNG figures

 model = "vlasov" (collisionless; presets landau-damping, nonlinear-landau, two-stream,
 bump-on-tail and their -2v twins with v_y passive)
   [init]   profile maxwellian | two-stream | bump-on-tail
            k, alpha     f0 = (1 + alpha cos kx) g(v_x) M(v_y)
            v0           two-stream beam speeds ±v0
            bulk_density, beam_density, beam_speed, beam_vt   bump-on-tail
   [time]   dt = 0 means dt = min(cfl·Δx/vmax, 0.1·2π/ω_p)
   [fit]    mode        auto | damping | growth | none: how rates are fitted from the
                        field energy; t_min, t_max bound the window (0, 0 = automatic)
   [numerics] degree    odd Lagrange interpolation degree of the shifts, 1 to 9

 model = "vpl" (1X2V), "vpfp" (1X1V or 1X2V), "ep" (Euler–Poisson): one deck runs with all
 three (presets collisional-landau, sod-plasma)
   [init]   problem     collisional-landau (k, alpha) | sod-plasma (rho_high, t_high,
                        rho_low, t_low, width)
   [collision] eps      VPL Knudsen number ε > 0: collision term (1/ε)Q_L
            scheme      imex (asymptotic preserving: dt from transport alone) | imex2 (the
                        same, second order in dt, also in the fluid limit) | explicit
            gamma, lambda   Landau kernel Λ|z|^γ(|z|²I − z⊗z), γ in [-3, 1], Λ ≥ 0
            form        plain | entropic
            beta        IMEX penalty strength; 0 = spectral radius of the linearised Q_L
            nu          VPFP collision frequency ν ≥ 0 (Dougherty operator)
   [numerics] degree    shift degree (kinetic); limiter mc | minmod (fluid)

 model = "landau" (homogeneous ∂t f = Q_L[f]; presets bkw, anisotropic, coulomb-bumps)
   [landau] preset      bkw | anisotropic | coulomb-bumps
            n, vmax     n×n velocity nodes on [-vmax, vmax]²
            gamma, lambda, form   as in [collision]
            t0          bkw start time; tx, ty anisotropic temperatures; shift, temp bumps
   [time]   dt must be 0: the step is cfl·h²/(4 max λ(a)), cfl ≤ 2.5

RUN FOLDER
   resolved.toml, diagnostics.csv, snapshots.csv, f_NNN.npy, E_NNN.npy, x.npy, vx.npy
   (vy.npy), field_energy.png, f_xv.png or f_v.png, diagnostics.png, summary.json; ep
   writes rho_NNN.npy, u_NNN.npy, T_NNN.npy (and E_NNN.npy) instead of f, bkw adds
   f_exact_NNN.npy. The folder is written as NAME.partial-NNNN beside it (its path is
   printed at start; diagnostics.csv is flushed every step) and renamed at the end. The
   diagnostic entropy is H = ∫ f log f, non-increasing under collisions.

EXIT CODES
   0 done; 1 the run failed mid-way (summary.json says why); 2 bad input (nothing
   written); 130 interrupted (the folder keeps what was computed).`
