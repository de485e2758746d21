"""The target contract: what every hardware target supplies to the core.

A target is one sub-package and one object registered under the
`pantile.targets` entry-point group (`name = "pkg.module:make_target"`,
where `make_target(arch: str) -> Target`). The core asks the target; it
never switches on target names.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from pantile.errors import TritonError
from pantile.ir import Module, Type

from .dlpack import device_of
from .out_of_bounds import program_element

# The version of this contract (Target, Capabilities, Artifact, Launcher, CostModel and what the core calls on
# them). A plug-in declares the version it was written for as `contract_version`; the registry refuses one that
# differs. Raise it when a change would break a target written against the old contract.
CONTRACT_VERSION = 1


@dataclass(frozen=True)
class Capabilities:
    """What a target can do; tests and conformance derive their skips from it."""

    warp_size: int                        # threads that execute in lock-step (1 on the CPU)
    max_threads_per_program: int
    shared_memory_bytes: int              # per program
    dtypes: frozenset[str]                # scalar type names the target computes with
    dot_dtypes: frozenset[str]            # input element types pt.dot accepts
    atomic_kinds: frozenset[str]          # pt.atomic_rmw kinds, "cas", "load" and "store" (atomic_poll needs "load")
    max_grid: tuple[int, int, int] = (2**31 - 1, 65535, 65535)
    tensor_core_shapes: tuple[tuple[int, int, int], ...] = ()
    unsupported_math: frozenset[str] = frozenset()   # "function:dtype" pairs it cannot compute, e.g. "sin:f64"
    atomic_dtypes: frozenset[str] = frozenset()      # element types atomics work on
    assert_is_fatal: bool = False         # a failed device_assert breaks the device for the rest of the process
    multiprocessor_count: int = 1         # units that run programs at once (SMs, compute units, CPU threads)
    registers_per_multiprocessor: int = 0   # 32-bit registers one unit holds for its resident programs
    needs_gpu: bool = False               # executes only on a GPU, which CI machines lack: tests skip it there
    simt: bool = False                    # runs programs as threads through the shared SIMT lowering
    device_print: bool = True             # tl.device_print / print work in kernels
    device_assert: bool = True            # debug builds check tl.device_assert (without debug it is compiled out)
    clock: bool = False                   # kernels read a nanosecond clock (tl.atomic_poll's timeout_ns)
    inline_asm: str = ""                  # the assembly tl.inline_asm_elementwise takes ("ptx"); "": none
    # debug builds check every load, store and atomic against its array before it happens, raising
    # DeviceFaultError naming the file, line, program, element and offset (targets/out_of_bounds.py)
    checks_bounds_in_debug: bool = False
    # what f32 dot inputs are rounded to at Triton's default input_precision, "tf32": "tf32" where tensor cores
    # take them (10 mantissa bits, to nearest with ties away, as cvt.rna.tf32.f32), else "f32"
    f32_dot_inputs: str = "f32"
    extra: dict[str, Any] = field(default_factory=dict)

    def unsupported(self, dtypes: Sequence[str] = (), dot: Sequence[str] = (), atomics: Sequence[str] = (),
                    math: Sequence[str] = (), atomic_dtypes: Sequence[str] = (),
                    recoverable_assert: bool = False, bounds_checks: bool = False, device_print: bool = False,
                    device_assert: bool = False, clock: bool = False) -> Optional[str]:
        """Why a case that needs these features (`recoverable_assert`: a process that goes on after a failed
        device_assert; `bounds_checks`: accesses checked in debug builds; `clock`: a clock kernels read; `device_print`;
        `device_assert`: asserts checked in debug builds) cannot run here, or None."""
        for d in dtypes:
            if d not in self.dtypes:
                return f"dtype {d} not in capabilities.dtypes"
        for d in dot:
            if d not in self.dot_dtypes:
                return f"dot on {d} not in capabilities.dot_dtypes"
        for a in atomics:
            if a not in self.atomic_kinds:
                return f"atomic {a} not in capabilities.atomic_kinds"
        for m in math:
            if m in self.unsupported_math:
                return f"math {m} in capabilities.unsupported_math"
        for d in atomic_dtypes:
            if d not in self.atomic_dtypes:
                return f"atomics on {d} not in capabilities.atomic_dtypes"
        if device_print and not self.device_print:
            return "tl.device_print is not available (capabilities.device_print)"
        if (device_assert or recoverable_assert) and not self.device_assert:
            return "debug builds cannot check tl.device_assert (capabilities.device_assert)"
        if recoverable_assert and self.assert_is_fatal:
            return "a failed device_assert is fatal to the device context (capabilities.assert_is_fatal)"
        if clock and not self.clock:
            return "kernels cannot read a clock (capabilities.clock)"
        if bounds_checks and not self.checks_bounds_in_debug:
            return "debug builds do not check accesses against their arrays (capabilities.checks_bounds_in_debug)"
        return None

    def device_properties(self) -> dict[str, int]:
        """The figures Triton's `driver.active.utils.get_device_properties()` gives, under its key names."""
        return {"multiprocessor_count": self.multiprocessor_count, "max_shared_mem": self.shared_memory_bytes,
                "max_num_regs": self.registers_per_multiprocessor, "warpSize": self.warp_size,
                "max_threads_per_sm": self.max_threads_per_program}


