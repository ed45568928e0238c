package popcmd

import (
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/kinsolve/kinsolve/population"
)

func annealCommand() *cli.Command {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "function", Aliases: []string{"f"}, Value: "rastrigin",
			Usage: "test function to minimise: " + strings.Join(population.FunctionNames(), ", ")},
		&cli.IntFlag{Name: "dim", Aliases: []string{"d"}, Value: 2,
			Usage: "dimension of the search space, ≥ 1"},
		&cli.StringFlag{Name: "method", Aliases: []string{"m"}, Value: "all",
			Usage: "annealing methods: " + strings.Join(population.AnnealMethods, ", ") +
				", a comma-separated list of them, or all"},
		&cli.IntFlag{Name: "agents", Aliases: []string{"n"}, Value: 10,
			Usage: "CAST agents, ≥ 2 (simulated annealing runs --sa-chains chains)"},
		&cli.Int64Flag{Name: "budget", Aliases: []string{"b"},
			Usage: "energy evaluations per method, shared by its agents or chains; " +
				"0: 5000·dim"},
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
			"over dimensions --dims and --seeds seeds at --budget-per-dim evaluations per " +
			"dimension (--function, --dim and --budget are not used)"},
		&cli.StringFlag{Name: "dims", Value: "2,10,30", Usage: "dimensions for --compare"},
		&cli.IntFlag{Name: "seeds", Value: 20, Usage: "seeds for --compare, ≥ 1"},
		&cli.Int64Flag{Name: "budget-per-dim", Value: 5000,
			Usage: "evaluations per dimension for --compare, ≥ 1"},
	}
	return &cli.Command{
		Name:  "anneal",
		Usage: "minimise a test function with CAST and simulated annealing",
		Description: "Runs Collective Annealing by Switching Temperatures (cast) and simulated " +
			"annealing with logarithmic (sa-log) and geometric (sa-geo) cooling at equal " +
			"numbers of energy evaluations and with the same moves (adaptive scale, " +
			"--coordinates per move), so that only the control of temperature differs. " +
			"Functions: " + strings.Join(population.FunctionNames(), ", ") + ".\n\n" +
			"A run writes history.csv (best and mean energy and temperature against " +
			"evaluations, per method), summary.json and best.png. With --compare it writes " +
			"compare.csv and compare.md (median best energy and the fraction of seeds " +
			"reaching the target, E ≤ 1 on rastrigin and E ≤ 0.1 on ackley, per function, " +
			"dimension and method), summary.json and compare.png (median best energy " +
			"against dimension). Without --out the folder is runs/anneal-YYYYmmdd-HHMMSS " +
			"(runs/anneal-compare-… with --compare).",
		Flags:        append(flags, sharedFlags("anneal")...),
		Action:       runAnneal,
		OnUsageError: usageError,
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
	Command  string      `json:"command"`
	Function string      `json:"function"`
	Dim      int         `json:"dim"`
	Budget   int64       `json:"budget"`
	Seed     uint64      `json:"seed"`
	Agents   int         `json:"agents"`
	Runs     []annealRun `json:"runs"`
}

// compareSummary is summary.json of anneal --compare: the setup and one row per function,
// dimension and method.
type compareSummary struct {
	Command   string   `json:"command"`
	Functions []string `json:"functions"`
	Dims      []int    `json:"dims"`
	Methods   []string `json:"methods"`
	Seeds     int      `json:"seeds"`
	// FirstSeed is the seed of the first of Seeds runs; the others follow it.
	FirstSeed   uint64 `json:"first_seed"`
	EvalsPerDim int64  `json:"budget_per_dim"`
	Agents      int    `json:"agents"`
	SAChains    int    `json:"sa_chains"`
	// Targets maps each function to the energy at or below which a run succeeds.
	Targets map[string]float64      `json:"targets"`
	Rows    []population.CompareRow `json:"compare"`
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
	out, err := newOutDir(c, "anneal")
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
		err = linePlot(out, "best.png",
			fmt.Sprintf("%s, d = %d: best energy", p.Name, dim), "energy evaluations",
			"best energy", lines, 1e-16)
	}
	if err := out.finish(err); err != nil {
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
	out, err := newOutDir(c, "anneal-compare")
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
	sum := compareSummary{Command: "anneal --compare", Functions: setup.Functions,
		Dims: dims, Methods: ms, Seeds: setup.Seeds, FirstSeed: setup.Seed,
		EvalsPerDim: setup.EvalsPerDim, Agents: setup.Config.Agents, SAChains: setup.SAChains,
		Targets: map[string]float64{}, Rows: rows}
	for _, r := range rows {
		sum.Targets[r.Function] = r.Target
	}
	table := compareTable(rows, setup.EvalsPerDim)
	err = out.writeCSV("compare.csv", []string{"function", "dim", "method", "seeds", "budget",
		"median_best", "success_fraction", "target"}, csvRows)
	if err == nil {
		err = out.writeJSON("summary.json", sum)
	}
	if err == nil {
		err = out.WriteFile("compare.md", []byte(table))
	}
	if err == nil {
		err = comparePlot(out, "compare.png", rows)
	}
	if err := out.finish(err); err != nil {
		return err
	}
	return report(c, sum, func() string { return table + "wrote " + out.Target() + "\n" })
}

