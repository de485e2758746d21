"""The interpreter target: the kernel's pt IR after the target-neutral passes, run with numpy."""
from __future__ import annotations

import hashlib
import math
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import ml_dtypes

from pantile.ir import (BlockType, Module, ParseError, ScalarType, VerificationError, parse_module, print_module,
                        verify)
from pantile.ir.dialect_pt import RMW_KINDS
from pantile.ir.types import SCALAR_NAMES
from pantile.targets.atomic_types import INTEGER_TYPES
from pantile.targets.base import (EXECUTE, Artifact, Capabilities, CompileOptions, CostModel, Launcher, Requirement,
                                  Target, ValidationError)
from pantile.targets.cost import Estimate, Occupancy
from pantile.targets.kernel_args import arg_specs, kernel_function
from pantile.targets.launch.launcher import SharedLauncher

from .launcher import BATCH_ELEMENTS, InterpreterRuntime

if TYPE_CHECKING:   # the work analysis is the compiler's: launching a compiled artifact must not load it
    from pantile.passes.analysis.work import KernelWork

ARCH = "interp"
CAPABILITIES = Capabilities(
    warp_size=1,
    max_threads_per_program=1,
    # A program's blocks are numpy arrays in host memory: no device limit, so a nominal 1 GiB for occupancy formulas.
    shared_memory_bytes=1 << 30,
    dtypes=frozenset(SCALAR_NAMES),
    dot_dtypes=frozenset({"f16", "bf16", "f32", "f64", "f8e4m3", "f8e5m2", "i8", "u8", "i16", "i32"}),
    atomic_kinds=frozenset(RMW_KINDS + ("cas", "load", "store")),
    atomic_dtypes=frozenset(INTEGER_TYPES + ("f16", "f32", "f64")),
    multiprocessor_count=1,                  # one Python thread runs the programs
    registers_per_multiprocessor=64,         # nominal, for Triton's occupancy formulas: one program at a time
    checks_bounds_in_debug=True,             # and in every other build
    clock=True,                              # time.perf_counter_ns
    extra={"fp8": "ml_dtypes; f8e4m3 is the 'fn' variant and saturates at +-448",
           "dot_accumulate": "f32 for float inputs (f64 for f64), i32 for integer inputs",
           "bounds_checked": "every load, store and atomic, against the array it points into"},
)
# Ops through which programs of one launch talk while they run: such kernels run one program at a time.
_CROSS_PROGRAM = ("pt.atomic_cas", "pt.atomic_load", "pt.atomic_store", "pt.atomic_poll")
SECONDS_PER_OP = 20e-6          # Python's cost of dispatching one op on a batch
ELEMENTS_PER_SECOND = 2e8       # numpy's throughput on an elementwise op
RECENT_MODULES = 16


