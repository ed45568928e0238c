# kinsolve build and test entry points. See README.md.
GO ?= go

.PHONY: build run test bench

build:
	$(GO) build -o bin/kinsolve ./cmd/kinsolve

# Linear Landau damping (1X1V, 64×256) into a fresh folder runs/landau-damping-<timestamp>;
# prints measured and theoretical γ and ω.
run: build
	./bin/kinsolve run landau-damping

test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchtime 3x ./solver/... ./bench/...

# GPU targets (ptx, build-cuda, vet-cuda, gpu-check) need nvcc; see gpu.mk.
include gpu.mk
