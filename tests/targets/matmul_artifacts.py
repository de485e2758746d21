"""The example matmul compiled for a GPU target as a large launch specialises it, for the offline tests of
each target's matrix instructions."""
from pantile.examples.matmul import matmul_kernel
from pantile.runtime.args import parse_signature_type
from pantile.runtime.compiler import Specialization, compile_artifact
from pantile.targets.base import Artifact, CompileOptions
from pantile.targets.registry import get_target


def matmul_specialization(dtype: str, bm: int, bn: int, bk: int) -> Specialization:
    """The specialisation a 4096^3 launch of the example gets (unit strides, 16-divisible sizes)."""
    ptrs, ints = ("a_ptr", "b_ptr", "c_ptr"), ("M", "N", "K", "stride_am", "stride_bk", "stride_cm")
    sig = tuple((p, parse_signature_type("*" + dtype)) for p in ptrs) + tuple(
        (p, parse_signature_type("i32")) for p in ints)
    consts = (("stride_ak", 1), ("stride_bn", 1), ("stride_cn", 1), ("BLOCK_M", bm), ("BLOCK_N", bn),
              ("BLOCK_K", bk), ("GROUP_M", 8))
    return Specialization(sig, consts, tuple((p, (("divisibility", 16),)) for p in ptrs + ints))


def matmul_artifact(arch: str, dtype: str, bm: int, bn: int, bk: int, warps: int, stages: int = 3) -> Artifact:
    """The example matmul compiled for `arch` with these blocks, warps and stages."""
    return compile_artifact(matmul_kernel, matmul_specialization(dtype, bm, bn, bk), get_target(arch),
                            CompileOptions(num_warps=warps, num_stages=stages))
