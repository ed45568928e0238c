package popcmd

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/kinsolve/kinsolve/population"
)

var trainMethods = []string{"pbt", "random"}

func trainCommand() *cli.Command {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "function", Aliases: []string{"f"}, Value: "sine",
			Usage: "regression target the network learns: " +
				strings.Join(population.RegressionTargets(), ", ")},
		&cli.IntFlag{Name: "dim", Aliases: []string{"d"}, Value: 2,
			Usage: "input dimension of the target, ≥ 1"},
		&cli.StringFlag{Name: "method", Aliases: []string{"m"}, Value: "all",
			Usage: "pbt (population training), random (random search), a comma-separated " +
				"list of them, or all"},
		&cli.IntFlag{Name: "agents", Aliases: []string{"n"}, Value: 8,
			Usage: "networks trained side by side, each with its own hyperparameters, ≥ 2"},
		&cli.Int64Flag{Name: "budget", Aliases: []string{"b"},
			Usage: "gradient steps per method, all agents together; 0: 50·agents·generations"},
		&cli.IntFlag{Name: "generations", Value: 20, Usage: "selection rounds, ≥ 1"},
		&cli.IntFlag{Name: "hidden", Value: 16, Usage: "hidden units of the network, ≥ 1"},
		&cli.Float64Flag{Name: "truncation", Value: 0.25,
			Usage: "fraction replaced each generation, in (0, 0.5]"},
		&cli.Float64Flag{Name: "mutation", Value: 0.15,
			Usage: "mutation size in normalised log coordinates, ≥ 0"},
	}
	return &cli.Command{
		Name:  "train-demo",
		Usage: "train a two-layer network by population training and by random search",
		Description: "Fits a two-layer tanh network to noisy samples of a target function " +
			"(" + strings.Join(population.RegressionTargets(), ", ") + ") with population " +
			"training (pbt: Langevin steps, truncation selection, log-space mutation of " +
			"learning rate, inverse temperature, weight decay and batch size) and with " +
			"random search at equal gradient steps.\n\n" +
			"Writes history.csv (best and mean validation loss per generation and method), " +
			"hyperparameters.csv (every agent's hyperparameters per generation), " +
			"summary.json, best.png and hyperparameters.png. Without --out the folder is " +
			"runs/train-demo-YYYYmmdd-HHMMSS.",
		Flags:        append(flags, sharedFlags("train-demo")...),
		Action:       runTrain,
		OnUsageError: usageError,
	}
}

type trainSummary struct {
	Command     string     `json:"command"`
	Function    string     `json:"function"`
	Dim         int        `json:"dim"`
	Agents      int        `json:"agents"`
	Generations int        `json:"generations"`
	Steps       int        `json:"steps_per_generation"`
	Budget      int64      `json:"budget"`
	Seed        uint64     `json:"seed"`
	Runs        []trainRun `json:"runs"`
}

type trainRun struct {
	Method         string             `json:"method"`
	ValidationLoss jsonFloat          `json:"final_validation_loss"`
	BestHypers     map[string]float64 `json:"best_hyperparameters"`
	GradientSteps  int64              `json:"gradient_steps"`
}

