#!/bin/sh
# gpu-toolchain.sh installs Debian's CUDA toolkit (nvcc, cuda.h, the driver stub libcuda.so) so
# that the CUDA kernels can be compiled to PTX and the cuda-tagged Go packages compiled and
# vetted on a machine without a GPU. It does nothing when nvcc is already on PATH.
#
# The toolkit lives in Debian's non-free component. The script adds "contrib non-free" to the
# Components line of the existing Debian sources file; it writes no mirror address itself.
# Needs root (CI runs as root).
set -eu

if command -v nvcc >/dev/null 2>&1; then
	echo "gpu-toolchain: $(nvcc --version | tail -n 1) already installed"
	exit 0
fi

src=""
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	if grep -q '^URIs:.*debian' "$f"; then
		src=$f
		break
	fi
done
if [ -z "$src" ]; then
	echo "gpu-toolchain: no Debian .sources file under /etc/apt/sources.list.d/" >&2
	exit 1
fi

# Add the components only to lines that lack them, so a second run changes nothing.
if grep -q '^Components:' "$src" && ! grep -q '^Components:.*non-free' "$src"; then
	sed -i '/^Components:/{/non-free/!s/$/ contrib non-free/}' "$src"
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends nvidia-cuda-toolkit
nvcc --version | tail -n 1
