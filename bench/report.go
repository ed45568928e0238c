package bench

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/google/renameio/v2"
)

// Table writes the results as an aligned text table: one row per backend and case, with the
// time per evaluation (and on the device alone), the rate, the error against the reference
// and the speed-up over it.
func Table(w io.Writer, rs []Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kernel\tcase\tbackend\ttime/eval\tkernel only\trate\tmax rel err\tspeed-up\t")
	for _, r := range rs {
		if r.Err != "" {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\t\t\t\t\n", r.Kernel, r.Case, r.Backend,
				"failed: "+r.Err)
			continue
		}
		unit := "pairs/s"
		if r.Kernel == "advection" {
			unit = "upd/s"
		}
		ko := ""
		if r.KernelSeconds > 0 {
			ko = fmtDur(r.KernelSeconds)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%.3g %s\t%.1e\t%.3g×\t\n", r.Kernel, r.Case,
			r.Backend, fmtDur(r.Seconds), ko, r.Rate, unit, r.MaxRelErr, r.Speedup)
	}
	return tw.Flush()
}

func fmtDur(sec float64) string {
	return time.Duration(sec * float64(time.Second)).Round(time.Microsecond).String()
}

var csvHeader = []string{"kernel", "case", "backend", "n", "cells", "nx", "nv", "seconds",
	"kernel_seconds", "reps", "work", "rate", "max_rel_err", "speedup", "hardware", "error"}

// WriteCSV writes the results to path atomically (a temporary file renamed into place).
func WriteCSV(path string, rs []Result) error {
	return writeAtomic(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		if err := cw.Write(csvHeader); err != nil {
			return err
		}
		g := func(x float64) string { return strconv.FormatFloat(x, 'g', 8, 64) }
		for _, r := range rs {
			rec := []string{r.Kernel, r.Case, r.Backend, strconv.Itoa(r.N), strconv.Itoa(r.Cells),
				strconv.Itoa(r.Nx), strconv.Itoa(r.Nv), g(r.Seconds), g(r.KernelSeconds),
				strconv.Itoa(r.Reps), g(r.Work), g(r.Rate), g(r.MaxRelErr), g(r.Speedup),
				r.Hardware, r.Err}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	})
}

// Report is the JSON document WriteJSON writes.
type Report struct {
	Created time.Time      `json:"created"`
	Host    map[string]any `json:"host"`
	Config  Config         `json:"config"`
	Results []Result       `json:"results"`
}

// WriteJSON writes the results with the configuration and host description to path
// atomically.
func WriteJSON(path string, cfg Config, rs []Result) error {
	rep := Report{Created: time.Now().UTC(), Host: Host(), Config: cfg, Results: rs}
	return writeAtomic(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	})
}

// writeAtomic writes a file through a temporary file in the same directory and renames it
// into place, so that readers never see a partial file.
func writeAtomic(path string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return fmt.Errorf("bench: writing %s: %w", path, err)
	}
	if err := renameio.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	return nil
}