@dataclass(frozen=True)
class CompileOptions:
    """Options that change the generated code (all part of the cache key)."""

    num_warps: int = 4
    num_stages: int = 3
    debug: bool = False                   # keep device_assert checks
    max_registers: Optional[int] = None   # Triton's maxnreg: a cap on registers per thread (ignored without one)
    extra: tuple[tuple[str, Any], ...] = ()

    def key(self) -> str:
        return repr((self.num_warps, self.num_stages, self.debug, self.max_registers, self.extra))


@dataclass(frozen=True)
class ArgSpec:
    """One kernel argument as the launcher sees it (constexprs are compiled in and absent)."""

    name: str
    type: Type
    writes: bool = False                   # the kernel may store through this pointer


@dataclass
class Artifact:
    """A compiled kernel: the binary plus what the launcher needs."""

    target: str                            # arch, e.g. "cpu", "cuda:sm_90a"
    kernel_name: str
    format: str                            # "object", "ptx", "cubin", "spirv", "hsaco"
    binary: bytes
    args: tuple[ArgSpec, ...]
    num_warps: int = 1
    shared_memory: int = 0
    metadata: dict[str, Any] = field(default_factory=dict)   # JSON-serialisable extras
    asm: dict[str, str] = field(default_factory=dict)        # text forms: "llir", "ptx", ...


# The kinds of work a target may be able to do on a machine, from least to most demanding.
COMPILE, VALIDATE, EXECUTE = "compile", "validate", "execute"


@dataclass(frozen=True)
class Requirement:
    """Something a target needs on this machine for one kind of work: whether it is here, and how to get it.

    The install fields are data, so the core can write the exact command for how pantile itself is
    installed (an editable clone or a wheel)."""

    what: str                              # "ptxas", "pycuda and an NVIDIA GPU with its driver"
    needed_for: str                        # COMPILE, VALIDATE or EXECUTE
    found: str = ""                        # what is here (a version, a path, a device); "" when missing
    missing: str = ""                      # why it is not usable; "" when it is
    extra: str = ""                        # pantile's optional-dependency group that installs it ("cuda")
    pip: tuple[str, ...] = ()              # pip arguments that install it otherwise
    apt: tuple[str, ...] = ()              # Debian packages that install it
    advice: str = ""                       # what to do where no command can provide it (hardware, a driver)

    @property
    def ok(self) -> bool:
        """True when it is here and usable."""
        return not self.missing


class ValidationError(Exception):
    """An offline validator (ptxas, spirv-val, LLVM verifier ...) rejected an artifact."""


class OutOfResources(TritonError, ValueError):
    """A compiled kernel needs more of a device resource (shared memory, registers, threads) than a program may
    have; Triton's autotuner and users catch it by this name."""


class InterpreterError(TritonError):
    """A kernel failed while an interpreting target ran it (Triton's name for the interpreter's errors)."""


class DeviceAssertionError(AssertionError):
    """A device_assert failed in a kernel compiled with debug on; every target raises it after the launch."""

    @classmethod
    def at(cls, text: str, program: Sequence[int], element: Optional[int] = None) -> "DeviceAssertionError":
        """The error for assertion `text` ('file:line: device assertion failed: message') failing in `program`
        (its three ids) at `element` (the index in the block, where the target knows it)."""
        return cls(f"{text} ({program_element(program, element)})")


@dataclass(frozen=True)
class DeviceArray:
    """How the runtime sees an array of a target's device that has no host or CUDA address (an OpenCL buffer)."""

    device: str                            # the device, as errors name it
    address: int                           # a number with the alignment of the array's data (its specialization)
    to_host: str                           # the method that copies it to host memory, as errors suggest it


class DeviceFaultError(RuntimeError):
    """A kernel faulted on the device (illegal address, trap, ...); the message names the kernel, the driver's
    error and what became of the device context."""


class Launcher(ABC):
    """Runs one artifact: `launcher(grid, args)` with args in ArgSpec order."""

    @abstractmethod
    def __call__(self, grid: tuple[int, int, int], args: Sequence[Any], stream: Any = None) -> None:
        ...

    def launch(self, grid: tuple[int, int, int], args: Sequence[Any], addresses: Sequence[Optional[int]],
               stream: Any = None) -> None:
        """What the runtime calls: `addresses` holds the data address it already read from each array
        argument (None for the others), `stream` the launch's `stream=` (None: the target's choice). A launcher
        that passes host pointers uses them instead of reading them again (a microsecond each); the others need
        not override this."""
        self(grid, args, stream)


