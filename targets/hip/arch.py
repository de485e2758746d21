"""AMD GPU architectures: what each `hip:gfxNNN` can do and the figures of its typical chip.

Figures are the vendors' published peaks of one device (MI210 for gfx90a, MI300X for gfx942, MI355X for
gfx950, Radeon RX 7900 XTX for gfx1100, RX 9070 XT for gfx1201); matrix FLOP/s are dense.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

TRIPLE = "amdgcn-amd-amdhsa"     # LLVM's target triple, the same for every AMD GPU architecture


@dataclass(frozen=True)
class MatrixInstruction:
    """One matrix-core instruction: M x N x K per wave, its input dtype, f32 accumulators."""

    mnemonic: str            # as llvm-objdump-22 prints it: "v_mfma_f32_16x16x16_f16"
    shape: tuple[int, int, int]
    dtype: str               # pantile's input dtype name
    intrinsic: str = ""      # LLVM's intrinsic; "" where pantile does not issue it (FMA path, cost model only)


@dataclass(frozen=True)
class ArchInfo:
    """One AMD GPU architecture."""

    name: str                        # "gfx942"
    chip: str                        # the typical device the figures describe
    wavefront: int                   # lanes per wave (64 on CDNA, 32 on RDNA)
    lds_bytes: int                   # LDS one work-group can use
    vgprs_per_lane: int              # vector registers one wave may address (arch VGPRs + AGPRs on CDNA)
    sgprs: int                       # scalar registers one wave may address
    register_file_per_cu: int        # 32-bit vector registers of one compute unit
    compute_units: int
    clock_hz: float
    bandwidth: float                 # bytes/s of device memory
    flops: dict[str, float]          # FLOP/s by input dtype: matrix cores where they take it, else vector FMA
    matrix: tuple[MatrixInstruction, ...] = field(default=())
    max_waves_per_simd: int = 8
    simds_per_cu: int = 4
    launch_overhead: float = 5e-6

    @property
    def matrix_family(self) -> str:
        """'mfma', 'wmma' or '' (no matrix cores)."""
        return self.matrix[0].mnemonic.split("_")[1] if self.matrix else ""


def _mfma(shape: tuple[int, int, int], dtype: str, spelling: str, intrinsic: Optional[str]) -> MatrixInstruction:
    """An MFMA: `spelling` ends its mnemonic as the disassembler prints it ("_f16" on gfx942, "f16" on gfx90a),
    `intrinsic` ends LLVM's intrinsic name ("f16", "bf16.1k", ".fp8.fp8"; None: not issued by pantile)."""
    m, n, k = shape
    return MatrixInstruction(f"v_mfma_f32_{m}x{n}x{k}{spelling}", shape, dtype,
                             f"llvm.amdgcn.mfma.f32.{m}x{n}x{k}{intrinsic}" if intrinsic else "")


def _wmma(dtype: str, issued: bool = True) -> MatrixInstruction:
    return MatrixInstruction(f"v_wmma_f32_16x16x16_{dtype}", (16, 16, 16), dtype,
                             f"llvm.amdgcn.wmma.f32.16x16x16.{dtype}" if issued else "")


# gfx942's fp8 MFMAs take the FNUZ formats (pantile's f8e4b8 and f8e5b16, Triton's float8e4b8/float8e5b16).
# gfx950's bf16 MFMAs take LLVM's bfloat vectors, which llvmlite cannot write, and gfx1201's WMMA has other lane
# layouts: they are in the table for the cost model, and their dots take the FMA path.
ARCHS: dict[str, ArchInfo] = {a.name: a for a in (
    ArchInfo("gfx90a", "AMD Instinct MI210", 64, 64 * 1024, 512, 102, 4 * 512 * 64, 104, 1.7e9, 1.6e12,
             {"f16": 181e12, "bf16": 181e12, "f32": 22.6e12, "f64": 22.6e12, "i8": 181e12},
             (_mfma((32, 32, 8), "f16", "f16", "f16"), _mfma((16, 16, 16), "f16", "f16", "f16"),
              _mfma((32, 32, 8), "bf16", "bf16_1k", "bf16.1k"), _mfma((16, 16, 16), "bf16", "bf16_1k", "bf16.1k"))),
    ArchInfo("gfx942", "AMD Instinct MI300X", 64, 64 * 1024, 512, 102, 4 * 512 * 64, 304, 2.1e9, 5.3e12,
             {"f16": 1307e12, "bf16": 1307e12, "f32": 163.4e12, "f64": 81.7e12, "i8": 2615e12,
              "f8e4b8": 2615e12, "f8e5b16": 2615e12},
             (_mfma((32, 32, 8), "f16", "_f16", "f16"), _mfma((16, 16, 16), "f16", "_f16", "f16"),
              _mfma((32, 32, 8), "bf16", "_bf16", "bf16.1k"), _mfma((16, 16, 16), "bf16", "_bf16", "bf16.1k"),
              _mfma((32, 32, 16), "f8e4b8", "_fp8_fp8", ".fp8.fp8"),
              _mfma((16, 16, 32), "f8e4b8", "_fp8_fp8", ".fp8.fp8"),
              _mfma((32, 32, 16), "f8e5b16", "_bf8_bf8", ".bf8.bf8"),
              _mfma((16, 16, 32), "f8e5b16", "_bf8_bf8", ".bf8.bf8"))),
    ArchInfo("gfx950", "AMD Instinct MI355X", 64, 160 * 1024, 512, 102, 4 * 512 * 64, 256, 2.4e9, 8.0e12,
             {"f16": 2516e12, "bf16": 2516e12, "f32": 157.3e12, "f64": 78.6e12, "i8": 5033e12},
             (_mfma((32, 32, 16), "f16", "_f16", ".f16"), _mfma((16, 16, 32), "f16", "_f16", ".f16"),
              _mfma((32, 32, 16), "bf16", "_bf16", None), _mfma((16, 16, 32), "bf16", "_bf16", None))),
    ArchInfo("gfx1100", "AMD Radeon RX 7900 XTX", 32, 64 * 1024, 256, 106, 2 * 1536 * 32, 96, 2.5e9, 0.96e12,
             {"f16": 123e12, "bf16": 123e12, "f32": 61.4e12, "f64": 1.9e12, "i8": 123e12},
             (_wmma("f16"), _wmma("bf16")), max_waves_per_simd=16, simds_per_cu=2),
    ArchInfo("gfx1201", "AMD Radeon RX 9070 XT", 32, 64 * 1024, 256, 106, 2 * 1536 * 32, 64, 2.97e9, 0.64e12,
             {"f16": 195e12, "bf16": 195e12, "f32": 48.7e12, "f64": 0.76e12, "i8": 389e12},
             (_wmma("f16", False), _wmma("bf16", False)), max_waves_per_simd=16, simds_per_cu=2),
)}
DEFAULT_ARCH = "gfx942"


def parse_arch(arch: str) -> ArchInfo:
    """The architecture of 'hip:gfx942' ('hip' alone is gfx942); ValueError naming the known ones."""
    name = arch.split(":", 1)[1] if ":" in arch else DEFAULT_ARCH
    info = ARCHS.get(name)
    if info is None:
        raise ValueError(f"unknown AMD architecture {arch!r}: write hip:ARCH with ARCH one of {', '.join(ARCHS)}")
    return info
