# GPU build targets of kinsolve, included by the main Makefile.
#
#   make ptx        compile kernels/*.cu to PTX (compute_90 and compute_80) into cuda/ptx/
#   make build-cuda build bin/kinsolve with the cuda backends (runs only where a GPU is)
#   make vet-cuda   vet the cuda-tagged code and compile its test binaries (no GPU needed)
#   make gpu-check  build everything a GPU machine needs into build/gpu-check/ (see its run.sh)
#
# nvcc comes from .ci/gpu-toolchain.sh (Debian's CUDA toolkit) or any CUDA 11.8+ install.

GO ?= go
NVCC ?= nvcc
# Virtual architectures to emit PTX for: Hopper, and Ampere for older GPUs. The driver
# compiles the PTX for the chip when the kernels are loaded.
PTX_ARCHS ?= 90 80
NVCCFLAGS ?= -O3 -std=c++14 --ptxas-options=-v

KERNELS := $(wildcard kernels/*.cu)
KERNEL_NAMES := $(basename $(notdir $(KERNELS)))
PTX := $(foreach k,$(KERNEL_NAMES),$(foreach a,$(PTX_ARCHS),cuda/ptx/$(k).compute_$(a).ptx))
CUDA_PKGS := ./cuda/...
GPU_CHECK := build/gpu-check
# The bench binary of gpu-check: the kinsolve CLI (its bench command) built with the cuda tag.
GPU_CHECK_CLI ?= ./cmd/kinsolve

.PHONY: ptx build-cuda vet-cuda gpu-check clean-ptx

ptx: $(PTX)

# $(1): kernel name, $(2): architecture number
define ptx_rule
cuda/ptx/$(1).compute_$(2).ptx: kernels/$(1).cu
	@mkdir -p cuda/ptx
	$(NVCC) $(filter-out --ptxas-options=-v,$(NVCCFLAGS)) -ptx -arch=compute_$(2) -o $$@.tmp $$<
	@mv $$@.tmp $$@
endef
$(foreach k,$(KERNEL_NAMES),$(foreach a,$(PTX_ARCHS),$(eval $(call ptx_rule,$(k),$(a)))))

build-cuda: ptx
	$(GO) build -tags cuda -o bin/kinsolve-cuda $(GPU_CHECK_CLI)

# Vet every package with the cuda tag and compile (not run) the cuda test binaries; the
# ptxas report (registers, spills) of the Hopper build is printed once as a check that the
# kernels also assemble to machine code.
vet-cuda: ptx
	$(GO) vet -tags cuda ./...
	@for p in $$($(GO) list -tags cuda $(CUDA_PKGS)); do \
		echo "$(GO) test -tags cuda -c -o /dev/null $$p"; \
		$(GO) test -tags cuda -c -o /dev/null $$p || exit 1; \
	done
	@for k in $(KERNELS); do \
		$(NVCC) $(NVCCFLAGS) -cubin -arch=sm_90 -o /dev/null $$k 2>&1 | \
			grep -E 'error|warning|spill' | grep -v ' 0 bytes spill' || true; \
	done

gpu-check: ptx
	rm -rf $(GPU_CHECK)
	mkdir -p $(GPU_CHECK)
	$(GO) test -tags cuda -c -o $(GPU_CHECK)/cuda.test ./cuda
	$(GO) build -tags cuda -o $(GPU_CHECK)/kinsolve $(GPU_CHECK_CLI)
	cp cuda/ptx/*.ptx $(GPU_CHECK)/
	cp cuda/gpu-check.sh $(GPU_CHECK)/run.sh
	chmod +x $(GPU_CHECK)/run.sh
	@echo "gpu-check: copy $(GPU_CHECK)/ to the GPU machine and run ./run.sh [results-dir]"

clean-ptx:
	rm -rf cuda/ptx
