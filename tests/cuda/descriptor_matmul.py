"""The tensor-descriptor matmul (Triton's host-descriptor form of tutorial 03) and its compiled artifact as a
large launch specialises it, for the offline and GPU tests of TMA copies on cuda:sm_90a."""
import pantile
import pantile.language as pl
from pantile.ir import BlockType, TensorDescType
from pantile.runtime.args import parse_signature_type
from pantile.runtime.compiler import Specialization, compile_artifact
from pantile.targets.base import Artifact, CompileOptions
from pantile.targets.registry import get_target


@pantile.jit
def descriptor_matmul_kernel(a_desc, b_desc, c_desc, M, N, K, BLOCK_M: pl.constexpr, BLOCK_N: pl.constexpr,
                             BLOCK_K: pl.constexpr, GROUP_M: pl.constexpr):
    pid = pl.program_id(axis=0)
    num_pid_m = pl.cdiv(M, BLOCK_M)
    num_pid_n = pl.cdiv(N, BLOCK_N)
    pids_per_group = GROUP_M * num_pid_n
    first_m = (pid // pids_per_group) * GROUP_M
    group_rows = min(num_pid_m - first_m, GROUP_M)
    pid_m = first_m + ((pid % pids_per_group) % group_rows)
    pid_n = (pid % pids_per_group) // group_rows
    acc = pl.zeros((BLOCK_M, BLOCK_N), dtype=pl.float32)
    for k in range(0, pl.cdiv(K, BLOCK_K)):
        a = a_desc.load([pid_m * BLOCK_M, k * BLOCK_K])
        b = b_desc.load([k * BLOCK_K, pid_n * BLOCK_N])
        acc = pl.dot(a, b, acc)
    c_desc.store([pid_m * BLOCK_M, pid_n * BLOCK_N], acc.to(c_desc.dtype))


def descriptor_specialization(dtype: str, bm: int, bn: int, bk: int, stride_div16: bool = True) -> Specialization:
    """What a launch on row-major [M, K], [K, N] and [M, N] tensors with 16-divisible sizes specialises the
    kernel to (`stride_div16` False: row strides not known to be multiples of 16 elements)."""
    elem = parse_signature_type("*" + dtype).pointee
    sig, consts, attrs = [], [("BLOCK_M", bm), ("BLOCK_N", bn), ("BLOCK_K", bk), ("GROUP_M", 8)], []
    for name, block in (("a_desc", (bm, bk)), ("b_desc", (bk, bn)), ("c_desc", (bm, bn))):
        sig.append((name, TensorDescType(BlockType(block, elem), "zero")))
        consts.append((f"{name}.strides.1", 1))
        attrs += [(name, (("divisibility", 16),)), (f"{name}.shape.0", (("divisibility", 16),)),
                  (f"{name}.shape.1", (("divisibility", 16),))]
        if stride_div16:
            attrs.append((f"{name}.strides.0", (("divisibility", 16),)))
    sig += [(n, parse_signature_type("i32")) for n in ("M", "N", "K")]
    attrs += [(n, (("divisibility", 16),)) for n in ("M", "N", "K")]
    return Specialization(tuple(sig), tuple(consts), tuple(attrs))


def descriptor_matmul_artifact(dtype: str, bm: int, bn: int, bk: int, warps: int, stages: int = 3,
                               arch: str = "cuda:sm_90a", stride_div16: bool = True) -> Artifact:
    """The descriptor matmul compiled for `arch` with these blocks, warps and stages."""
    return compile_artifact(descriptor_matmul_kernel, descriptor_specialization(dtype, bm, bn, bk, stride_div16),
                            get_target(arch), CompileOptions(num_warps=warps, num_stages=stages))
