"""The CUDA context pantile launches in, and what happens to it when a kernel faults.

Kernels run in the primary context of device 0 (the one the CUDA runtime and
torch use), retained and made current once. A fault inside a kernel (an illegal
address, a failed device assertion, a trap) makes that context unusable: every
later call returns the same error. When no other library that pantile knows of
(torch) has initialised CUDA in this process, pantile then releases and resets
the primary context, and the next launch retains a fresh one; launchers see the
new `generation()` and load their modules again. Device memory allocated before
the fault is gone. When torch shares the context, its tensors live there, so
pantile leaves the context alone and the error says to restart the process.
"""
from __future__ import annotations

import atexit
import ctypes
import sys
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
_state: dict[str, Any] = {"generation": 0}


def driver() -> Any:
    """pycuda.driver with the primary context of device 0 current (retained once per generation)."""
    if "context" not in _state:
        import pycuda.driver as cuda
        cuda.init()
        dev = cuda.Device(DEVICE)
        ctx = dev.retain_primary_context()
        ctx.push()
        if "cuda" not in _state:
            atexit.register(_pop_at_exit)   # pycuda aborts at exit while a context is still pushed
        _state.update(cuda=cuda, device=dev, context=ctx)
    return _state["cuda"]


def _pop_at_exit() -> None:
    if "context" in _state:
        _state["cuda"].Context.pop()


def generation() -> int:
    """How many times the context was replaced after a fault; modules loaded in an older one must be reloaded."""
    return _state["generation"]


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


def _torch_uses_cuda() -> bool:
    torch = sys.modules.get("torch")
    return torch is not None and torch.cuda.is_initialized()


def _reset() -> None:
    """Release the broken primary context and reset it, so that `driver()` retains a fresh one."""
    cuda, ctx = _state["cuda"], _state.pop("context")
    _state["generation"] += 1
    cuda.Context.pop()   # off pycuda's stack and this thread's
    # Detached, pycuda skips the clean-up of everything made in the old context (modules, allocations). It
    # releases a primary context after pushing it again and leaves it pushed: take it off.
    ctx.detach()
    libcuda = ctypes.CDLL("libcuda.so.1")
    _check(libcuda.cuCtxPopCurrent_v2(ctypes.byref(ctypes.c_void_p())), "cuCtxPopCurrent")
    device, flags, active = ctypes.c_int(), ctypes.c_uint(), ctypes.c_int()
    _check(libcuda.cuDeviceGet(ctypes.byref(device), DEVICE), "cuDeviceGet")
    _check(libcuda.cuDevicePrimaryCtxGetState(device, ctypes.byref(flags), ctypes.byref(active)),
           "cuDevicePrimaryCtxGetState")
    if active.value:   # another retain (a library pantile does not know of) kept it alive: reset it all the same
        _check(libcuda.cuDevicePrimaryCtxReset_v2(device), "cuDevicePrimaryCtxReset")


def _check(status: int, call: str) -> None:
    if status != 0:
        raise RuntimeError(f"{call} failed with CUresult {status}")


def fault_error(kernel: str, error: Exception) -> Exception:
    """The exception for a driver error that says `kernel` faulted: DeviceAssertionError for a failed
    device_assert, else DeviceFaultError; the context is reset first where that is safe."""
    if _torch_uses_cuda():
        after = ("The fault left the CUDA context unusable, and torch shares it, so pantile cannot reset it: "
                 "restart the process to use the GPU again.")
    else:
        try:
            _reset()
            after = ("The fault left the CUDA context unusable, so pantile reset it: device memory allocated "
                     "before the fault is gone, and the next launch runs in a fresh context.")
        except Exception as reset_error:   # whatever the driver says, the user needs the advice below
            after = (f"The fault left the CUDA context unusable, and resetting it failed ({reset_error}): restart "
                     "the process to use the GPU again.")
    if ASSERT_ERROR in str(error):
        return DeviceAssertionError(f"CUDA kernel {kernel}: a device assertion failed ({error}); the device "
                                    f"printed the assertion's file, line and message on stdout. {after}")
    return DeviceFaultError(f"CUDA kernel {kernel} faulted on the device: {error}. {after}")


def culprit(kernel: str, launched: bool) -> str:
    """Which kernel a sticky error belongs to: `kernel` once it was launched, else the one launched before it."""
    previous: Optional[str] = _state.get("last_kernel")
    if launched or previous is None:
        return kernel
    return f"{previous} (launched before {kernel}, whose launch found the error)"


def launched(kernel: str) -> None:
    """Record the kernel launched last, to name it when a later call finds its fault."""
    _state["last_kernel"] = kernel