func runTrain(c *cli.Context) error {
	ms, err := methods(c.String("method"), trainMethods)
	if err != nil {
		return err
	}
	seed := c.Uint64("seed")
	obj, err := population.NewRegression(c.String("function"), c.Int("dim"), c.Int("hidden"),
		256, 128, 0.05, seed)
	if err != nil {
		return classify(err)
	}
	cfg := population.TrainConfig{Agents: c.Int("agents"), Generations: c.Int("generations"),
		Space: population.DemoSpace(), Mutation: c.Float64("mutation"), Seed: seed,
		Selection: population.Truncation{Fraction: c.Float64("truncation")}}
	if cfg.Generations < 1 || cfg.Generations > population.MaxGenerations {
		return badInput(fmt.Errorf("--generations = %d out of range: must be at least 1 and "+
			"at most %d", cfg.Generations, population.MaxGenerations))
	}
	if cfg.Agents < 2 || cfg.Agents > population.MaxAgents {
		return badInput(fmt.Errorf("--agents = %d out of range: must be at least 2 and at "+
			"most %d", cfg.Agents, population.MaxAgents))
	}
	budget := c.Int64("budget")
	if budget == 0 {
		budget = int64(cfg.Agents) * int64(cfg.Generations) * 50
	}
	per := budget / (int64(cfg.Agents) * int64(cfg.Generations))
	if per < 1 || budget > population.MaxBudget {
		return badInput(fmt.Errorf("--budget = %d out of range: must be at least "+
			"agents·generations = %d and at most %d", budget, cfg.Agents*cfg.Generations,
			int64(population.MaxBudget)))
	}
	cfg.Steps = int(per)
	probe := cfg
	probe.Generations, probe.Steps = 1, 1
	if _, err := population.Train(obj, probe); err != nil {
		return classify(err)
	}
	out, err := newOutDir(c, "train-demo")
	if err != nil {
		return err
	}
	used := int64(cfg.Agents) * int64(cfg.Generations) * int64(cfg.Steps)
	bar := newProgress(stderr(c), c.Bool("quiet"), used*int64(len(ms)), "train-demo")
	sum := trainSummary{Command: "train-demo", Function: obj.Target, Dim: obj.In,
		Agents: cfg.Agents, Generations: cfg.Generations, Steps: cfg.Steps, Budget: used,
		Seed: seed}
	names := make([]string, len(cfg.Space))
	for k, p := range cfg.Space {
		names[k] = p.Name
	}
	var hist, hyp [][]string
	var lines []series
	gens := map[string][][][]float64{} // method → generation → agent → h
	for _, m := range ms {
		var xy plotter.XYs
		run := cfg
		run.Recorder = population.RecorderFunc(func(pr population.Progress) {
			bar.set(pr.Evals)
			hist = append(hist, []string{m, strconv.Itoa(pr.Step),
				strconv.FormatInt(pr.Evals, 10), ftoa(pr.Best), ftoa(pr.Mean)})
			xy = append(xy, plotter.XY{X: float64(pr.Evals), Y: pr.Best})
			gens[m] = append(gens[m], pr.Hypers)
			for i, h := range pr.Hypers {
				row := []string{m, strconv.Itoa(pr.Step), strconv.Itoa(i)}
				for _, v := range h {
					row = append(row, ftoa(v))
				}
				hyp = append(hyp, row)
			}
		})
		var res *population.TrainResult
		if m == "pbt" {
			res, err = population.Train(obj, run)
		} else {
			res, err = population.RandomSearch(obj, run)
		}
		if err != nil {
			out.abort()
			return classify(err)
		}
		bar.next(res.Steps)
		best := map[string]float64{}
		for k, n := range names {
			best[n] = res.H[res.Best][k]
		}
		sum.Runs = append(sum.Runs, trainRun{Method: m, ValidationLoss: jsonFloat(res.BestLoss),
			BestHypers: best, GradientSteps: res.Steps})
		lines = append(lines, series{name: m, xy: xy})
	}
	bar.finish()
	err = out.writeCSV("history.csv", []string{"method", "generation", "gradient_steps",
		"best_validation_loss", "mean_validation_loss"}, hist)
	if err == nil {
		err = out.writeCSV("hyperparameters.csv",
			append([]string{"method", "generation", "agent"}, names...), hyp)
	}
	if err == nil {
		err = out.writeJSON("summary.json", sum)
	}
	if err == nil {
		err = linePlot(out, "best.png", fmt.Sprintf("%s regression, d = %d: best "+
			"validation loss", obj.Target, obj.In), "gradient steps (all agents)",
			"validation loss", lines, 1e-12)
	}
	if err == nil {
		err = hyperPlot(out, "hyperparameters.png", gens, cfg.Space)
	}
	if err := out.finish(err); err != nil {
		return err
	}
	return report(c, sum, func() string {
		var b strings.Builder
		fmt.Fprintf(&b, "%s regression, d = %d, %d agents × %d generations × %d steps, "+
			"seed %d\n", obj.Target, obj.In, cfg.Agents, cfg.Generations, cfg.Steps, seed)
		for _, r := range sum.Runs {
			fmt.Fprintf(&b, "  %-7s final validation loss %.6g\n", r.Method,
				float64(r.ValidationLoss))
		}
		fmt.Fprintf(&b, "wrote %s\n", out.Target())
		return b.String()
	})
}

// hyperPlot writes the figure name into o: for every method, the learning rate of each agent
// against the generation (the hyperparameter distribution over generations), with the legend
// beside the axes.
func hyperPlot(o *outDir, name string, gens map[string][][][]float64,
	space population.Space) error {
	k := space.Index(population.HyperLR)
	p := plot.New()
	p.Title.Text = "learning rate of every agent over generations"
	p.X.Label.Text = "generation"
	p.Y.Label.Text = "learning rate"
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = logTicks{}
	j := 0
	for _, m := range trainMethods {
		g, ok := gens[m]
		if !ok {
			continue
		}
		var xy plotter.XYs
		for gen, agents := range g {
			for i, h := range agents {
				// Spread the two methods and the agents slightly along x to keep points apart.
				dx := 0.3*float64(j) - 0.15 + 0.1*float64(i)/float64(max(len(agents), 1))
				xy = append(xy, plotter.XY{X: float64(gen+1) + dx, Y: math.Max(h[k], 1e-12)})
			}
		}
		s, err := plotter.NewScatter(xy)
		if err != nil {
			return err
		}
		s.Color = plotutil.Color(j)
		s.Shape = draw.CircleGlyph{}
		s.Radius = vg.Points(2)
		p.Add(s)
		p.Legend.Add(m, s)
		j++
	}
	return o.savePlots(name, []*plot.Plot{p}, p.Legend, 7.5*vg.Inch, 4.5*vg.Inch)
}
