"""What a launch and `kernel.warmup(...)` return, as Triton's CompiledKernel: the text of each stage, the
resources the kernel uses, and `compiled[grid](*all_args)` to launch that variant again."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Protocol

from pantile.targets.base import Artifact, CompileOptions, Target


@dataclass(frozen=True)
class KernelMetadata:
    """`compiled.metadata`: the options the kernel was compiled with and the shared memory one program uses."""

    name: str
    target: str
    num_warps: int
    num_stages: int
    num_ctas: int
    shared: int                 # bytes per program (on the host: its scratch arena)
    debug: bool


class _Launches(Protocol):
    def launch_variant(self, variant: Any, grid: Any, args: tuple) -> None:
        """Launch a compiled variant with every parameter's value, constexprs included."""


def stage_texts(artifact: Artifact) -> dict[str, Any]:
    """The IR of each stage by name (`pt`, `llir`, the target's own) and the binary under its format."""
    return {**{artifact.format: artifact.binary}, **artifact.asm}


def registers_per_thread(artifact: Artifact, target: Target, num_warps: int) -> int:
    """The registers one thread uses as the device's tools report them; where a target has no such report, a
    program is taken to fill one unit (a CPU core runs one program at a time)."""
    measured = artifact.metadata.get("registers")
    if measured:
        return int(measured)
    caps = target.capabilities
    return max(1, caps.registers_per_multiprocessor // (caps.warp_size * num_warps))


class CompiledKernel:
    """One compiled variant of a kernel: `.asm`, `.metadata`, `.n_regs`, `.n_spills`, and `[grid](*args)`."""

    def __init__(self, kernel: _Launches, variant: Any, target: Target, options: CompileOptions) -> None:
        artifact: Artifact = variant.artifact
        self._kernel, self._variant = kernel, variant
        self.name = artifact.kernel_name
        self.asm = stage_texts(artifact)
        self.metadata = KernelMetadata(artifact.kernel_name, target.arch, options.num_warps, options.num_stages, 1,
                                       artifact.shared_memory, options.debug)
        self.n_regs = registers_per_thread(artifact, target, options.num_warps)
        self.n_spills = int(artifact.metadata.get("spill_stores", 0)) // 4   # 4-byte registers spilled
        self.n_max_threads = target.capabilities.max_threads_per_program

    def _init_handles(self) -> None:
        """Triton loads the binary here; pantile loaded it when the variant was compiled."""

    def __getitem__(self, grid: Any) -> Callable[..., None]:
        """`compiled[grid](*args)`: launch this variant; args are every parameter in order, constexprs
        included (their compiled values are kept), as Triton's compiled kernels take them."""
        def launch(*args: Any) -> None:
            self._kernel.launch_variant(self._variant, grid, args)
        return launch

    def __repr__(self) -> str:
        return f"CompiledKernel({self.name} for {self.metadata.target})"


__all__ = ["CompiledKernel", "KernelMetadata", "registers_per_thread", "stage_texts"]
