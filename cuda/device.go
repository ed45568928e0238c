//go:build cuda

package cuda

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"unsafe"

	"gorgonia.org/cu"
)

// Device is one GPU with kinsolve's kernels loaded in its primary context. Its methods and
// those of the evaluators made from it may be called from any goroutine; calls are
// serialised.
type Device struct {
	mu           sync.Mutex
	dev          cu.Device
	ctx          cu.CUContext
	mods         []cu.Module
	fn           map[string]cu.Function
	name, arch   string
	major, minor int
	sms          int
	open         bool
}

// Open retains the primary context of the GPU of the given ordinal and loads the kernels.
func Open(ordinal int) (*Device, error) {
	n, err := cu.NumDevices()
	if err != nil {
		return nil, fmt.Errorf("cuda: counting devices: %w", err)
	}
	if ordinal < 0 || ordinal >= n {
		return nil, fmt.Errorf("cuda: device ordinal %d out of range: %d device(s), 0 to %d",
			ordinal, n, n-1)
	}
	d := &Device{fn: map[string]cu.Function{}}
	if d.dev, err = cu.GetDevice(ordinal); err != nil {
		return nil, fmt.Errorf("cuda: device %d: %w", ordinal, err)
	}
	if d.name, err = d.dev.Name(); err != nil {
		return nil, fmt.Errorf("cuda: device %d name: %w", ordinal, err)
	}
	if d.major, err = d.dev.Attribute(cu.ComputeCapabilityMajor); err != nil {
		return nil, fmt.Errorf("cuda: device %d compute capability: %w", ordinal, err)
	}
	if d.minor, err = d.dev.Attribute(cu.ComputeCapabilityMinor); err != nil {
		return nil, fmt.Errorf("cuda: device %d compute capability: %w", ordinal, err)
	}
	if d.sms, err = d.dev.Attribute(cu.MultiprocessorCount); err != nil {
		return nil, fmt.Errorf("cuda: device %d multiprocessors: %w", ordinal, err)
	}
	if d.arch, err = ptxArch(d.major, d.minor); err != nil {
		return nil, err
	}
	if d.ctx, err = d.dev.RetainPrimaryCtx(); err != nil {
		return nil, fmt.Errorf("cuda: device %d context: %w", ordinal, err)
	}
	d.open = true
	err = d.do(func() error {
		for name, entries := range modules {
			src, err := ptxSource(name, d.arch)
			if err != nil {
				return err
			}
			mod, err := cu.LoadData(src)
			if err != nil {
				return fmt.Errorf("cuda: loading the %s kernels (%s PTX) on %s: %w", name,
					d.arch, d.name, err)
			}
			d.mods = append(d.mods, mod)
			for _, e := range entries {
				f, err := mod.Function(e)
				if err != nil {
					return fmt.Errorf("cuda: kernel %s not in the %s module: %w", e, name, err)
				}
				d.fn[e] = f
			}
		}
		return nil
	})
	if err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// Name returns the device's product name.
func (d *Device) Name() string { return d.name }

// ComputeCapability returns the device's compute capability major.minor.
func (d *Device) ComputeCapability() (major, minor int) { return d.major, d.minor }

// Multiprocessors returns the number of streaming multiprocessors.
func (d *Device) Multiprocessors() int { return d.sms }

// PTXArch returns the virtual architecture of the PTX that was loaded.
func (d *Device) PTXArch() string { return d.arch }

// String describes the device in one line.
func (d *Device) String() string {
	return fmt.Sprintf("%s (compute %d.%d, %d SMs, %s PTX)", d.name, d.major, d.minor, d.sms,
		d.arch)
}

// Close unloads the kernels and releases the context. Buffers of evaluators still open
// become invalid.
func (d *Device) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.open {
		return nil
	}
	var errs []error
	errs = append(errs, d.doLocked(func() error {
		var e []error
		for _, m := range d.mods {
			e = append(e, m.Unload())
		}
		return errors.Join(e...)
	}))
	d.mods, d.fn = nil, nil
	errs = append(errs, d.dev.ReleasePrimaryCtx())
	d.open = false
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("cuda: closing %s: %w", d.name, err)
	}
	return nil
}

