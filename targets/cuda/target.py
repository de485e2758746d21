"""The NVIDIA target: SIMT lowering -> LLVM NVPTX -> PTX -> cubin (ptxas), launched with pycuda."""
from __future__ import annotations

import os
import sys
from functools import cached_property
from typing import TYPE_CHECKING, Any, Optional

from pantile.ir import Module
from pantile.targets import dlpack
from pantile.targets.atomic_types import SOFTWARE_FP8
from pantile.targets.atomic_types import INTEGER_TYPES
from pantile.targets.base import Artifact, Capabilities, CompileOptions, Launcher, Requirement, ValidationError
from pantile.targets.dlpack import device_of
from pantile.targets.kernel_args import arg_specs, kernel_function
from pantile.targets.simt.hooks import SimtHooks
from pantile.targets.simt.target import SimtTarget, simt_capabilities

from .arch import ArchInfo, figures_for, parse_arch
from .cost_model import CudaCostModel
from .cubin import kernel_params
from .ptx import PTXAS_HINT, assemble, emit_ptx, find_ptxas
from .requirements import requirements

if TYPE_CHECKING:   # the SIMT lowering and the hooks load when compiling, not when launching
    from pantile.targets.simt.lower import LoweredKernel

    from .hooks import CudaHooks

MAX_REGISTERS = 255     # per thread, what ptxas allocates at most
_INT_TYPES = ("i1", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64")
_ATOMICS = ("add", "fadd", "max", "min", "umax", "umin", "and", "or", "xor", "xchg", "cas", "load", "store")


def capabilities_for(info: ArchInfo, device_name: str = "") -> Capabilities:
    """What kernels compiled for `info` may use (unit counts of the named device, else the typical chip's)."""
    figures = figures_for(info, device_name)
    floats = ("f16", "f32", "f64") + (("bf16",) if info.bf16 else ()) + (("f8e4m3", "f8e5m2") if info.fp8 else ()) + \
        SOFTWARE_FP8
    dot = ("f16", "f32", "f64", "i8", "i32") + (("bf16",) if info.bf16 else ()) + \
        (("f8e4m3", "f8e5m2") if info.fp8 else ())
    return simt_capabilities(
        warp_size=32, max_threads_per_program=info.max_threads, shared_memory_bytes=info.shared_memory,
        dtypes=frozenset(_INT_TYPES + floats), dot_dtypes=frozenset(dot), atomic_kinds=frozenset(_ATOMICS),
        atomic_dtypes=frozenset(INTEGER_TYPES + ("f16", "f32", "f64")),   # bf16 and fp8 travel as bits
        max_grid=(2**31 - 1, 65535, 65535), tensor_core_shapes=((16, 8, 16),) if info.capability >= 80 else (),
        assert_is_fatal=True, inline_asm="ptx",   # the driver keeps a failed __assertfail as the context's error until exit
        multiprocessor_count=figures.sm_count, registers_per_multiprocessor=figures.registers_per_sm,
        needs_gpu=True, f32_dot_inputs="tf32" if info.capability >= 80 else "f32", clock=True,   # %globaltimer
        extra={"compute_capability": info.capability, "wgmma": info.wgmma})


class CudaTarget(SimtTarget):
    """`cuda:sm_80`, `cuda:sm_90a`, ... (other sm_XX by their features)."""

    name = "cuda"
    torch_device = "cuda"
    dlpack_device_types = frozenset({dlpack.kDLCUDA, dlpack.kDLCUDAManaged})
    launch_texts = ("ptx",)        # the driver compiles it where the cubin does not run (a later chip)

    def __init__(self, arch: str) -> None:
        self.info = parse_arch(arch)
        self.arch = f"cuda:{self.info.name}"
        self.copies_descriptor_tiles = self.info.wgmma      # TMA, with the wgmma placements (tma.py)
        device_name = _device_name()
        self.capabilities = capabilities_for(self.info, device_name)
        self.cost_model = CudaCostModel(figures_for(self.info, device_name))

    def names_source_locations(self, options: CompileOptions) -> bool:
        """Debug builds, and every sm_90a build: a kernel that makes tensor descriptors needs global scratch, and
        a launch without an allocator names the line of its first tl.make_tensor_descriptor (kernel_tensor_maps)."""
        return options.debug or self.info.wgmma

    def arch_id(self) -> int:
        """The compute capability as a number (90 for sm_90a), as Triton's GPUTarget.arch gives it."""
        return self.info.capability

    def hooks(self, options: CompileOptions) -> "CudaHooks":
        """The CUDA hook set (one per target: it keeps no per-kernel state; a register cap gets its own)."""
        return self._hooks if options.max_registers is None else self._new_hooks(options.max_registers)

    @cached_property
    def _hooks(self) -> "CudaHooks":
        return self._new_hooks(None)

    def _new_hooks(self, max_registers: Optional[int]) -> "CudaHooks":
        from .hooks import CudaHooks    # the compiler's half of the target: a launch never imports it
        return CudaHooks(tensor_cores=self.info.capability >= 80, max_registers=max_registers, wgmma=self.info.wgmma,
                         matrix_stores=self.info.capability >= 90)

    def artifact(self, module: Module, kernel: LoweredKernel, hooks: SimtHooks, options: CompileOptions) -> Artifact:
        """PTX from the lowered LLVM IR, and a cubin when ptxas is installed (else the driver JIT-compiles PTX)."""
        from .tma_descriptor import ptx_features
        ptx, optimised = emit_ptx(kernel.llvm_ir, self.info.name, features=ptx_features(module))
        metadata = _metadata(module, kernel, self.info.name)
        binary, fmt = ptx.encode() + b"\0", "ptx"
        ptxas = find_ptxas()
        if ptxas is not None:
            binary, info, _ = assemble(ptx, self.info.name, ptxas)
            metadata.update(info)
            metadata["param_offsets"], metadata["param_bytes"] = kernel_params(binary, kernel.name)
            fmt = "cubin"
        return Artifact(self.arch, kernel.name, fmt, binary, arg_specs(kernel_function(module)), options.num_warps,
                        kernel.shared_bytes, metadata, {"llir": kernel.llvm_ir, "llir_opt": optimised, "ptx": ptx})

    def preview(self, module: Module, options: CompileOptions) -> Artifact:
        """The lowered kernel's LLVM IR (its dot instructions and copies) and shared memory, with registers as
        targets/simt/registers.py estimates them in place of ptxas's report: beyond the cap (255, or the register
        limit asked for), the excess spills, stored and loaded once per loop iteration."""
        from pantile.targets.simt.registers import estimated_registers
        kernel, _ = self.lower(module, options)
        metadata = _metadata(module, kernel, self.info.name)
        needed = estimated_registers(module)
        cap = options.max_registers or MAX_REGISTERS
        spilled = 4 * max(0, needed - cap)
        metadata.update(registers=min(needed, cap), spill_stores=spilled, spill_loads=spilled, estimated=True)
        return Artifact(self.arch, kernel.name, "preview", b"", arg_specs(kernel_function(module)), options.num_warps,
                        kernel.shared_bytes, metadata, {"llir": kernel.llvm_ir})

    def validate(self, artifact: Artifact) -> None:
        """ptxas -arch=... -v on the PTX; registers, stack and spills go into artifact.metadata. A cubin for this
        arch is ptxas's own output for that PTX, its figures recorded when it was made: not assembled again."""
        if artifact.format == "cubin" and artifact.metadata.get("arch") == self.info.name and \
                "registers" in artifact.metadata:
            return
        if find_ptxas() is None:
            raise ValidationError(f"cannot validate {artifact.kernel_name}: ptxas was not found; {PTXAS_HINT}")
        _, info, _ = assemble(artifact.asm["ptx"], self.info.name)
        artifact.metadata.update(info)

    def compatibility(self, arch: str) -> Optional[int]:
        """Code for this arch first; then a cubin of an earlier chip of the same major version (the driver runs
        it on later minors), then the PTX of any earlier arch (the driver compiles it). Code built with an
        arch-specific 'a' target (sm_90a's wgmma) runs only on that very chip."""
        try:
            built = parse_arch(arch)
        except ValueError:
            return None
        if built.name == self.info.name:
            return 0
        if built.capability > self.info.capability or (built.name.endswith("a") and
                                                       built.capability != self.info.capability):
            return None
        return 1 if built.capability // 10 == self.info.capability // 10 else 2

    def family_archs(self) -> tuple[str, ...]:
        """The two architectures pantile tunes for: Ampere (mma.sync) and Hopper (wgmma)."""
        return ("cuda:sm_80", "cuda:sm_90a")

    def launcher(self, artifact: Artifact) -> Launcher:
        """The shared launcher on pycuda for the artifact."""
        why = self.unavailable()
        if why:
            raise RuntimeError(f"cannot run {artifact.kernel_name} on {self.arch}: {why}")
        from .launcher import launcher_for
        return launcher_for(artifact)

    def unavailable(self) -> Optional[str]:
        """Why kernels cannot run here: no pycuda, no driver, or no GPU."""
        try:
            from .launcher import device_limits
            device_limits()
        except ImportError:
            return "pycuda is not installed"
        except Exception as e:   # pycuda raises its own error types when the driver or GPU is missing
            return f"no usable CUDA driver or GPU: {e}"
        return None

    def devices(self) -> list[str]:
        """The NVIDIA GPUs the driver shows this process (under its CUDA_VISIBLE_DEVICES), by name; empty
        without pycuda or a driver. Asks the driver without making a context, so the GPUs stay untouched."""
        try:
            import pycuda.driver as cuda
            cuda.init()
            return [cuda.Device(i).name() for i in range(cuda.Device.count())]
        except Exception:   # no pycuda, no driver or no GPU: pycuda raises its own error types
            return []

    def device_environment(self, index: int) -> dict[str, str]:
        """CUDA_VISIBLE_DEVICES naming GPU `index` of those this process sees (so a worker's GPU 0 is it)."""
        visible = os.environ.get("CUDA_VISIBLE_DEVICES")
        shown = [v.strip() for v in visible.split(",")] if visible else None
        return {"CUDA_VISIBLE_DEVICES": shown[index] if shown else str(index)}

    def requirements(self) -> tuple[Requirement, ...]:
        """LLVM's NVPTX back end to compile, ptxas to validate, pycuda with a driver and GPU to execute."""
        return requirements(self.unavailable())

    def synchronize(self) -> None:
        """Wait for the device: through torch when it is loaded (its streams), else the primary context."""
        torch = sys.modules.get("torch")
        if torch is not None and torch.cuda.is_available():
            torch.cuda.synchronize()
        elif self.unavailable() is None:
            from .launcher import driver
            driver().Context.synchronize()

    def owns(self, array: Any) -> bool:
        """True for arrays whose DLPack device is a CUDA device; for one without DLPack, when it has
        `__cuda_array_interface__` and no ROCm runtime (which uses that interface too) is loaded."""
        device = device_of(array)
        if device is not None:
            return device[0] in self.dlpack_device_types
        return hasattr(array, "__cuda_array_interface__") and not rocm_runtime_loaded()


def rocm_runtime_loaded() -> bool:
    """True when a loaded framework is a ROCm build (its `__cuda_array_interface__` arrays are AMD memory)."""
    torch, cupy = sys.modules.get("torch"), sys.modules.get("cupy")
    return bool(getattr(getattr(torch, "version", None), "hip", None)) or bool(
        getattr(getattr(getattr(cupy, "cuda", None), "runtime", None), "is_hip", False))


def _device_name() -> str:
    """The name of device 0 ('NVIDIA H200'), or '' without pycuda or a GPU; no CUDA context is made for it."""
    try:
        from .context import device_name
        return device_name()
    except Exception:   # no pycuda, driver or GPU: the architecture's typical chip is assumed
        return ""


def _metadata(module: Module, kernel: LoweredKernel, arch: str) -> dict[str, Any]:
    """What the launcher and the cost model read of a lowered kernel, before ptxas adds its report."""
    from pantile.targets.simt.kernel_tensor_maps import scratch_metadata
    return {"dynamic_shared": kernel.dynamic_shared, "arch": arch, "dot_dtype": _dot_dtype(module),
            **scratch_metadata(module)}


def _dot_dtype(module: Module) -> str:
    for op in module.walk():
        if op.name == "pt.dot":
            return op.a.type.scalar.name
    return "f32"
