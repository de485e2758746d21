"""The CUDA context pantile launches in, and what a fault inside a kernel does to it.

pycuda works in the primary context of device 0 (the one the CUDA runtime and
torch use), retained and made current once; kernels load and launch in the
primary context of the device their arrays are on (libcuda.py). A fault inside a kernel (an illegal
address, a failed device assertion, a trap) is a "sticky" error: the CUDA driver
keeps it for the rest of the process, in this context and in any context made
later (the documentation of CUDA_ERROR_ILLEGAL_ADDRESS: "the process must be
terminated and relaunched"). So pantile raises the fault once, remembers it,
and refuses every later CUDA launch of the process at once, without calling
into the broken context again. Host code and other targets keep working.
"""
from __future__ import annotations

import atexit
from typing import Any, Optional

from pantile.targets.base import DeviceAssertionError, DeviceFaultError

DEVICE = 0
# cuGetErrorString's words for the errors that leave a context unusable ("sticky" errors).
STICKY_ERRORS = (
    "an illegal memory access was encountered",          # CUDA_ERROR_ILLEGAL_ADDRESS
    "device-side assert triggered",                      # CUDA_ERROR_ASSERT
    "hardware stack error",                              # CUDA_ERROR_HARDWARE_STACK_ERROR
    "an illegal instruction was encountered",            # CUDA_ERROR_ILLEGAL_INSTRUCTION
    "misaligned address",                                # CUDA_ERROR_MISALIGNED_ADDRESS
    "operation not supported on global/shared address space",   # CUDA_ERROR_INVALID_ADDRESS_SPACE
    "invalid program counter",                           # CUDA_ERROR_INVALID_PC
    "unspecified launch failure",                        # CUDA_ERROR_LAUNCH_FAILED (a trap)
    "the launch timed out and was terminated",           # CUDA_ERROR_LAUNCH_TIMEOUT
    "uncorrectable ECC error encountered",               # CUDA_ERROR_ECC_UNCORRECTABLE
)
ASSERT_ERROR = "device-side assert triggered"
RESTART = "restart the process to use the GPU again (host code, CPU-target kernels and other targets keep working)."
KEPT = f"The CUDA driver keeps this error for the rest of the process; {RESTART}"
_state: dict[str, Any] = {}


def driver() -> Any:
    """pycuda.driver with the primary context of device 0 current (retained once)."""
    if "cuda" not in _state:
        import pycuda.driver as cuda
        cuda.init()
        dev = cuda.Device(DEVICE)
        ctx = dev.retain_primary_context()
        ctx.push()
        atexit.register(_pop_at_exit)   # pycuda aborts at exit while a context is still on its stack
        _state.update(cuda=cuda, device=dev, context=ctx)
    return _state["cuda"]


def device_name() -> str:
    """The name of device 0 ('NVIDIA H100 80GB HBM3'), asked of the driver without a context where none is made
    yet: a target made only to compile (in a compile pool's worker) retains none, so it neither waits for one nor
    holds GPU memory."""
    if "device" in _state:
        return _state["device"].name()
    import pycuda.driver as cuda
    cuda.init()
    return cuda.Device(DEVICE).name()


def libcuda() -> Any:
    """The driver calls made through ctypes (libcuda.py): module loads and launches, on any device and stream."""
    if "lib" not in _state:
        from .libcuda import LibCuda
        _state["lib"] = LibCuda()
    return _state["lib"]


def _pop_at_exit() -> None:
    if "context" in _state:   # after a fault, record_fault already took it off pycuda's stack
        _state["cuda"].Context.pop()


def device_limits() -> dict[str, Any]:
    """Limits and figures of device 0."""
    if "limits" not in _state:
        cuda = driver()
        dev = _state["device"]
        attr = cuda.device_attribute
        _state["limits"] = {
            "name": dev.name(),
            "capability": dev.compute_capability(),
            "max_threads": dev.get_attribute(attr.MAX_THREADS_PER_BLOCK),
            "max_grid": (dev.get_attribute(attr.MAX_GRID_DIM_X), dev.get_attribute(attr.MAX_GRID_DIM_Y),
                         dev.get_attribute(attr.MAX_GRID_DIM_Z)),
            "max_shared_optin": dev.get_attribute(attr.MAX_SHARED_MEMORY_PER_BLOCK_OPTIN),
            "registers_per_block": dev.get_attribute(attr.MAX_REGISTERS_PER_BLOCK),
            "sm_count": dev.get_attribute(attr.MULTIPROCESSOR_COUNT),
        }
    return _state["limits"]


def is_sticky(error: Exception) -> bool:
    """True when a driver error means a kernel faulted and the context is unusable."""
    text = str(error)
    return any(words in text for words in STICKY_ERRORS)


def record_fault(kernel: str, error: Exception) -> Exception:
    """Remember that `kernel` faulted with the sticky driver `error`, let go of the broken context, and return
    the exception to raise: DeviceAssertionError for a failed device_assert, else DeviceFaultError."""
    if ASSERT_ERROR in str(error):
        _state["fault"] = f"a device assertion failed in CUDA kernel {kernel} ({error})"
        found: Exception = DeviceAssertionError(
            f"CUDA kernel {kernel}: a device assertion failed ({error}); the device printed the assertion's file, "
            f"line and message on stdout. {KEPT}")
    else:
        _state["fault"] = f"CUDA kernel {kernel} faulted on the device ({error})"
        found = DeviceFaultError(f"CUDA kernel {kernel} faulted on the device: {error}. {KEPT}")
    ctx = _state.pop("context", None)
    if ctx is not None:
        # Detaching the current context releases pantile's retain of it, takes it off pycuda's stack (nothing left
        # to pop at exit), and makes pycuda skip, silently, the clean-up of the modules and allocations made in
        # it, which would only fail and print warnings.
        ctx.detach()
    return found


def check_usable(kernel: str) -> None:
    """Raise DeviceFaultError when an earlier kernel faulted: the driver refuses all CUDA work from then on."""
    fault: Optional[str] = _state.get("fault")
    if fault is not None:
        raise DeviceFaultError(f"CUDA kernel {kernel} cannot run: the GPU is unusable for the rest of the process "
                               f"since {fault}; {RESTART}")


def culprit(kernel: str, launched: bool) -> str:
    """Which kernel a sticky error belongs to: `kernel` once it was launched, else the one launched before it."""
    previous: Optional[str] = _state.get("last_kernel")
    if launched or previous is None:
        return kernel
    return f"{previous} (launched before {kernel}, whose launch found the error)"


def launched(kernel: str) -> None:
    """Record the kernel launched last, to name it when a later call finds its fault."""
    _state["last_kernel"] = kernel
