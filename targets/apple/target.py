"""The apple:spirv target: the shared SIMT lowering with Vulkan hooks, logical addressing, naga clean-ups,
spirv-val for Vulkan 1.3, and wgpu to run (Metal on Apple GPUs, Vulkan elsewhere, lavapipe in CI)."""
from __future__ import annotations

import shutil
from functools import cached_property
from typing import TYPE_CHECKING, Any, Optional

from pantile.ir import Module
from pantile.targets.base import (COMPILE, EXECUTE, Artifact, Capabilities, CompileOptions, CostModel, Launcher,
                                  Requirement)
from pantile.targets.kernel_args import arg_specs, kernel_function
from pantile.targets.llvm.back_ends import back_end
from pantile.targets.simt.hooks import SimtHooks
from pantile.targets.simt.target import SimtTarget
from pantile.targets.spirv.module import disassemble, emit_spirv, spirv_internal_error, tool_text, validate_spirv
from pantile.targets.spirv.naga import naga_clean

from . import ARCH
from .cost_model import RooflineModel
from .device import NOMINAL_ADAPTER, AdapterInfo, WgpuUnavailable, capabilities_of, wgpu_runtime
from .hooks import VULKAN_TRIPLE, VulkanHooks
from .logical import LogicalAddressingError, rewrite_logical, to_text

if TYPE_CHECKING:   # the SIMT lowering loads when compiling, not when launching
    from pantile.targets.simt.lower import LoweredKernel

TARGET_ENV = "vulkan1.3"
# CodeGenPrepare folds the empty blocks of structured ifs (the branches a `return` leaves empty) into branches
# that jump over several merges at once; LLVM 22's SPIR-V structurizer then writes selections that exit their
# construct other than through its merge, which spirv-val rejects. Without it the lowering's structure survives.
CODEGEN_OPTIONS = ("--disable-cgp",)


def msl(spirv: bytes) -> Optional[str]:
    """Metal Shading Language from the module by spirv-cross, for inspection (None without spirv-cross)."""
    return tool_text("spirv-cross", ["--msl"], spirv)


class AppleTarget(SimtTarget):
    """Vulkan-flavour SPIR-V kernels run through wgpu."""

    name = "apple"
    arch = ARCH

    @cached_property
    def adapter(self) -> AdapterInfo:
        """The wgpu adapter kernels are compiled for, else a nominal one (compile only)."""
        try:
            return wgpu_runtime().info
        except WgpuUnavailable:
            return NOMINAL_ADAPTER

    @cached_property
    def capabilities(self) -> Capabilities:
        """What kernels for this adapter may use."""
        return capabilities_of(self.adapter)

    def hooks(self, options: CompileOptions) -> VulkanHooks:
        """Fresh hooks for one compilation (they keep the kernel function for the rewrite)."""
        return VulkanHooks(self.capabilities.warp_size, self.adapter.workgroup_memory, self.adapter.subgroup_size)

    @cached_property
    def cost_model(self) -> CostModel:
        """A roofline model from nominal figures of the adapter kind (cost_model.py)."""
        return RooflineModel(self.adapter)

    def pipeline(self, options: CompileOptions) -> list:
        """The shared SIMT passes, then the check that every pointer stays within one array argument."""
        from .provenance import CheckPointerProvenance
        return super().pipeline(options) + [CheckPointerProvenance(arch=ARCH)]

    def cache_tag(self) -> str:
        """Kernels depend on the adapter's features (the types they may use), on whether its compiler keeps the
        order of float arithmetic, and on its subgroup size (the warps' size)."""
        return repr((self.adapter.name, sorted(self.adapter.features), self.adapter.exact_arithmetic,
                     self.adapter.subgroup_size))

    def artifact(self, module: Module, kernel: LoweredKernel, hooks: SimtHooks, options: CompileOptions) -> Artifact:
        """Logical addressing, SPIR-V for Vulkan 1.3, naga's clean-ups, then spirv-val."""
        assert isinstance(hooks, VulkanHooks) and hooks.kernel is not None
        try:
            logical = rewrite_logical(hooks.kernel, keep_float_order=not self.adapter.exact_arithmetic)
        except LogicalAddressingError as err:
            raise spirv_internal_error(ARCH, "logical addressing", str(err), kernel.llvm_ir) from None
        llvm_ir = to_text(hooks.kernel.module, kernel.name, kernel.num_threads)
        binary = naga_clean(emit_spirv(ARCH, llvm_ir, triple=VULKAN_TRIPLE, options=CODEGEN_OPTIONS))
        validate_spirv(ARCH, binary, llvm_ir, TARGET_ENV)
        asm = {"llir": llvm_ir}
        for form, text in (("spirv", disassemble(binary)), ("msl", msl(binary))):
            if text is not None:
                asm[form] = text
        metadata = {"local_size": kernel.num_threads, "grid_word": logical.grid_word,
                    "constant_word": logical.constant_word, "constants": logical.constants.hex(),
                    "scalar_words": {str(k): v for k, v in logical.scalar_words.items()},
                    "bindings": [[b.binding, b.arg] for b in logical.bindings]}
        return Artifact(target=ARCH, kernel_name=kernel.name, format="spirv", binary=binary,
                        args=arg_specs(kernel_function(module)), num_warps=options.num_warps,
                        shared_memory=kernel.shared_bytes, metadata=metadata, asm=asm)

    def validate(self, artifact: Artifact) -> None:
        """spirv-val for Vulkan 1.3; a rejection is an internal compiler error with the reproducer."""
        validate_spirv(ARCH, artifact.binary, artifact.asm.get("llir", ""), TARGET_ENV)

    def launcher(self, artifact: Artifact) -> Launcher:
        """The shared launcher on wgpu; the pipeline is built (or taken from the cache by module hash) now."""
        from pantile.targets.launch.launcher import SharedLauncher

        from .launcher import AppleRuntime
        return SharedLauncher(AppleRuntime(wgpu_runtime()), artifact)

    def unavailable(self) -> Optional[str]:
        """Why kernels cannot execute here (no wgpu, no adapter), or None."""
        try:
            wgpu_runtime()
        except WgpuUnavailable as err:
            return str(err)
        return None

    def requirements(self) -> tuple[Requirement, ...]:
        """LLVM's SPIR-V back end and spirv-val to compile, wgpu with an adapter to execute."""
        spirv_val = shutil.which("spirv-val")
        validator = Requirement("spirv-val", COMPILE, apt=("spirv-tools",), found=spirv_val or "",
                                missing="" if spirv_val else "not on PATH (it checks every module pantile emits)")
        why = self.unavailable()
        runtime = Requirement("wgpu and a GPU adapter (Metal, Vulkan; lavapipe on a CPU)", EXECUTE, extra="apple",
                              apt=("mesa-vulkan-drivers", "libvulkan1"), missing=why or "",
                              found="" if why else f"{self.adapter.name} ({self.adapter.backend})")
        return back_end(VULKAN_TRIPLE, "SPIR-V"), validator, runtime

    def owns(self, array: Any) -> bool:
        """Numpy arrays are host memory: a launch names this target to use it."""
        return False
