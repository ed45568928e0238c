# kinsolve build and test entry points. See README.md.
GO ?= go

.PHONY: build test bench vet

build:
	$(GO) build -o bin/kinsolve ./cmd/kinsolve

test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchtime 3x ./solver/... ./bench/...