// compareTable formats rows as a Markdown table, one line per function and dimension, under
// lines that state what is held equal and what counts as a success.
func compareTable(rows []population.CompareRow, perDim int64) string {
	var b strings.Builder
	if len(rows) == 0 {
		return ""
	}
	var fs, ms []string
	targets := map[string]float64{}
	for _, r := range rows {
		if _, ok := targets[r.Function]; !ok {
			targets[r.Function] = r.Target
			fs = append(fs, r.Function)
		}
		if !slices.Contains(ms, r.Method) {
			ms = append(ms, r.Method)
		}
	}
	var goals []string
	for _, f := range fs {
		goals = append(goals, fmt.Sprintf("E ≤ %g on %s", targets[f], f))
	}
	fmt.Fprintf(&b, "Median best energy over %d seeds, and success: the fraction of seeds "+
		"whose best energy reaches the target (%s).\n", rows[0].Seeds,
		strings.Join(goals, ", "))
	fmt.Fprintf(&b, "Equal budget: every method gets %d·dim energy evaluations (the budget "+
		"column), shared by its agents or chains, and the same moves (adaptive scale, same "+
		"coordinates per move): only the control of temperature differs.\n\n", perDim)
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

// comparePlot writes the figure name into o: one panel per function with the median best
// energy of each method against the dimension (log y, medians below 1e-16 drawn at 1e-16)
// and the success target as a dotted line.
func comparePlot(o *outDir, name string, rows []population.CompareRow) error {
	var fs, ms []string
	for _, r := range rows {
		if !slices.Contains(fs, r.Function) {
			fs = append(fs, r.Function)
		}
		if !slices.Contains(ms, r.Method) {
			ms = append(ms, r.Method)
		}
	}
	legend := plot.NewLegend()
	var plots []*plot.Plot
	for i, f := range fs {
		p := plot.New()
		p.Title.Text = f + ": median best energy"
		p.X.Label.Text = "dimension"
		p.Y.Label.Text = "median best energy"
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = logTicks{}
		var target float64
		var dims []float64
		for j, m := range ms {
			var xy plotter.XYs
			for _, r := range rows {
				if r.Function == f && r.Method == m {
					xy = append(xy, plotter.XY{X: float64(r.Dim), Y: math.Max(r.Median, 1e-16)})
					target = r.Target
					dims = append(dims, float64(r.Dim))
				}
			}
			l, pts, err := plotter.NewLinePoints(xy)
			if err != nil {
				return err
			}
			l.Color, pts.Color = plotutil.Color(j), plotutil.Color(j)
			l.Dashes = plotutil.Dashes(j)
			l.Width = vg.Points(1.5)
			pts.Shape = plotutil.Shape(j)
			p.Add(l, pts)
			if i == 0 {
				legend.Add(m, l, pts)
			}
		}
		lo, hi := slices.Min(dims), slices.Max(dims)
		if hi == lo {
			lo, hi = lo-0.5, hi+0.5
		}
		t, err := plotter.NewLine(plotter.XYs{{X: lo, Y: target}, {X: hi, Y: target}})
		if err != nil {
			return err
		}
		t.Dashes = []vg.Length{vg.Points(2), vg.Points(2)}
		t.Color = color.Gray{Y: 90}
		p.Add(t)
		if i == 0 {
			legend.Add("target", t)
		}
		plots = append(plots, p)
	}
	return o.savePlots(name, plots, legend, vg.Length(len(fs))*4.5*vg.Inch+vg.Inch,
		4.5*vg.Inch)
}
