package popcmd

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
	"gonum.org/v1/plot/plotter"

	"github.com/kinsolve/kinsolve/population"
)

func annealCommand() *cli.Command {
	flags := commonFlags("rastrigin", "all", 2, 10)
	flags = append(flags,
		&cli.Float64Flag{Name: "t0", Value: 10, Usage: "initial temperature, > 0"},
		&cli.Float64Flag{Name: "tend", Value: 1e-3, Usage: "final temperature, 0 < tend ≤ t0"},
		&cli.Float64Flag{Name: "contrast", Value: population.DefaultContrast,
			Usage: "CAST contrast κ of the temperature split, in [0, 1)"},
		&cli.Float64Flag{Name: "selection", Value: population.DefaultSelection,
			Usage: "CAST selection strength s, ≥ 0 (0: off)"},
		&cli.IntFlag{Name: "coordinates", Value: 1,
			Usage: "coordinates perturbed per move (all methods), 1 ≤ coordinates ≤ dim"},
		&cli.IntFlag{Name: "sa-chains", Value: 1,
			Usage: "independent chains of simulated annealing, ≥ 1"},
		&cli.BoolFlag{Name: "compare", Usage: "compare the methods on rastrigin and ackley " +
			"over dimensions --dims and --seeds seeds at --budget-per-dim evaluations per dimension"},
		&cli.StringFlag{Name: "dims", Value: "2,10,30", Usage: "dimensions for --compare"},
		&cli.IntFlag{Name: "seeds", Value: 20, Usage: "seeds for --compare, ≥ 1"},
		&cli.Int64Flag{Name: "budget-per-dim", Value: 5000,
			Usage: "evaluations per dimension for --compare"},
	)
	return &cli.Command{
		Name:  "anneal",
		Usage: "minimise a test function with CAST and simulated annealing",
		Description: "Runs Collective Annealing by Switching Temperatures (cast) and simulated " +
			"annealing with logarithmic (sa-log) and geometric (sa-geo) cooling at equal " +
			"numbers of energy evaluations and with the same moves (adaptive scale, " +
			"--coordinates per move), so that only the control of temperature differs. " +
			"Functions: " +
			strings.Join(population.FunctionNames(), ", ") + ".",
		Flags:  flags,
		Action: runAnneal,
	}
}

func annealConfig(c *cli.Context) population.CASTConfig {
	cfg := population.DefaultCompareConfig()
	cfg.Agents = c.Int("agents")
	cfg.T0, cfg.TEnd = c.Float64("t0"), c.Float64("tend")
	cfg.Contrast = c.Float64("contrast")
	cfg.Selection = c.Float64("selection")
	cfg.Coordinates = c.Int("coordinates")
	cfg.Seed = c.Uint64("seed")
	return cfg
}

// checkCoordinates rejects --coordinates below 1 (the library would read 0 as 1).
func checkCoordinates(c *cli.Context) error {
	if m := c.Int("coordinates"); m < 1 {
		return badInput(fmt.Errorf("--coordinates = %d out of range: must be at least 1", m))
	}
	return nil
}

type annealSummary struct {
	Command  string                  `json:"command"`
	Function string                  `json:"function"`
	Dim      int                     `json:"dim"`
	Budget   int64                   `json:"budget"`
	Seed     uint64                  `json:"seed"`
	Agents   int                     `json:"agents"`
	Runs     []annealRun             `json:"runs,omitempty"`
	Compare  []population.CompareRow `json:"compare,omitempty"`
}

type annealRun struct {
	Method     string    `json:"method"`
	BestEnergy jsonFloat `json:"best_energy"`
	Best       []float64 `json:"best_x"`
	Evals      int64     `json:"evals"`
	Acceptance float64   `json:"acceptance"`
	FinalMeanT jsonFloat `json:"final_mean_temperature"`
}

