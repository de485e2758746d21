"""The descriptor matmul of pantile.examples.matmul with its descriptors made in the kernel
(tl.make_tensor_descriptor over row-major [M, K], [K, N] and [M, N] at the pointer arguments, as Triton's
tutorials write it), and what a large launch specialises it to, for the offline and GPU tests of the tensor
maps sm_90a kernels write for themselves."""
import pantile
import pantile.language as pl
from pantile.examples.matmul import descriptor_matmul_kernel
from pantile.runtime.args import parse_signature_type
from pantile.runtime.compiler import Specialization, compile_artifact
from pantile.targets.base import Artifact, CompileOptions
from pantile.targets.registry import get_target


@pantile.jit
def make_descriptor_matmul_kernel(a_ptr, b_ptr, c_ptr, M, N, K, stride_am, stride_bk, stride_cm,
                                  BLOCK_M: pl.constexpr, BLOCK_N: pl.constexpr, BLOCK_K: pl.constexpr,
                                  GROUP_M: pl.constexpr):
    a_desc = pl.make_tensor_descriptor(a_ptr, [M, K], [stride_am, 1], [BLOCK_M, BLOCK_K])
    b_desc = pl.make_tensor_descriptor(b_ptr, [K, N], [stride_bk, 1], [BLOCK_K, BLOCK_N])
    c_desc = pl.make_tensor_descriptor(c_ptr, [M, N], [stride_cm, 1], [BLOCK_M, BLOCK_N])
    descriptor_matmul_kernel(a_desc, b_desc, c_desc, M, N, K, BLOCK_M, BLOCK_N, BLOCK_K, GROUP_M)


def kernel_descriptor_specialization(dtype: str, bm: int, bn: int, bk: int, stride_div16: bool = True
                                     ) -> Specialization:
    """Pointers aligned and sizes divisible by 16 (`stride_div16` False: the row strides not known to be)."""
    pointer = parse_signature_type("*" + dtype)
    sig = [(n, pointer) for n in ("a_ptr", "b_ptr", "c_ptr")]
    sig += [(n, parse_signature_type("i32")) for n in ("M", "N", "K", "stride_am", "stride_bk", "stride_cm")]
    divisible = ("a_ptr", "b_ptr", "c_ptr", "M", "N", "K") + (("stride_am", "stride_bk", "stride_cm")
                                                               if stride_div16 else ())
    consts = (("BLOCK_M", bm), ("BLOCK_N", bn), ("BLOCK_K", bk), ("GROUP_M", 8))
    return Specialization(tuple(sig), consts, tuple((n, (("divisibility", 16),)) for n in divisible))


def kernel_descriptor_artifact(dtype: str, bm: int, bn: int, bk: int, warps: int, stages: int = 3,
                               arch: str = "cuda:sm_90a", stride_div16: bool = True) -> Artifact:
    """The kernel compiled for `arch` with these blocks, warps and stages."""
    return compile_artifact(make_descriptor_matmul_kernel,
                            kernel_descriptor_specialization(dtype, bm, bn, bk, stride_div16), get_target(arch),
                            CompileOptions(num_warps=warps, num_stages=stages))
