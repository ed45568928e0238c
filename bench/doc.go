// Package bench is kinsolve's benchmark suite for the two hot loops of its solvers, the
// Landau collision operator and the batched semi-Lagrangian shifts, on every backend compiled
// into the binary (see solver/backend).
//
// For each kernel and size, every backend evaluates the same input; each result is checked
// against the reference backend (the Go direct pair sum "cpu-direct" for Landau, the Go
// shifter "cpu" for advection) by its largest error relative to the largest reference value,
//
//	err = max_i |q_i − q_ref,i| / max_i |q_ref,i|,
//
// and timed side by side in the same run. A Landau evaluation of cells velocity blocks of
// n×n nodes is counted as cells·(n−1)⁴ pair interactions (ordered pairs of corners), the
// work of the direct sum; for the FFT path the same count divided by its time is an
// effective rate. An advection sweep counts one update per phase-space value.
//
// The package does not print or log: Run reports progress through a callback, and Table,
// EncodeCSV and EncodeJSON (WriteCSV and WriteJSON for a file) format the results.
package bench