@lru_cache(maxsize=None)
def source_hash() -> str:
    """A hash of the interpreter's own source: the cache key changes with it."""
    h = hashlib.sha256()
    for p in sorted(Path(__file__).parent.glob("*.py")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _memory_bytes(t) -> int:
    """Bytes one element of a block holds (pointers are 8)."""
    return max(1, t.bitwidth // 8) if isinstance(t, ScalarType) else 8


class InterpreterCostModel(CostModel):
    """Interpretive overhead per op per batch plus numpy's time on the elements."""

    def predict(self, artifact: Artifact, grid: tuple[int, int, int], bytes_moved: float = 0.0,
                flops: float = 0.0) -> float:
        """Seconds: ops times batches of dispatch, plus the elements' time."""
        meta = artifact.metadata
        programs = grid[0] * grid[1] * grid[2]
        elements = programs * meta["largest_block"] * meta["ops"]
        batches = programs if meta["sequential"] else max(1, elements // (1 << 18))
        return batches * meta["ops"] * SECONDS_PER_OP + max(elements, bytes_moved / 4, flops) / ELEMENTS_PER_SECOND


    def estimate(self, artifact: Artifact, grid: tuple[int, int, int], work: KernelWork) -> Estimate:
        """Seconds from the kernel's work: each operation a batch of programs runs costs a dispatch, and each
        element numpy's time."""
        meta = artifact.metadata
        programs = max(1, work.programs)
        batch = 1 if meta["sequential"] else max(1, BATCH_ELEMENTS // max(1, int(meta["largest_block"])))
        batches = math.ceil(programs / batch)
        dispatch = batches * work.per_program(work.operations) * SECONDS_PER_OP
        elements = (work.flops + work.int_ops + work.moved_elements + work.transcendentals + work.bytes / 4 +
                    sum(work.dot_flops.values()) / 2)
        numpy_time = elements / ELEMENTS_PER_SECOND
        bound = "Python dispatch" if dispatch > numpy_time else "numpy elements"
        return Estimate(dispatch + numpy_time, bound, Occupancy(batch, 1.0, "programs batched per numpy op"),
                        waves=batches, units=1, times={"dispatch": dispatch, "numpy": numpy_time},
                        record=f"interpreter: {SECONDS_PER_OP * 1e6:.0f} us per op per batch of up to {batch} "
                               f"programs, {ELEMENTS_PER_SECOND / 1e6:.0f} M elements/s (nominal)")


class InterpreterTarget(Target):
    """Runs kernels with numpy, program batch by program batch, every memory access bounds-checked."""

    name = ARCH
    arch = ARCH
    capabilities = CAPABILITIES
    contract_version = 1

    def __init__(self) -> None:
        self.cost_model = InterpreterCostModel()
        # The modules just emitted, by their text: a launcher made in the same process skips parsing the text
        # again (parsing costs about as much as the frontend and the passes together).
        self._emitted: OrderedDict[bytes, Module] = OrderedDict()
        self.runtime = InterpreterRuntime(self._emitted)

    def cache_tag(self) -> str:
        """The interpreter's source: a change to it recompiles (the artifact's metadata comes from it)."""
        return source_hash()

    def names_source_locations(self, options: CompileOptions) -> bool:
        """Always: every build's bounds errors name the user's file and line."""
        return True

    def pipeline(self, options: CompileOptions) -> list:
        """Only the atomics and inline-assembly checks: the interpreter runs target-neutral IR."""
        from pantile.targets.atomics import CheckAtomics   # the passes load only when compiling
        from pantile.targets.inline_asm import CheckInlineAsm
        return [CheckAtomics(self.arch), CheckInlineAsm(self.arch)]

    def emit(self, module: Module, options: CompileOptions) -> Artifact:
        """The module's text IR, with what the launcher plans batches by."""
        func = kernel_function(module)
        ops = list(module.walk())
        blocks = [r.type for op in ops for r in op.results if isinstance(r.type, BlockType)]
        largest = max([b.numel for b in blocks], default=1)
        sequential = any(op.name in _CROSS_PROGRAM or op.name == "pt.load" and op.attributes.get("volatile")
                         for op in ops)
        text = print_module(module)
        self._emitted[text.encode()] = module
        while len(self._emitted) > RECENT_MODULES:
            self._emitted.popitem(last=False)
        return Artifact(target=self.arch, kernel_name=func.attributes["sym_name"], format="pt-ir",
                        binary=text.encode(), args=arg_specs(func), num_warps=1,
                        shared_memory=sum(b.numel * _memory_bytes(b.element) for b in blocks),
                        metadata={"debug": options.debug, "sequential": sequential, "largest_block": largest,
                                  "ops": len(ops)},
                        asm={"pt": text})

    def validate(self, artifact: Artifact) -> None:
        """Parse the artifact's IR back and run the IR verifier on it."""
        try:
            verify(parse_module(artifact.binary.decode(), artifact.kernel_name))
        except (ParseError, VerificationError) as err:
            raise ValidationError(f"{artifact.kernel_name}: {err}") from None

    def requirements(self) -> tuple[Requirement, ...]:
        """ml_dtypes, whose bf16 and fp8 dtypes the interpreter computes with."""
        return (Requirement("ml_dtypes", EXECUTE, found=f"ml_dtypes {ml_dtypes.__version__}",
                            pip=("ml_dtypes>=0.4,<0.7",)),)

    def launcher(self, artifact: Artifact) -> Launcher:
        """The launcher, on the module emitted in this process or else parsed from the artifact's text."""
        return SharedLauncher(self.runtime, artifact)
