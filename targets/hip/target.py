"""The AMD target: SIMT lowering -> LLVM AMDGPU -> relocatable object -> HSACO (ld.lld-22), validated with
llvm-readelf-22's notes, launched through the HIP module API (ctypes)."""
from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, Optional

from pantile.ir import Module
from pantile.targets import dlpack
from pantile.targets.atomic_types import SOFTWARE_FP8
from pantile.targets.atomic_types import INTEGER_TYPES
from pantile.targets.base import Artifact, Capabilities, CompileOptions, Launcher, Requirement, ValidationError
from pantile.targets.dlpack import device_of
from pantile.targets.kernel_args import arg_specs, kernel_function
from pantile.targets.launch.launcher import SharedLauncher
from pantile.targets.simt.hooks import SimtHooks
from pantile.targets.simt.target import SimtTarget, simt_capabilities

from .arch import ArchInfo, parse_arch
from .code_object import LLD, TOOLS_HINT, disassemble, emit_object, kernel_notes, link, tool
from .cost_model import AmdgpuCostModel
from .kernargs import check_against_notes
from .requirements import requirements
from .runtime import HipUnavailable, hip_runtime, rocm_framework_loaded

if TYPE_CHECKING:   # the SIMT lowering loads when compiling, not when launching
    from pantile.targets.simt.lower import LoweredKernel

    from .hooks import AmdgpuHooks

