// Package driver runs kinsolve simulations from input decks and writes their run folders.
//
// A model joins the driver with one file that registers a Builder under the value of the
// deck's top-level `model` key:
//
//	func init() { driver.Register("vlasov", buildVlasov) }
//
// The builder decodes the whole deck strictly into its own settings type (which embeds the
// shared sections Header, GridSection, TimeSection and OutputSection, so that every model reads
// [grid], [time] and [output] the same way), validates it, and returns the simulation and the
// fully resolved settings. Every configuration error is returned there, before any file is
// written, and names the deck key and the allowed values.
//
// Prepare turns a deck into a Plan; Plan.Run advances the simulation to time.t_end and writes
// the run folder. The folder is built under a temporary name beside the target and renamed at
// the end, so a folder with the target name is always complete; a run that fails or is
// interrupted keeps what it wrote and records why in summary.json. Its files:
//
//	resolved.toml     the deck with every default filled in (re-runnable)
//	diagnostics.csv   one row per diagnostic sample, columns as the model names them
//	snapshots.csv     index, step and time of each snapshot
//	<field>_NNN.npy   the model's fields (f, E, …) at snapshot NNN, NumPy format
//	<axis>.npy        the node coordinates of every axis of the fields (x, vx, vy, …)
//	*.png             field energy (log scale, with the fitted rate), f(x, v_x) heat maps,
//	                  the drift of every diagnostic
//	summary.json      status, steps, wall time, the model's measured figures and theory
//
// The driver never logs or prints; progress goes through Options.Progress, and stopping goes
// through the context (the command cancels it on SIGINT).
package driver
