package population_test

import (
	"fmt"

	"github.com/kinsolve/kinsolve/population"
)

func ExampleRastrigin() {
	fmt.Println(population.Rastrigin([]float64{0, 0}), population.Rastrigin([]float64{1, 0}))
	// Output: 0 1
}

func ExampleStationaryVariance() {
	// Selection strength 2, mutation standard deviation 0.2.
	fmt.Printf("%.4f\n", population.StationaryVariance(2, 0.2))
	// Output: 0.1220
}

func ExampleCAST() {
	p, err := population.Lookup("himmelblau", 2)
	if err != nil {
		panic(err)
	}
	cfg := population.DefaultCompareConfig()
	cfg.Budget, cfg.Seed = 20000, 1
	res, err := population.CAST(p, cfg)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.BestEnergy < p.Target, res.Evals)
	// Output: true 20000
}

func ExampleLookup() {
	_, err := population.Lookup("rosenbrock", 2)
	fmt.Println(err)
	// Output: population: invalid configuration: function = "rosenbrock" unknown: must be one of ackley, doublewell, himmelblau, rastrigin
}
