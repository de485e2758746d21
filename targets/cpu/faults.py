"""Memory faults inside CPU kernels end the launch with DeviceFaultError, not the process.

A kernel's entry (codegen.py) registers a jump buffer for its thread under a pthread key and calls
`_setjmp` before it runs any program. The SIGSEGV/SIGBUS handler below, LLVM IR compiled once per process,
looks the faulting thread's buffer up and `longjmp`s back to that entry, which records the signal, the
address and the program in the launch's status words and returns; the launcher raises. A fault in a thread
that runs no kernel goes on to the handler installed before pantile's (Python's faulthandler, or the
default action that ends the process), as if pantile's were not there.

Unmasked accesses past an array may have written over other memory before one of them faulted, so after
a fault of a kernel that stores or updates memory every later CPU launch of the process is refused, as the
CUDA driver refuses launches after an illegal address. Debug builds check every access against its array
before it happens (passes/bounds.py, targets/cpu/bounds.py), so what they report wrote nothing out of bounds:
the extents of the arrays they are given and the errors of their checks are made here too.
"""
from __future__ import annotations

import ctypes
import signal
import sys
import threading
from typing import Any, Optional, Sequence

import llvmlite.binding as llvm
import numpy as np

from pantile.targets.base import DeviceFaultError
from pantile.targets.host_staging import byte_extent
from pantile.targets.out_of_bounds import out_of_bounds, outside_every_array, program_element

# What each signal caught means, as errors say it.
SIGNALS = {signal.SIGSEGV: ("segmentation fault (SIGSEGV)", "memory the process does not have (an unmasked access "
                                                           "beyond an array, or a wrong offset or pointer)"),
           signal.SIGBUS: ("bus error (SIGBUS)", "memory that is mapped but cannot be read or written (an array "
                                                 "over a file that has shrunk)")}
KEY_SYMBOL = "pantile_fault_key"      # the pthread key the kernels read
# pthread_key_t: unsigned int in glibc, unsigned long on macOS (where no handler is installed, but kernels
# register their jump buffers all the same)
KEY_TYPE = ctypes.c_uint64 if sys.platform == "darwin" else ctypes.c_uint32
JUMP_BYTES = 512                      # room for a glibc jmp_buf (200 bytes on x86-64, 312 on AArch64)
# A kernel entry's context: the jump buffer, then the fault address the handler leaves, then the linear id of
# the program running (volatile: read after the jump).
CONTEXT_BYTES = JUMP_BYTES + 16
ADDRESS_AT = JUMP_BYTES
PROGRAM_AT = JUMP_BYTES + 8
SI_ADDR_AT = 16                       # offset of si_addr in Linux's siginfo_t (x86-64 and AArch64)
SA_SIGINFO, SA_NODEFER = 4, 0x40000000
WORD = (1 << 64) - 1
RESTART = ("restart the process to run CPU kernels again (other targets keep working); launch the kernel "
           "with debug=True (or PANTILE_DEBUG=1) to have every load and store checked against its array, "
           "naming the line and program")


class _Sigaction(ctypes.Structure):
    """glibc's struct sigaction on Linux (x86-64 and AArch64)."""

    _fields_ = [("handler", ctypes.c_void_p), ("mask", ctypes.c_ulong * 16), ("flags", ctypes.c_int),
                ("restorer", ctypes.c_void_p)]


# The handler: a thread inside a kernel has a context under the key; any other fault goes to the action that
# was installed before (called, or put back so that the faulting instruction, run again, meets it).
_HANDLER_IR = """
@{key} = external global i32
@pantile_fault_previous = global [{signals} x [{action} x i8]] zeroinitializer, align 16
declare ptr @pthread_getspecific(i32)
declare void @longjmp(ptr, i32) noreturn
declare i32 @sigaction(i32, ptr, ptr)

define void @pantile_fault_handler(i32 %sig, ptr %info, ptr %uc) {{
entry:
  %key = load i32, ptr @{key}
  %ctx = call ptr @pthread_getspecific(i32 %key)
  %ours = icmp ne ptr %ctx, null
  br i1 %ours, label %jump, label %chain
jump:
  %si_addr = getelementptr i8, ptr %info, i64 {si_addr}
  %address = load ptr, ptr %si_addr
  %slot = getelementptr i8, ptr %ctx, i64 {address_at}
  store volatile ptr %address, ptr %slot
  call void @longjmp(ptr %ctx, i32 %sig)
  unreachable
chain:
  %index = sext i32 %sig to i64
  %previous = getelementptr [{signals} x [{action} x i8]], ptr @pantile_fault_previous, i64 0, i64 %index
  %handler = load ptr, ptr %previous
  %number = ptrtoint ptr %handler to i64
  %callable = icmp ugt i64 %number, 1
  br i1 %callable, label %call, label %restore
call:
  call void %handler(i32 %sig, ptr %info, ptr %uc)
  ret void
restore:
  call i32 @sigaction(i32 %sig, ptr %previous, ptr null)
  ret void
}}
"""