_INT_TYPES = ("i1", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64")
_FLOATS = ("f16", "bf16", "f32", "f64", "f8e4m3", "f8e5m2") + SOFTWARE_FP8   # fp8 as bits, converted in software
_ATOMICS = ("add", "fadd", "max", "min", "umax", "umin", "and", "or", "xor", "xchg", "cas", "load", "store")
# conformance and `pantile targets` cover one chip of each kind: MI200 and MI300 (wave64), RDNA3 (wave32);
# gfx950 and gfx1201 compile and validate too (tests/hip), without the full suite's cost in CI.
FAMILY_ARCHS = ("gfx90a", "gfx942", "gfx1100")


def capabilities_for(info: ArchInfo) -> Capabilities:
    """What kernels compiled for `info` may use."""
    return simt_capabilities(
        warp_size=info.wavefront, max_threads_per_program=1024, shared_memory_bytes=info.lds_bytes,
        dtypes=frozenset(_INT_TYPES + _FLOATS), dot_dtypes=frozenset(_FLOATS + ("i8", "i32")),
        atomic_kinds=frozenset(_ATOMICS), atomic_dtypes=frozenset(INTEGER_TYPES + ("f16", "f32", "f64")),
        max_grid=(2**31 - 1, 65535, 65535), tensor_core_shapes=tuple(sorted({m.shape for m in info.matrix})),
        multiprocessor_count=info.compute_units, registers_per_multiprocessor=info.register_file_per_cu,
        assert_is_fatal=True, needs_gpu=True, device_print=False, clock=True,   # the 100 MHz real-time counter
        extra={"gfx": info.name, "chip": info.chip, "matrix": info.matrix_family,
               "matrix_instructions": tuple(m.mnemonic for m in info.matrix)})


class HipTarget(SimtTarget):
    """`hip:gfx90a`, `hip:gfx942`, `hip:gfx950`, `hip:gfx1100`, `hip:gfx1201`."""

    name = "hip"
    torch_device = "cuda"        # a ROCm build of torch names its GPU "cuda"
    dlpack_device_types = frozenset({dlpack.kDLROCM})

    def __init__(self, arch: str) -> None:
        self.info = parse_arch(arch)
        self.arch = f"hip:{self.info.name}"
        self.capabilities = capabilities_for(self.info)
        self.cost_model = AmdgpuCostModel(self.info)

    def hooks(self, options: CompileOptions) -> AmdgpuHooks:
        """The AMDGPU hook set of this architecture's wavefront and LDS."""
        from .hooks import AmdgpuHooks   # the matrix-core lowering loads when compiling, not when launching
        return AmdgpuHooks(self.info.wavefront, self.info.lds_bytes, self.info.matrix)

    def artifact(self, module: Module, kernel: LoweredKernel, hooks: SimtHooks, options: CompileOptions) -> Artifact:
        """A HSACO linked by ld.lld-22 (without it, the relocatable object, which `validate` refuses)."""
        obj, asm, optimised = emit_object(self.arch, self.info.name, kernel.llvm_ir)
        binary, fmt = (link(obj), "hsaco") if tool(LLD) else (obj, "amdgpu-object")
        metadata: dict[str, Any] = {"gfx": self.info.name, "wavefront": self.info.wavefront,
                                    "dot_dtype": _dot_dtype(module)}
        return Artifact(self.arch, kernel.name, fmt, binary, arg_specs(kernel_function(module)), options.num_warps,
                        kernel.shared_bytes, metadata, {"llir": kernel.llvm_ir, "llir_opt": optimised, "amdgcn": asm})

    def validate(self, artifact: Artifact) -> None:
        """The code object's notes: LDS within the architecture's, the expected wavefront size, and the kernarg
        layout the signature gives. Registers and spills go into artifact.metadata: a spill is reported, not
        refused (it costs speed, not correctness, as ptxas's spills on cuda and Triton's n_spills on both):
        "spill_stores" holds the bytes of spilled VGPRs a lane stores (so CompiledKernel.n_spills counts the
        VGPRs) and "spills" says it in words; the tests hold the kernels they care about to none."""
        if artifact.format != "hsaco":
            raise ValidationError(f"cannot validate {artifact.kernel_name}: it was compiled without {LLD}; "
                                  f"{TOOLS_HINT}")
        notes = kernel_notes(artifact.binary, artifact.kernel_name)
        artifact.metadata.update({key[1:]: notes.get(key, 0) for key in (
            ".vgpr_count", ".agpr_count", ".sgpr_count", ".vgpr_spill_count", ".sgpr_spill_count",
            ".group_segment_fixed_size", ".private_segment_fixed_size")})
        spilled = artifact.metadata["vgpr_spill_count"]
        artifact.metadata["spill_stores"] = 4 * spilled
        if spilled or artifact.metadata["sgpr_spill_count"]:
            artifact.metadata["spills"] = (
                f"{spilled} VGPRs spilled to scratch ({artifact.metadata['private_segment_fixed_size']} bytes a "
                f"lane), {artifact.metadata['sgpr_spill_count']} SGPRs spilled to VGPR lanes")
        lds = notes.get(".group_segment_fixed_size", 0)
        if lds > self.info.lds_bytes:
            raise ValidationError(f"{artifact.kernel_name} on {self.arch}: {lds} bytes of LDS, the architecture "
                                  f"has {self.info.lds_bytes}")
        if notes.get(".wavefront_size") != self.info.wavefront:
            raise ValidationError(f"{artifact.kernel_name} on {self.arch}: wavefront size "
                                  f"{notes.get('.wavefront_size')}, expected {self.info.wavefront}")
        check_against_notes(artifact.kernel_name, artifact.args, notes)

    def disassemble(self, artifact: Artifact) -> str:
        """`llvm-objdump-22 -d` of the artifact's code object."""
        return disassemble(artifact.binary)

    def family_archs(self) -> tuple[str, ...]:
        """gfx90a, gfx942 and gfx1100."""
        return tuple(f"hip:{a}" for a in FAMILY_ARCHS)

    def launcher(self, artifact: Artifact) -> Launcher:
        """The shared launcher on the HIP module API (the code object is loaded now)."""
        try:
            rt = hip_runtime()
        except HipUnavailable as err:
            raise RuntimeError(f"cannot run {artifact.kernel_name} on {self.arch}: {err}") from None
        return SharedLauncher(rt, artifact)

    @cached_property
    def _unavailable(self) -> Optional[str]:
        try:
            hip_runtime()
        except HipUnavailable as err:
            return str(err)
        return None

    def unavailable(self) -> Optional[str]:
        """Why kernels cannot run here: no HIP runtime or no AMD GPU."""
        return self._unavailable

    def requirements(self) -> tuple[Requirement, ...]:
        """LLVM's AMDGPU back end to compile, lld-22/llvm-22 to link and validate, HIP and a GPU to execute."""
        return requirements(self.unavailable())

    def synchronize(self) -> None:
        """hipDeviceSynchronize when a HIP runtime is here."""
        if self.unavailable() is None:
            hip_runtime().synchronize()

    def owns(self, array: Any) -> bool:
        """True for arrays whose DLPack device is a ROCm device; for one without DLPack, when it has
        `__cuda_array_interface__` and a ROCm build of its framework is loaded."""
        device = device_of(array)
        if device is not None:
            return device[0] in self.dlpack_device_types
        return hasattr(array, "__cuda_array_interface__") and rocm_framework_loaded()


def _dot_dtype(module: Module) -> str:
    for op in module.walk():
        if op.name == "pt.dot":
            return op.operands[0].type.scalar.name
    return "f32"
