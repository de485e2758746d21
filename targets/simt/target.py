"""The base class of SIMT targets: what a GPU-like target gets from the shared SIMT lowering.

A subclass gives its hook set (`hooks`), its capability record from its architecture table (with `simt`
set, through `simt_capabilities`), how lowered LLVM IR becomes its binary (`artifact`) and how that binary is
checked offline (`validate`), and its driver (`launcher`). The pass pipeline and the lowering come from here.
"""
from __future__ import annotations

from abc import abstractmethod
from typing import TYPE_CHECKING

from pantile.ir import Module
from pantile.targets.base import Artifact, Capabilities, CompileOptions, Target

from .hooks import SimtHooks

if TYPE_CHECKING:   # the lowering and the passes load when compiling: launching a compiled artifact needs neither
    from .lower import LoweredKernel


def simt_capabilities(**fields) -> Capabilities:
    """A capability record of a SIMT target (`simt` set); fields as Capabilities takes them."""
    return Capabilities(**{**fields, "simt": True})


class SimtTarget(Target):
    """A target lowered through targets/simt: pipeline and emit come from here."""

    @abstractmethod
    def hooks(self, options: CompileOptions) -> SimtHooks:
        """The hook set of one compilation (fresh when the hooks collect per-kernel state)."""

    @abstractmethod
    def artifact(self, module: Module, kernel: LoweredKernel, hooks: SimtHooks, options: CompileOptions) -> Artifact:
        """The target's binary artifact for the lowered kernel (LLVM IR in `kernel.llvm_ir`)."""

    def pipeline(self, options: CompileOptions) -> list:
        """The shared SIMT passes (targets/simt/passes.py) for this target's warp and dot layouts, loads feeding
        its matrix instructions pipelined `num_stages` deep, and a warp size other than the default where
        `options.extra` asks for one the target offers."""
        from .passes import simt_pipeline
        return simt_pipeline(self.arch, options.num_warps, options.num_stages, dict(options.extra).get("warp_size", 0),
                             options.debug, self.copies_descriptor_tiles)

    def emit(self, module: Module, options: CompileOptions) -> Artifact:
        """Lower through the shared SIMT lowering with this target's hooks, then make the artifact."""
        kernel, hooks = self.lower(module, options)
        return self.artifact(module, kernel, hooks, options)

    def lower(self, module: Module, options: CompileOptions) -> tuple[LoweredKernel, SimtHooks]:
        """The module's kernel in LLVM IR through the shared SIMT lowering, and the hooks that lowered it."""
        from .lower import SimtLowering
        from .passes import module_facts
        hooks = self.hooks(options)
        return SimtLowering(hooks, options.num_warps, module_facts(module), debug=options.debug).lower(module), hooks


__all__ = ["SimtTarget", "simt_capabilities"]