_lock = threading.Lock()
_state: dict[str, Any] = {}
poisoned: Optional[str] = None        # why CPU launches are refused, once a kernel that writes has faulted


def install() -> None:
    """Make the pthread key the kernels read (registered for the JIT linker) and install the handler; once."""
    if "key" in _state:
        return
    with _lock:
        if "key" in _state:
            return
        libc = ctypes.CDLL(None, use_errno=True)
        key = KEY_TYPE()
        if libc.pthread_key_create(ctypes.byref(key), None) != 0:
            raise OSError(ctypes.get_errno(), "pthread_key_create failed")
        llvm.add_symbol(KEY_SYMBOL, ctypes.addressof(key))
        if sys.platform.startswith("linux"):
            _install_handler(libc)
        _state["key"] = key            # kept alive: the kernels read it at this address


def _install_handler(libc: Any) -> None:
    from .engine import new_host_machine   # LLVM is initialised there
    signals = max(SIGNALS) + 1
    text = _HANDLER_IR.format(key=KEY_SYMBOL, signals=signals, action=ctypes.sizeof(_Sigaction), si_addr=SI_ADDR_AT,
                              address_at=ADDRESS_AT)
    engine = llvm.create_mcjit_compiler(llvm.parse_assembly(text), new_host_machine(opt_level=0))
    engine.finalize_object()
    previous = engine.get_global_value_address("pantile_fault_previous")
    action = _Sigaction(handler=engine.get_function_address("pantile_fault_handler"),
                        flags=SA_SIGINFO | SA_NODEFER)    # no mask to restore after the jump
    for number in SIGNALS:
        if libc.sigaction(int(number), ctypes.byref(action),
                          ctypes.c_void_p(previous + number * ctypes.sizeof(_Sigaction))) != 0:
            raise OSError(ctypes.get_errno(), f"sigaction({number.name}) failed")
    _state["engine"] = engine      # the handler's code lives as long as the process


def fault_error(kernel: str, signal_number: int, program: tuple[int, int, int], address: int,
                writes: bool) -> DeviceFaultError:
    """The error of a launch of `kernel` whose `program` faulted at `address`; refuses later CPU launches
    when the kernel writes memory (earlier stores may have gone astray)."""
    global poisoned
    what, reached = SIGNALS.get(signal_number, (f"signal {signal_number}", "memory it may not access"))
    where = program_element(program, None)
    at = f"address {address:#x}" if address else "address 0x0 (null, or beyond the address space)"
    text = f"CPU kernel {kernel} faulted: {what} at {at} in {where}: a load or store reached {reached}"
    if not writes:
        return DeviceFaultError(f"{text}. The kernel writes no memory, so nothing was corrupted; launch it with "
                                f"debug=True (or PANTILE_DEBUG=1) to have every load checked against its array, "
                                f"naming the line and program")
    poisoned = f"CPU kernel {kernel} faulted ({what} at {at} in {where})"
    return DeviceFaultError(f"{text}. Its stores may have written over other memory before the fault, so every "
                            f"later CPU launch in this process is refused; {RESTART}")


def refusal(kernel: str) -> DeviceFaultError:
    """The error of a CPU launch after a fault that may have corrupted memory."""
    return DeviceFaultError(f"CPU kernel {kernel} cannot run: memory may be corrupted since {poisoned}; {RESTART}")


UNCHECKED = (-(1 << 63), (1 << 63) - 1)     # the extent of an argument that is no array pantile can see


def extent_words(args: Sequence[Any]) -> list[int]:
    """The words a debug build's bounds checks read after the argument words: for each argument the bytes
    [low, high) its array's elements occupy relative to its address (every byte for anything but a numpy
    array)."""
    words = []
    for x in args:
        low, high = byte_extent(x.shape, x.strides, x.itemsize) if isinstance(x, np.ndarray) else UNCHECKED
        words += [low & WORD, high & WORD]
    return words


def out_of_bounds_error(check: dict, status: Any, args: Sequence[Any], names: Sequence[str]) -> DeviceFaultError:
    """The error of a bounds check (`check`, from the artifact's metadata) that stopped a launch; nothing was
    accessed out of bounds, so later launches run."""
    where = program_element(tuple(status[2:5]), status[5] if check["block"] else None)
    value = status_word64(status, 6)
    value -= (value >> 63) << 64
    arg = check["arg"]
    if arg < 0:
        return DeviceFaultError(outside_every_array(check["file"], check["line"], check["access"], where,
                                                    value & WORD))
    array = args[arg]
    low, high = byte_extent(array.shape, array.strides, array.itemsize)
    return DeviceFaultError(out_of_bounds(check["file"], check["line"], check["access"], where, value, check["size"],
                                          check["type"], names[arg], array.size, array.itemsize,
                                          check["array_type"], low, high))


def status_word64(status: Any, at: int) -> int:
    """The unsigned 64-bit value the kernel wrote as two i32 status words, low half at `at`."""
    return (status[at] & 0xFFFFFFFF) | (status[at + 1] & 0xFFFFFFFF) << 32