func runAnneal(c *cli.Context) error {
	if c.Bool("compare") {
		return runCompare(c)
	}
	dim := c.Int("dim")
	p, err := population.Lookup(c.String("function"), dim)
	if err != nil {
		return classify(err)
	}
	ms, err := methods(c.String("method"), population.AnnealMethods)
	if err != nil {
		return err
	}
	if c.Int("sa-chains") < 1 {
		return badInput(fmt.Errorf("--sa-chains = %d out of range: must be at least 1",
			c.Int("sa-chains")))
	}
	if err := checkCoordinates(c); err != nil {
		return err
	}
	cfg := annealConfig(c)
	cfg.Budget = c.Int64("budget")
	if cfg.Budget == 0 {
		cfg.Budget = 5000 * int64(dim)
	}
	// Validate every method's settings before any output is created.
	for _, m := range ms {
		if err := validateAnneal(m, p, cfg, c.Int("sa-chains")); err != nil {
			return err
		}
	}
	out, err := newOutDir(c.String("out"))
	if err != nil {
		return err
	}
	bar := newProgress(stderr(c), c.Bool("quiet"), cfg.Budget*int64(len(ms)), "anneal")
	sum := annealSummary{Command: "anneal", Function: p.Name, Dim: dim, Budget: cfg.Budget,
		Seed: cfg.Seed, Agents: cfg.Agents}
	var rows [][]string
	var lines []series
	for _, m := range ms {
		run := cfg
		if m != population.MethodCAST {
			run.Agents = c.Int("sa-chains")
		}
		var xy plotter.XYs
		stride := max(cfg.Budget/int64(run.Agents)/500, 1) // about 500 rows per method
		run.Recorder = population.RecorderFunc(func(pr population.Progress) {
			bar.set(pr.Evals)
			if int64(pr.Step)%stride == 0 || pr.Evals >= pr.Budget-int64(run.Agents)+1 {
				rows = append(rows, []string{m, strconv.Itoa(pr.Step),
					strconv.FormatInt(pr.Evals, 10), ftoa(pr.Best), ftoa(pr.Mean),
					ftoa(pr.Temperature), ftoa(pr.MinTemperature)})
				xy = append(xy, plotter.XY{X: float64(pr.Evals), Y: pr.Best})
			}
		})
		res, err := population.RunAnneal(m, p, run)
		if err != nil {
			out.abort()
			return classify(err)
		}
		bar.next(res.Evals)
		var meanT float64
		for _, T := range res.T {
			meanT += T / float64(len(res.T))
		}
		sum.Runs = append(sum.Runs, annealRun{Method: m, BestEnergy: jsonFloat(res.BestEnergy),
			Best: res.Best, Evals: res.Evals, Acceptance: res.Acceptance,
			FinalMeanT: jsonFloat(meanT)})
		lines = append(lines, series{name: m, xy: xy})
	}
	bar.finish()
	err = out.writeCSV("history.csv", []string{"method", "step", "evals", "best", "mean_energy",
		"mean_temperature", "min_temperature"}, rows)
	if err == nil {
		err = out.writeJSON("summary.json", sum)
	}
	if err == nil {
		err = linePlot(out.path("best.png"),
			fmt.Sprintf("%s, d = %d: best energy", p.Name, dim), "energy evaluations",
			"best energy", lines, 1e-16)
	}
	if err != nil {
		out.abort()
		return cli.Exit(fmt.Sprintf("writing %s: %v", out.Target(), err), 1)
	}
	if err := out.commit(); err != nil {
		return err
	}
	return report(c, sum, func() string {
		var b strings.Builder
		fmt.Fprintf(&b, "%s, d = %d, %d evaluations, seed %d\n", p.Name, dim, cfg.Budget,
			cfg.Seed)
		for _, r := range sum.Runs {
			fmt.Fprintf(&b, "  %-7s best %.6g\n", r.Method, float64(r.BestEnergy))
		}
		fmt.Fprintf(&b, "wrote %s\n", out.Target())
		return b.String()
	})
}

func validateAnneal(m string, p population.Problem, cfg population.CASTConfig,
	chains int) error {
	// A run with the smallest valid budget checks every other setting cheaply; the
	// library refuses oversized populations before allocating them.
	if m != population.MethodCAST {
		cfg.Agents = chains
	}
	probe := cfg
	probe.Budget = 2 * int64(cfg.Agents)
	if _, err := population.RunAnneal(m, p, probe); err != nil {
		return classify(err)
	}
	if cfg.Budget < 2*int64(cfg.Agents) || cfg.Budget > population.MaxBudget {
		return badInput(fmt.Errorf("--budget = %d out of range: must be at least 2·agents = %d "+
			"and at most %d", cfg.Budget, 2*cfg.Agents, int64(population.MaxBudget)))
	}
	return nil
}

func report(c *cli.Context, summary any, text func() string) error {
	w := stdout(c)
	if c.Bool("json") {
		b, err := json.MarshalIndent(summary, "", "  ")
		if err != nil {
			return cli.Exit(err.Error(), 1)
		}
		fmt.Fprintln(w, string(b))
		return nil
	}
	fmt.Fprint(w, text())
	return nil
}

