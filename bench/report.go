package bench

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/google/renameio/v2"
)

// Table writes the results as an aligned text table: one row per backend and case, with the
// time per evaluation, the rate, the error against the reference and the speed-up over it.
// The column "kernel only" (the time on data already in device memory) appears only when
// some backend reports it, that is with a device backend.
func Table(w io.Writer, rs []Result) error {
	resident := false
	for _, r := range rs {
		resident = resident || (r.Err == "" && r.KernelSeconds > 0)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"kernel", "case", "backend", "time/eval", "kernel only", "rate",
		"max rel err", "speed-up"}
	if !resident {
		head = slices.Delete(head, 4, 5)
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, r := range rs {
		if r.Err != "" {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Kernel, r.Case, r.Backend,
				"failed: "+r.Err, strings.Repeat("\t", len(head)-4))
			continue
		}
		unit := "pairs/s"
		if r.Kernel == "advection" {
			unit = "upd/s"
		}
		row := []string{r.Kernel, r.Case, r.Backend, fmtDur(r.Seconds), "",
			fmt.Sprintf("%.3g %s", r.Rate, unit), fmt.Sprintf("%.1e", r.MaxRelErr),
			fmt.Sprintf("%.3g×", r.Speedup)}
		if r.KernelSeconds > 0 {
			row[4] = fmtDur(r.KernelSeconds)
		}
		if !resident {
			row = slices.Delete(row, 4, 5)
		}
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	return tw.Flush()
}

func fmtDur(sec float64) string {
	return time.Duration(sec * float64(time.Second)).Round(time.Microsecond).String()
}

var csvHeader = []string{"kernel", "case", "backend", "n", "cells", "nx", "nv", "seconds",
	"kernel_seconds", "reps", "work", "rate", "max_rel_err", "speedup", "hardware", "error"}

// EncodeCSV writes the results to w as CSV, one row per Result under a header row.
func EncodeCSV(w io.Writer, rs []Result) error {
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
}

// WriteCSV writes the results to path atomically (a temporary file renamed into place).
func WriteCSV(path string, rs []Result) error {
	return writeAtomic(path, func(w io.Writer) error { return EncodeCSV(w, rs) })
}

// Report is the JSON document WriteJSON writes.
type Report struct {
	Created time.Time      `json:"created"`
	Host    map[string]any `json:"host"`
	Config  Config         `json:"config"`
	Results []Result       `json:"results"`
}

// EncodeJSON writes the results with the configuration and host description to w as an
// indented JSON Report.
func EncodeJSON(w io.Writer, cfg Config, rs []Result) error {
	rep := Report{Created: time.Now().UTC(), Host: Host(), Config: cfg, Results: rs}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// WriteJSON writes the results with the configuration and host description to path
// atomically.
func WriteJSON(path string, cfg Config, rs []Result) error {
	return writeAtomic(path, func(w io.Writer) error { return EncodeJSON(w, cfg, rs) })
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
