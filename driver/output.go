package driver

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/sbinet/npyio"
	"gonum.org/v1/gonum/mat"

	"github.com/kinsolve/kinsolve/internal/outdir"
	"github.com/kinsolve/kinsolve/solver/sim"
)

// writer builds the run folder's files in dir and keeps the diagnostic history.
type writer struct {
	out   *outdir.Dir
	files []string
	hist  sim.History

	diag     *os.File
	diagBuf  *bufio.Writer
	snapList *os.File
	axesDone map[string]bool
	// heat keeps f(x, v_x) at each snapshot for the figures.
	heat []heatFrame
	// moments keeps the velocity moments at each snapshot of a sim.MomentReporter.
	moments []momentFrame
	// timeLabel overrides the label of time axes (see timeUnit).
	timeLabel string
}

type momentFrame struct {
	t float64
	m sim.Moments
}

type heatFrame struct {
	t      float64
	x, v   []float64
	values []float64 // row-major (x, v)
	// xName and vName label the axes: "x" and "vx", or "vx" and "vy" for a distribution
	// over velocity alone.
	xName, vName string
}

// writeFile writes name atomically inside the run folder.
func (w *writer) writeFile(name string, data []byte) error {
	if err := w.out.WriteFile(name, data); err != nil {
		return err
	}
	w.files = append(w.files, name)
	return nil
}

func (w *writer) openDiagnostics(cols []string) error {
	f, err := os.Create(w.out.Path("diagnostics.csv"))
	if err != nil {
		return err
	}
	w.diag, w.diagBuf = f, bufio.NewWriter(f)
	w.files = append(w.files, "diagnostics.csv")
	w.hist.Columns = cols
	_, err = w.diagBuf.WriteString(strings.Join(cols, ",") + "\n")
	return err
}

// diagnostic appends a row; the file is flushed after every row so that an interrupted or
// failed run keeps every sample taken.
func (w *writer) diagnostic(row []float64) error {
	w.hist.Rows = append(w.hist.Rows, append([]float64(nil), row...))
	for j, v := range row {
		if j > 0 {
			w.diagBuf.WriteByte(',')
		}
		w.diagBuf.WriteString(strconv.FormatFloat(v, 'g', 17, 64))
	}
	w.diagBuf.WriteByte('\n')
	return w.diagBuf.Flush()
}

func (w *writer) closeDiagnostics() {
	if w.diag != nil {
		w.diagBuf.Flush()
		w.diag.Close()
	}
	if w.snapList != nil {
		w.snapList.Close()
	}
}

// snapshot writes every field as <name>_NNN.npy, the axes once, and a line of snapshots.csv.
func (w *writer) snapshot(i, step int, t float64, fields []sim.Field) error {
	if w.snapList == nil {
		f, err := os.Create(w.out.Path("snapshots.csv"))
		if err != nil {
			return err
		}
		w.snapList = f
		w.files = append(w.files, "snapshots.csv")
		if _, err := f.WriteString("index,step,t\n"); err != nil {
			return err
		}
		w.axesDone = map[string]bool{}
	}
	for _, fd := range fields {
		var buf bytes.Buffer
		if err := writeNpy(&buf, fd.Data, fd.Shape); err != nil {
			return fmt.Errorf("snapshot of %s: %w", fd.Name, err)
		}
		if err := w.writeFile(fmt.Sprintf("%s_%03d.npy", fd.Name, i), buf.Bytes()); err != nil {
			return err
		}
		for a, name := range fd.Axes {
			if w.axesDone[name] || a >= len(fd.Coords) || fd.Coords[a] == nil {
				continue
			}
			var ab bytes.Buffer
			if err := npyio.Write(&ab, fd.Coords[a]); err != nil {
				return err
			}
			if err := w.writeFile(name+".npy", ab.Bytes()); err != nil {
				return err
			}
			w.axesDone[name] = true
		}
		if hf, ok := heatOf(fd, t); ok {
			w.heat = append(w.heat, hf)
		}
	}
	_, err := fmt.Fprintf(w.snapList, "%d,%d,%.17g\n", i, step, t)
	return err
}

// heatOf reduces a field named "f" with leading axes x, vx to f(x, v_x) by integrating the
// remaining axes with the spacing of their coordinates; a field "f" over (vx, vy) alone is
// kept as f(v_x, v_y).
func heatOf(fd sim.Field, t float64) (heatFrame, bool) {
	if fd.Name != "f" || len(fd.Axes) < 2 || len(fd.Coords) < 2 {
		return heatFrame{}, false
	}
	xName, vName := "x", "vx"
	switch {
	case fd.Axes[0] == "x" && fd.Axes[1] == "vx":
	case len(fd.Axes) == 2 && fd.Axes[0] == "vx" && fd.Axes[1] == "vy":
		xName, vName = "vx", "vy"
	default:
		return heatFrame{}, false
	}
	nx, nv := fd.Shape[0], fd.Shape[1]
	rest, weight := 1, 1.0
	for a := 2; a < len(fd.Shape); a++ {
		rest *= fd.Shape[a]
		if a < len(fd.Coords) && len(fd.Coords[a]) > 1 {
			weight *= fd.Coords[a][1] - fd.Coords[a][0]
		}
	}
	vals := make([]float64, nx*nv)
	for i := range vals {
		var s float64
		for _, v := range fd.Data[i*rest : (i+1)*rest] {
			s += v
		}
		vals[i] = s * weight
	}
	return heatFrame{t: t, x: fd.Coords[0], v: fd.Coords[1], values: vals, xName: xName, vName: vName}, true
}

// writeNpy writes a float64 array of the given row-major shape in NumPy's .npy format: with
// npyio for one and two dimensions, and for more dimensions with a version 1.0 header that
// carries the full shape (npyio infers shapes from Go types, which cannot express a runtime
// rank), followed by the little-endian data.
func writeNpy(buf *bytes.Buffer, data []float64, shape []int) error {
	switch len(shape) {
	case 1:
		return npyio.Write(buf, data)
	case 2:
		return npyio.Write(buf, mat.NewDense(shape[0], shape[1], data))
	}
	dims := make([]string, len(shape))
	for i, n := range shape {
		dims[i] = strconv.Itoa(n)
	}
	hdr := fmt.Sprintf("{'descr': '<f8', 'fortran_order': False, 'shape': (%s), }",
		strings.Join(dims, ", "))
	// Magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple
	// of 64 and ended by a newline.
	total := 10 + len(hdr) + 1
	hdr += strings.Repeat(" ", (64-total%64)%64) + "\n"
	buf.WriteString("\x93NUMPY\x01\x00")
	binary.Write(buf, binary.LittleEndian, uint16(len(hdr)))
	buf.WriteString(hdr)
	b := make([]byte, 8*len(data))
	for i, v := range data {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(v))
	}
	buf.Write(b)
	return nil
}
