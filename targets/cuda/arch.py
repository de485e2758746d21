"""NVIDIA architectures: what each `cuda:sm_XX` can do and the hardware figures of known chips."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

TRIPLE = "nvptx64-nvidia-cuda"     # the LLVM target of every CUDA arch


@dataclass(frozen=True)
class ArchInfo:
    """Features of one compute capability."""

    name: str                 # "sm_90a"
    capability: int           # 90
    shared_memory: int        # bytes one program can use (dynamic above 48 KB)
    bf16: bool
    fp8: bool
    wgmma: bool               # sm_90a only
    max_threads: int = 1024


def parse_arch(arch: str) -> ArchInfo:
    """The features of 'cuda:sm_80', 'cuda:sm_90a', ... ('cuda' alone is sm_80)."""
    name = arch.split(":", 1)[1] if ":" in arch else "sm_80"
    m = re.fullmatch(r"sm_(\d+)(a?)", name)
    if m is None:
        raise ValueError(f"unknown NVIDIA architecture {arch!r}: write cuda:sm_XX, e.g. cuda:sm_80 or cuda:sm_90a")
    cc = int(m.group(1))
    if cc < 70:
        raise ValueError(f"{arch}: pantile needs compute capability 7.0 or newer (sm_70+)")
    shared = {70: 96, 75: 64, 80: 163, 86: 99, 87: 163, 89: 99, 90: 227}.get(cc, 227 if cc >= 90 else 99)
    return ArchInfo(name, cc, shared * 1024, bf16=cc >= 80, fp8=cc >= 89, wgmma=name == "sm_90a")


@dataclass(frozen=True)
class DeviceFigures:
    """Throughput figures the cost model uses (whole chip)."""

    sm_count: int
    bandwidth: float               # bytes/s of device memory
    flops: dict[str, float]        # FLOP/s by input dtype on the FMA units (elementwise math, FMA-path dots)
    registers_per_sm: int = 65536
    shared_per_sm: int = 228 * 1024
    max_threads_per_sm: int = 2048
    max_blocks_per_sm: int = 32
    launch_overhead: float = 4e-6
    tensor_flops: dict[str, float] = field(default_factory=dict)   # dense tensor-core FLOP/s by input type
    l2_bytes: int = 50 * 1024 * 1024
    l2_bandwidth: float = 11e12    # bytes/s the L2 serves to all SMs (approximate: measured figures vary)
    special_per_s: float = 4e12    # transcendental results per second (SFU), whole chip
    int_per_s: float = 33e12       # 32-bit integer lane operations per second, whole chip


# Peaks from NVIDIA's data sheets (SXM parts); dense tensor-core rates, FMA rates counting a multiply-add as 2.
KNOWN_DEVICES = {
    "H100": DeviceFigures(132, 3.35e12, {"f32": 67e12, "f16": 134e12, "bf16": 134e12, "f64": 34e12},
                          tensor_flops={"f16": 989e12, "bf16": 989e12, "tf32": 494e12, "f8e4m3": 1979e12,
                                        "f8e5m2": 1979e12, "i8": 1979e12, "f64": 67e12}),
    "H200": DeviceFigures(132, 4.8e12, {"f32": 67e12, "f16": 134e12, "bf16": 134e12, "f64": 34e12},
                          tensor_flops={"f16": 989e12, "bf16": 989e12, "tf32": 494e12, "f8e4m3": 1979e12,
                                        "f8e5m2": 1979e12, "i8": 1979e12, "f64": 67e12}),
    "A100": DeviceFigures(108, 2.0e12, {"f32": 19.5e12, "f16": 78e12, "bf16": 78e12, "f64": 9.7e12},
                          shared_per_sm=164 * 1024, l2_bytes=40 * 1024 * 1024, l2_bandwidth=4.5e12,
                          special_per_s=1.8e12, int_per_s=9.7e12,
                          tensor_flops={"f16": 312e12, "bf16": 312e12, "tf32": 156e12, "i8": 624e12,
                                        "f64": 19.5e12}),
}


def figures_for(arch: ArchInfo, device_name: str = "") -> DeviceFigures:
    """Figures of the named device, else of the typical chip of the architecture."""
    for key, fig in KNOWN_DEVICES.items():
        if key in device_name:
            return fig
    return KNOWN_DEVICES["H100"] if arch.capability >= 90 else KNOWN_DEVICES["A100"]
