#!/bin/sh
# run.sh [results-dir]: checks kinsolve's CUDA kernels on a machine with an NVIDIA GPU and a
# driver (no Go toolchain or CUDA toolkit needed). Built by `make gpu-check` into
# build/gpu-check/ together with the binaries it runs:
#
#   cuda.test   the cuda package's tests (float64 Landau against the Go reference to 1e-12,
#               float32 error, BKW rate, conservation, advection against advect.Shifter)
#               and its benchmarks (pair interactions/s and fraction of the H200 peaks,
#               advection updates/s)
#   kinsolve    the CLI built with -tags cuda; `kinsolve bench --full` compares every backend
#
# Results go to the folder given, else $OUT, else ./results: nvidia-smi.txt, gpu-tests.txt,
# gpu-bench.txt, kinsolve-bench.txt, bench.csv, bench.json. The whole run takes about two
# minutes on an H200 and is bounded by timeouts to under ten.
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-${OUT:-$here/results}}
mkdir -p "$out"
cd "$here"

nvidia-smi >"$out/nvidia-smi.txt" 2>&1 || echo "nvidia-smi not available" >"$out/nvidia-smi.txt"

status=0
run() { # run NAME SECONDS CMD...: tee output to $out/NAME.txt, remember failures
	name=$1 secs=$2
	shift 2
	echo "== $name: $*"
	{ timeout "$secs" "$@"; echo "exit status $?" >"$out/.$name.rc"; } 2>&1 | tee "$out/$name.txt"
	rc=$(sed 's/exit status //' "$out/.$name.rc")
	rm -f "$out/.$name.rc"
	if [ "$rc" != 0 ]; then
		echo "== $name FAILED (exit $rc)"
		status=1
	fi
}

run gpu-tests 240 ./cuda.test -test.v -test.count=1 -test.run .
run gpu-bench 120 ./cuda.test -test.run '^$' -test.bench . -test.benchtime 20x
run kinsolve-bench 200 ./kinsolve bench --full --min-time 300ms --out "$out"

echo "results in $out"
exit $status
