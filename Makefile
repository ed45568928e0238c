# kinsolve build and test entry points. See README.md.
GO ?= go
STAMP := $(shell date +%Y%m%d-%H%M%S)

.PHONY: build run test bench vet

build:
	$(GO) build -o bin/kinsolve ./cmd/kinsolve

# Linear Landau damping (1X1V, 64×256) into a fresh folder; prints measured and theoretical
# γ and ω.
run: build
	@mkdir -p runs
	./bin/kinsolve run landau-damping --out runs/landau-damping-$(STAMP)

test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchtime 3x ./solver/... ./bench/...

# GPU targets (ptx, build-cuda, vet-cuda, gpu-check) need nvcc; see gpu.mk.
include gpu.mk