class CostModel(ABC):
    """Predicts a kernel's run time; the autotuner ranks configs with it."""

    @abstractmethod
    def predict(self, artifact: Artifact, grid: tuple[int, int, int], bytes_moved: float = 0.0,
                flops: float = 0.0) -> float:
        """Seconds the launch is expected to take."""

    def estimate(self, artifact: Artifact, grid: tuple[int, int, int], work: Any) -> Any:
        """The launch's predicted time and how it was reached (a targets.cost.Estimate) from the kernel's work
        (a passes.analysis.work.KernelWork). A model that knows only totals is asked through `predict`."""
        from .cost import Estimate, Occupancy
        seconds = self.predict(artifact, grid, work.bytes, work.total_flops)
        return Estimate(seconds=seconds, bound="not modelled", occupancy=Occupancy(1, 1.0, "not modelled"),
                        waves=1.0, units=1, record=f"{type(self).__name__}: totals only")


class Target(ABC):
    """One hardware target: pipeline, emission, validation, cost model and launcher."""

    name: str                              # family, the entry-point name: "cpu", "cuda", ...
    arch: str                              # full name: "cpu", "cuda:sm_90a", "intel:spirv"
    capabilities: Capabilities
    cost_model: CostModel
    contract_version: int = CONTRACT_VERSION   # a plug-in states its own; built-in targets inherit this
    torch_device: Optional[str] = None     # the torch device type whose tensors this target's kernels take
                                           # (None: the host target's)
    # The DLPack device types (pantile.targets.dlpack) of the arrays this target's driver can use in place:
    # launches with such an array run here unless a target is named.
    dlpack_device_types: frozenset[int] = frozenset()
    # The text forms of an artifact (keys of Artifact.asm) its launcher reads: an ahead-of-time bundle keeps them
    # and, unless asked to keep every form, only them.
    launch_texts: tuple[str, ...] = ()
    # True where the pipeline copies tiles of descriptor arguments whole (TMA): the neutral pipeline then keeps
    # their 2-D loads (passes/tensor_memory.py) and the target lowers those it does not copy.
    copies_descriptor_tiles: bool = False

    @abstractmethod
    def pipeline(self, options: CompileOptions) -> list:
        """The passes (pantile.passes.Pass) from target-neutral IR to what `emit` takes."""

    @abstractmethod
    def emit(self, module: Module, options: CompileOptions) -> Artifact:
        """The binary artifact for the module's kernel."""

    def preview(self, module: Module, options: CompileOptions) -> Optional[Artifact]:
        """What the cost model reads of the module's artifact, made without the back end (no binary: the target's
        own estimates of registers and shared memory stand for its tools' figures), for ranking configs
        cheaply; None where the target makes none (the config is then compiled fully to be ranked)."""
        return None

    @abstractmethod
    def validate(self, artifact: Artifact) -> None:
        """Check the artifact offline; raise ValidationError with the tool's message."""

    @abstractmethod
    def launcher(self, artifact: Artifact) -> Launcher:
        """A callable that loads the artifact and launches it."""

    def arch_id(self) -> Any:
        """The architecture as Triton's `GPUTarget.arch` gives it (a compute capability number on NVIDIA)."""
        return self.arch.split(":", 1)[-1]

    def family_archs(self) -> tuple[str, ...]:
        """Every arch of this target's family that conformance and the offline tests cover."""
        return (self.arch,)

    def compatibility(self, arch: str) -> Optional[int]:
        """How well code built ahead of time for `arch` (of this family, from a bundle) runs on this target: 0
        for its own arch, a larger number for a fallback it can still run, None where it cannot run it."""
        return 0 if arch == self.arch else None

    def bundle_archs(self) -> tuple[str, ...]:
        """The archs a bundle built for this target holds (code that runs on the machines the target names)."""
        return (self.arch,)

    def cache_tag(self) -> str:
        """What the generated code depends on besides `arch` (the host CPU, the device); part of the cache key."""
        return ""

    def names_source_locations(self, options: CompileOptions) -> bool:
        """Whether code built with `options` names the user's file and line (debug builds' asserts and bounds
        checks do): such builds are cached per location, so a kernel's copy in another file names its own."""
        return options.debug

    def unavailable(self) -> Optional[str]:
        """Why kernels cannot execute on this machine (no device, no runtime), or None."""
        return None

    def devices(self) -> list[str]:
        """This machine's devices that kernels of this target execute on, in the driver's numbering, each in
        words ('NVIDIA H100 80GB HBM3'); empty where there are none or kernels run on the host."""
        return []

    def device_environment(self, index: int) -> dict[str, str]:
        """Environment variables that make a process started with them see only device `index` of
        `devices()` (as its first device); work spread over a host's devices starts one process per device."""
        return {}

    def requirements(self) -> tuple[Requirement, ...]:
        """What this target needs here beyond pantile's own dependencies, each found or missing with how to
        get it (`pantile targets` and `pantile doctor` show them; a launch refused for a missing one names it)."""
        return ()

    def owns(self, array: Any) -> bool:
        """True when `array` lives on this target's device (used to choose a target): by default, when its
        DLPack device type is one of `dlpack_device_types`."""
        device = device_of(array)
        return device is not None and device[0] in self.dlpack_device_types

    def synchronize(self) -> None:
        """Wait for the work queued on this target's device (benchmarks time launches with it)."""

    def device_array(self, array: Any) -> Optional[DeviceArray]:
        """The runtime's view of an array of this target's kind that has neither `data_ptr` nor
        `__cuda_array_interface__` (so @jit can pass it), or None for anything else."""
        return None