func runCompare(c *cli.Context) error {
	var dims []int
	for _, s := range strings.Split(c.String("dims"), ",") {
		d, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || d < 1 {
			return badInput(fmt.Errorf("--dims: %q out of range: must be integers ≥ 1", s))
		}
		dims = append(dims, d)
	}
	ms, err := methods(c.String("method"), population.AnnealMethods)
	if err != nil {
		return err
	}
	if c.Int("seeds") < 1 {
		return badInput(fmt.Errorf("--seeds = %d out of range: must be at least 1",
			c.Int("seeds")))
	}
	if b := c.Int64("budget-per-dim"); b < 1 || b > population.MaxBudget {
		return badInput(fmt.Errorf("--budget-per-dim = %d out of range: must be at least 1 "+
			"and at most %d", b, int64(population.MaxBudget)))
	}
	if c.Int("sa-chains") < 1 {
		return badInput(fmt.Errorf("--sa-chains = %d out of range: must be at least 1",
			c.Int("sa-chains")))
	}
	if err := checkCoordinates(c); err != nil {
		return err
	}
	setup := population.CompareSetup{Functions: []string{"rastrigin", "ackley"}, Dims: dims,
		Methods: ms, Seeds: c.Int("seeds"), EvalsPerDim: c.Int64("budget-per-dim"),
		Seed: c.Uint64("seed"), Config: annealConfig(c), SAChains: c.Int("sa-chains")}
	// Check the settings in every dimension before creating the output.
	for _, d := range dims {
		p, err := population.Lookup("rastrigin", d)
		if err != nil {
			return classify(err)
		}
		for _, m := range ms {
			probe := setup.Config
			probe.Budget = setup.EvalsPerDim * int64(d)
			if err := validateAnneal(m, p, probe, setup.SAChains); err != nil {
				return err
			}
		}
	}
	out, err := newOutDir(c.String("out"))
	if err != nil {
		return err
	}
	total := int64(2 * len(dims) * len(ms) * setup.Seeds)
	bar := newProgress(stderr(c), c.Bool("quiet"), total, "compare")
	setup.Progress = func(done, _ int) { bar.set(int64(done)) }
	rows, err := population.Compare(setup)
	bar.finish()
	if err != nil {
		out.abort()
		return classify(err)
	}
	var csvRows [][]string
	for _, r := range rows {
		csvRows = append(csvRows, []string{r.Function, strconv.Itoa(r.Dim), r.Method,
			strconv.Itoa(r.Seeds), strconv.FormatInt(r.Budget, 10), ftoa(r.Median),
			ftoa(r.Success), ftoa(r.Target)})
	}
	sum := annealSummary{Command: "anneal --compare", Seed: setup.Seed,
		Agents: setup.Config.Agents, Compare: rows}
	table := compareTable(rows)
	err = out.writeCSV("compare.csv", []string{"function", "dim", "method", "seeds", "budget",
		"median_best", "success_fraction", "target"}, csvRows)
	if err == nil {
		err = out.writeJSON("summary.json", sum)
	}
	if err == nil {
		err = out.WriteFile("compare.md", []byte(table))
	}
	if err != nil {
		out.abort()
		return cli.Exit(fmt.Sprintf("writing %s: %v", out.Target(), err), 1)
	}
	if err := out.commit(); err != nil {
		return err
	}
	return report(c, sum, func() string { return table + "wrote " + out.Target() + "\n" })
}

// compareTable formats rows as a Markdown table, one line per function and dimension, under a
// line that states what is held equal.
func compareTable(rows []population.CompareRow) string {
	var b strings.Builder
	if len(rows) > 0 {
		fmt.Fprintf(&b, "Median best energy and fraction of %d seeds reaching the target, at "+
			"equal energy evaluations and with the same moves for every method (adaptive "+
			"scale, same coordinates per move): only the control of temperature differs.\n\n",
			rows[0].Seeds)
	}
	var ms []string
	seen := map[string]bool{}
	for _, r := range rows {
		if !seen[r.Method] {
			seen[r.Method] = true
			ms = append(ms, r.Method)
		}
	}
	b.WriteString("| function | dim | budget |")
	for _, m := range ms {
		fmt.Fprintf(&b, " %s median | %s success |", m, m)
	}
	b.WriteString("\n|---|---|---|" + strings.Repeat("---|---|", len(ms)) + "\n")
	for k := 0; k < len(rows); k += len(ms) {
		r := rows[k]
		fmt.Fprintf(&b, "| %s | %d | %d |", r.Function, r.Dim, r.Budget)
		for j := range ms {
			fmt.Fprintf(&b, " %.4g | %.2f |", rows[k+j].Median, rows[k+j].Success)
		}
		b.WriteString("\n")
	}
	return b.String()
}
