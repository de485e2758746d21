"""The CPU target: pt IR -> LLVM IR -> host object code, run by an LLVM JIT on a thread pool."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional

import numpy as np

from pantile.ir import Module
from pantile.ir.types import SCALAR_NAMES
from pantile.ir.dialect_pt import RMW_KINDS
from pantile.targets import dlpack
from pantile.targets.atomic_types import INTEGER_TYPES
from pantile.targets.base import (Artifact, Capabilities, CompileOptions, Launcher, Requirement, Target,
                                  ValidationError)
from pantile.targets.kernel_args import arg_specs, kernel_function
from pantile.targets.launch.launcher import SharedLauncher
from pantile.targets.llvm import VectorMath
from pantile.targets.llvm.back_ends import back_end

from .cost import RooflineCostModel
from .baselines import BASELINES, BUNDLED, Baseline, host_runs
from .engine import LLVMInternalError, emit_object, host_description, host_features, host_triple, parse_and_verify
from .launcher import CpuRuntime, thread_count

OPT_LEVEL = 3
# A program's blocks live in its thread's scratch arena; the core's L2 cache is what keeps them close, so it
# stands for shared memory in occupancy formulas (Triton's tutorials divide it by a kernel's scratch).
L2_CACHE_FILE = "/sys/devices/system/cpu/cpu0/cache/index2/size"
DEFAULT_L2_BYTES = 1 << 20
# Architectural registers of one core (general-purpose and vector, x86-64 with AVX-512 or AArch64).
CORE_REGISTERS = 64


def host_machine_name() -> str:
    """This host's instruction set as the triple names it: 'x86_64', 'aarch64'."""
    return host_triple()[0].split("-")[0]


def l2_cache_bytes() -> int:
    """The L2 cache of one core, from sysfs (1 MiB where the host does not tell)."""
    try:
        text = open(L2_CACHE_FILE).read().strip()
    except OSError:
        return DEFAULT_L2_BYTES
    scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(text[-1:], 1)
    digits = text.rstrip("KMG")
    return int(digits) * scale if digits.isdigit() else DEFAULT_L2_BYTES

CAPABILITIES = Capabilities(
    warp_size=1,
    max_threads_per_program=1,
    shared_memory_bytes=l2_cache_bytes(),
    # Every type computes; bf16 and fp8 are held as bits and computed in f32 with one
    # round-to-nearest-even per op (the host has no arithmetic on them).
    dtypes=frozenset(SCALAR_NAMES),
    dot_dtypes=frozenset({"f16", "bf16", "f32", "f64", "f8e4m3", "f8e5m2", "i8", "u8", "i16", "i32"}),
    atomic_kinds=frozenset(RMW_KINDS + ("cas", "load", "store")),
    atomic_dtypes=frozenset(INTEGER_TYPES + ("f16", "bf16", "f32", "f64")),   # bf16: compare-exchange loops
    multiprocessor_count=thread_count(),
    checks_bounds_in_debug=True,
    clock=True,                              # clock_gettime
    registers_per_multiprocessor=CORE_REGISTERS,
    extra={"fp8": "software conversion; f8e4m3 is the 'fn' variant and saturates at +-448",
           "dot_accumulate": "f32 for float inputs (f64 for f64), i32 for integer inputs"},
)


_RUNTIME = CpuRuntime()   # the host needs no driver state: one runtime serves every CPU launcher


class CpuTarget(Target):
    """The host CPU (x86-64 or AArch64), through llvmlite: `cpu` makes code for this host's CPU and features,
    `cpu:x86-64-v3` (a named baseline) for every CPU of that level."""

    name = "cpu"
    arch = "cpu"
    baseline: Optional[Baseline] = None
    capabilities = CAPABILITIES
    dlpack_device_types = frozenset({dlpack.kDLCPU})
    torch_device = "cpu"

    def __init__(self, baseline: Optional[Baseline] = None) -> None:
        if baseline is not None:
            self.baseline, self.arch = baseline, f"cpu:{baseline.name}"
        self.cost_model = RooflineCostModel()
        self._math = VectorMath()

    def cache_tag(self) -> str:
        """Object code is made for this host's CPU and features, or for the baseline alone."""
        return host_description() if self.baseline is None else f"{host_triple()[0]} {self.baseline.llvm_cpu}"

    def compatibility(self, arch: str) -> Optional[int]:
        """Code for this target's own arch first, then baseline code this host runs, the highest level first."""
        if arch == self.arch:
            return 0
        found = BASELINES.get(arch.partition(":")[2]) if arch.startswith("cpu:") else None
        return None if found is None else host_runs(found, host_machine_name(), host_features())

    def bundle_archs(self) -> tuple[str, ...]:
        """For `cpu`, the baselines of this host's instruction set (a fast level and the portable fallback): code
        for the building host's own CPU would not run on every machine the bundle goes to."""
        if self.baseline is not None:
            return (self.arch,)
        return tuple(f"cpu:{name}" for name in BUNDLED.get(host_machine_name(), ())) or (self.arch,)

    def pipeline(self, options: CompileOptions) -> list:
        """The atomics and inline-assembly checks, and in debug builds a bounds check before every access: the
        lowering takes target-neutral IR."""
        from pantile.passes.bounds import CheckBounds      # the compiler loads only when compiling
        from pantile.targets.atomics import CheckAtomics
        from pantile.targets.inline_asm import CheckInlineAsm
        return [CheckAtomics(self.arch), CheckInlineAsm(self.arch)] + ([CheckBounds()] if options.debug else [])

    def emit(self, module: Module, options: CompileOptions) -> Artifact:
        """Host object code for the module's kernel (the LLVM IR is kept in `asm['llir']`)."""
        lowered = self.preview(module, options)
        obj, optimised = emit_object(lowered.asm["llir"], OPT_LEVEL,
                                     cpu=self.baseline.llvm_cpu if self.baseline else "")
        return replace(lowered, format="object", binary=obj, asm={**lowered.asm, "llir_opt": optimised})

    def preview(self, module: Module, options: CompileOptions) -> Artifact:
        """The lowering's LLVM IR, scratch and work per program, before LLVM's back end (no binary)."""
        func = kernel_function(module)
        from .codegen import lower_module   # the compiler loads only when compiling
        text, meta = lower_module(module, self._math, options.debug)
        return Artifact(target=self.arch, kernel_name=func.attributes["sym_name"], format="preview", binary=b"",
                        args=arg_specs(func), num_warps=1, shared_memory=int(meta["scratch_bytes"]), metadata=meta,
                        asm={"llir": text})

    def validate(self, artifact: Artifact) -> None:
        """Run LLVM's verifier over the artifact's IR."""
        try:
            parse_and_verify(artifact.asm["llir"])
        except LLVMInternalError as err:
            raise ValidationError(str(err)) from None
        if not artifact.binary:
            raise ValidationError(f"{artifact.kernel_name}: empty object code")

    def launcher(self, artifact: Artifact) -> Launcher:
        """Load the object code into a JIT and return the launcher."""
        return SharedLauncher(_RUNTIME, artifact)

    def requirements(self) -> tuple[Requirement, ...]:
        """LLVM's back end for this host, which compiles and runs every kernel."""
        triple, cpu = host_triple()
        return (back_end(triple, f"host ({triple}, {cpu})"),)

    def owns(self, array: Any) -> bool:
        """numpy arrays, and arrays whose DLPack device is host memory (CPU tensors)."""
        return isinstance(array, np.ndarray) or super().owns(array)