// errDeviceClosed is returned by calls on a closed Device.
var errDeviceClosed = errors.New("cuda: device used after Close")

// do runs fn on an OS thread with the device's context current, one call at a time.
func (d *Device) do(fn func() error) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.open {
		return errDeviceClosed
	}
	return d.doLocked(fn)
}

func (d *Device) doLocked(fn func() error) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := cu.SetCurrentContext(d.ctx); err != nil {
		return fmt.Errorf("cuda: making the context current: %w", err)
	}
	return fn()
}

// args holds kernel arguments, each in an 8-byte slot as cu.Function.Launch reads them; the
// driver takes from each slot as many leading bytes as the parameter's size.
type args []uint64

func (a args) ptr(p cu.DevicePtr) args { return append(a, uint64(p)) }
func (a args) i32(v int) args          { return append(a, uint64(uint32(int32(v)))) }
func (a args) f64(v float64) args      { return append(a, math.Float64bits(v)) }
func (a args) f32(v float32) args      { return append(a, uint64(math.Float32bits(v))) }

// launch runs kernel name on the default stream; it must be called inside do.
func (d *Device) launch(name string, grid, block [2]int, a args) error {
	f, ok := d.fn[name]
	if !ok {
		return fmt.Errorf("cuda: kernel %s not loaded", name)
	}
	params := make([]unsafe.Pointer, len(a))
	for i := range a {
		params[i] = unsafe.Pointer(&a[i])
	}
	err := f.Launch(grid[0], grid[1], 1, block[0], block[1], 1, 0, cu.Stream{}, params)
	if err != nil {
		return fmt.Errorf("cuda: launching %s (grid %v, block %v): %w", name, grid, block, err)
	}
	return nil
}

// sync waits for the device; it must be called inside do. Faults of earlier launches are
// reported here.
func (d *Device) sync(what string) error {
	if err := cu.Synchronize(); err != nil {
		return fmt.Errorf("cuda: %s on %s: %w", what, d.name, err)
	}
	return nil
}

// buffer is device memory of a fixed size in bytes.
type buffer struct {
	ptr   cu.DevicePtr
	bytes int64
}

// ensure makes b hold at least bytes, reallocating (without keeping the contents) when it is
// smaller. It must be called inside do.
func (b *buffer) ensure(bytes int64) error {
	if b.bytes >= bytes && b.ptr != 0 {
		return nil
	}
	if b.ptr != 0 {
		if err := cu.MemFree(b.ptr); err != nil {
			return fmt.Errorf("cuda: freeing device memory: %w", err)
		}
		b.ptr, b.bytes = 0, 0
	}
	p, err := cu.MemAlloc(bytes)
	if err != nil {
		return fmt.Errorf("cuda: allocating %d bytes of device memory: %w", bytes, err)
	}
	b.ptr, b.bytes = p, bytes
	return nil
}

// free releases b; it must be called inside do.
func (b *buffer) free() error {
	if b.ptr == 0 {
		return nil
	}
	err := cu.MemFree(b.ptr)
	b.ptr, b.bytes = 0, 0
	return err
}

// upload copies n elements of size elem at host address p into b.
func (b *buffer) upload(p unsafe.Pointer, n int, elem int64) error {
	if n == 0 {
		return nil
	}
	if err := cu.MemcpyHtoD(b.ptr, p, int64(n)*elem); err != nil {
		return fmt.Errorf("cuda: copying %d bytes to the device: %w", int64(n)*elem, err)
	}
	return nil
}

// download copies n elements of size elem from b to host address p.
func (b *buffer) download(p unsafe.Pointer, n int, elem int64) error {
	if n == 0 {
		return nil
	}
	if err := cu.MemcpyDtoH(p, b.ptr, int64(n)*elem); err != nil {
		return fmt.Errorf("cuda: copying %d bytes from the device: %w", int64(n)*elem, err)
	}
	return nil
}

// ceilDiv returns ⌈a/b⌉ for a ≥ 0, b > 0.
func ceilDiv(a, b int) int { return (a + b - 1) / b }
