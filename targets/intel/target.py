"""The intel:spirv target: the shared SIMT lowering with Intel hooks, SPIR-V, spirv-val, pyopencl."""
from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, Optional

from pantile.ir import Module
from pantile.targets.atomic_types import SOFTWARE_FP8
from pantile.targets.base import Artifact, Capabilities, CompileOptions, CostModel, DeviceArray, Launcher, Requirement
from pantile.targets.kernel_args import arg_specs, kernel_function
from pantile.targets.simt.hooks import SimtHooks
from pantile.targets.simt.target import SimtTarget, simt_capabilities
from pantile.targets.spirv.module import disassemble, emit_spirv, validate_spirv

from . import ARCH
from .cost_model import OpenCLCostModel, device_figures, measure_bandwidth
from .device import DeviceInfo, OpenCLRuntime, OpenCLUnavailable, opencl_runtime
from .hooks import IntelHooks
from .launcher import launcher_for
from .programs import ProgramCache
from .requirements import requirements

if TYPE_CHECKING:   # the SIMT lowering loads when compiling, not when launching
    from pantile.targets.simt.lower import LoweredKernel

PREFERRED_SUB_GROUP_SIZES = (16, 32, 8)   # 16 is native on Intel GPUs
INTEGER_TYPES = ("i1", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64")
# Without a device, kernels still compile and validate for this nominal OpenCL device.
NOMINAL_DEVICE = DeviceInfo(name="nominal SPIR-V device", platform="none", driver="none", is_gpu=True,
                            compute_units=1, clock_mhz=0, local_memory=64 * 1024, max_work_group_size=1024,
                            sub_group_sizes=(16,), native_float_width=16, correctly_rounded_divide_sqrt=False,
                            extensions=frozenset({"cl_khr_fp16"}), il_version="SPIR-V_1.4")


# OpenCL device extension -> SPIR-V extensions LLVM may use for it.
SPIRV_EXTENSIONS = {"cl_ext_float_atomics": ("SPV_EXT_shader_atomic_float_add", "SPV_EXT_shader_atomic_float_min_max")}


def spirv_extensions(info: DeviceInfo) -> tuple[str, ...]:
    """The SPIR-V extensions kernels for this device may use."""
    return tuple(e for ext, spv in sorted(SPIRV_EXTENSIONS.items()) if ext in info.extensions for e in spv)


def choose_sub_group_size(info: DeviceInfo) -> int:
    """The sub-group size kernels require: a CPU's SIMD width (Intel's compiler builds and runs those
    fastest), else the first preferred size the device offers, else its largest."""
    if not info.is_gpu and info.native_float_width in info.sub_group_sizes:
        return info.native_float_width
    for size in PREFERRED_SUB_GROUP_SIZES:
        if size in info.sub_group_sizes:
            return size
    return max(info.sub_group_sizes)


def capabilities_of(info: DeviceInfo) -> Capabilities:
    """The capability record of an OpenCL device."""
    floats = ("f32", "bf16", "f8e4m3", "f8e5m2") + SOFTWARE_FP8 + (("f16",) if info.fp16 else ()) + (("f64",) if info.fp64 else ())
    dot = ("f32", "bf16", "f8e4m3", "f8e5m2", "i8", "i32") + (("f16",) if info.fp16 else ()) + \
        (("f64",) if info.fp64 else ())
    atomics = ("add", "max", "min", "umax", "umin", "and", "or", "xor", "xchg", "cas", "load", "store") + \
        (("fadd",) if "cl_ext_float_atomics" in info.extensions else ())
    return simt_capabilities(
        warp_size=choose_sub_group_size(info),
        max_threads_per_program=info.max_work_group_size,
        shared_memory_bytes=info.local_memory,
        dtypes=frozenset(INTEGER_TYPES + floats),
        dot_dtypes=frozenset(dot),
        atomic_kinds=frozenset(atomics),
        # OpenCL atomics are 32 and 64 bits wide; Intel's runtime rejects 8- and 16-bit ones and f16 add
        atomic_dtypes=frozenset(("i32", "i64", "u32", "u64", "f32") + (("f64",) if info.fp64 else ())),
        max_grid=(2**31 - 1, 2**31 - 1, 2**31 - 1),
        multiprocessor_count=info.compute_units,
        # OpenCL does not report registers: 128 per work-item (an Intel GPU thread's register file) at the
        # largest work-group stands for one unit's.
        registers_per_multiprocessor=info.max_work_group_size * 128,
        extra={"device": info.name, "platform": info.platform, "sub_group_sizes": info.sub_group_sizes,
               "fp16": info.fp16, "fp64": info.fp64, "compute_units": info.compute_units})


def _from_pyopencl(array: Any) -> bool:
    """Whether `array`'s type comes from pyopencl (asked first, so other arrays never start OpenCL)."""
    return type(array).__module__.split(".")[0] == "pyopencl"


class IntelTarget(SimtTarget):
    """SPIR-V kernels (OpenCL flavour) run through pyopencl; Intel's pip CPU runtime in CI."""

    name = "intel"
    arch = ARCH

    def _runtime(self) -> Optional[OpenCLRuntime]:
        try:
            return opencl_runtime()
        except OpenCLUnavailable:
            return None

    @cached_property
    def device(self) -> DeviceInfo:
        """The device kernels are compiled for: the OpenCL device, else a nominal one (compile only)."""
        rt = self._runtime()
        return rt.info if rt is not None else NOMINAL_DEVICE

    @cached_property
    def capabilities(self) -> Capabilities:
        """What kernels for this device may use."""
        return capabilities_of(self.device)

    def hooks(self, options: CompileOptions) -> IntelHooks:
        """Fresh SIMT hooks for one compilation (they collect its assertion messages); the sub-group size is the
        capability record's, or another the device offers when `options.extra` asks for it ("warp_size")."""
        size = dict(options.extra).get("warp_size") or self.capabilities.warp_size
        if size not in self.device.sub_group_sizes:
            raise ValueError(f"{ARCH}: sub-group size {size} is not offered by {self.device.name!r} "
                             f"(it offers {', '.join(map(str, self.device.sub_group_sizes))})")
        return IntelHooks(size, self.device.local_memory, debug=options.debug)

    @cached_property
    def programs(self) -> ProgramCache:
        """The built programs of the OpenCL device (OpenCLUnavailable without one)."""
        return ProgramCache(opencl_runtime())

    @cached_property
    def cost_model(self) -> CostModel:
        """Roofline model of the OpenCL device (its bandwidth is measured on first use)."""
        programs = self.programs
        rt = programs.rt
        return OpenCLCostModel(rt.info, lambda: device_figures(rt.info, lambda: measure_bandwidth(
            rt, lambda art, grid, args: launcher_for(rt, programs, art)(grid, args))))

    def cache_tag(self) -> str:
        """Kernels depend on the device: its sub-group size and SPIR-V extensions."""
        return repr((self.device.name, self.capabilities.warp_size, spirv_extensions(self.device)))

    def artifact(self, module: Module, kernel: LoweredKernel, hooks: SimtHooks, options: CompileOptions) -> Artifact:
        """SPIR-V from the lowered LLVM IR, checked by spirv-val before anyone loads it."""
        binary = emit_spirv(ARCH, kernel.llvm_ir, extensions=spirv_extensions(self.device))
        validate_spirv(ARCH, binary, kernel.llvm_ir)
        asm = {"llir": kernel.llvm_ir}
        text = disassemble(binary)
        if text is not None:
            asm["spirv"] = text
        metadata = {"local_size": kernel.num_threads, "sub_group_size": hooks.warp_size,
                    "assertions": hooks.assertions if options.debug else None}
        return Artifact(target=ARCH, kernel_name=kernel.name, format="spirv", binary=binary,
                        args=arg_specs(kernel_function(module)), num_warps=options.num_warps,
                        shared_memory=kernel.shared_bytes, metadata=metadata, asm=asm)

    def validate(self, artifact: Artifact) -> None:
        """spirv-val; a rejection is an internal compiler error with the reproducer."""
        validate_spirv(ARCH, artifact.binary, artifact.asm.get("llir", ""))

    def launcher(self, artifact: Artifact) -> Launcher:
        """A pyopencl launcher; the program is built (or loaded from the cache) now."""
        return launcher_for(self.programs.rt, self.programs, artifact)

    def unavailable(self) -> Optional[str]:
        """Why kernels cannot execute here (no pyopencl, no SPIR-V device), or None."""
        try:
            opencl_runtime()
        except OpenCLUnavailable as err:
            return str(err)
        return None

    def requirements(self) -> tuple[Requirement, ...]:
        """LLVM's SPIR-V back end and spirv-val to compile, an OpenCL device that runs SPIR-V to execute."""
        rt = self._runtime()
        return requirements(rt.info if rt is not None else None, self.unavailable())

    def owns(self, array: Any) -> bool:
        """True for pyopencl arrays and buffers of the context kernels run in."""
        rt = self._runtime() if _from_pyopencl(array) else None
        return rt is not None and getattr(array, "context", None) == rt.context

    def device_array(self, array: Any) -> Optional[DeviceArray]:
        """A pyopencl array (of any context, so a launch elsewhere can say where it lives): its device, and its
        byte offset for an address, since OpenCL allocates buffers at the device's base address alignment
        (at least 128 bytes)."""
        rt = self._runtime() if _from_pyopencl(array) else None
        if rt is None or not isinstance(array, rt.cl.array.Array):
            return None
        device = array.context.devices[0]
        return DeviceArray(f"OpenCL {device.name.strip()!r} ({device.platform.name.strip()})", array.offset, ".get()")
