"""The tensor-descriptor matmul of pantile.examples.matmul (Triton's host-descriptor form of tutorial 03) compiled
as a large launch specialises it, for the offline and GPU tests of TMA copies on cuda:sm_90a."""
from pantile.examples.matmul import descriptor_matmul_kernel
from pantile.ir import BlockType, TensorDescType
from pantile.runtime.args import parse_signature_type
from pantile.runtime.compiler import Specialization, compile_artifact
from pantile.targets.base import Artifact, CompileOptions
from pantile.targets.registry import get_target

# (M, N, K) and (BLOCK_M, BLOCK_N, BLOCK_K, warps, stages) of the GPU tests of both descriptor forms
EDGE_CASES = [
    ((256, 256, 256), (128, 128, 64, 4, 3)),
    ((512, 512, 512), (128, 256, 64, 8, 3)),
    ((333, 200, 1000), (128, 128, 64, 4, 3)),       # ragged M, N and K: the last boxes reach past every edge
    ((100, 72, 40), (64, 64, 32, 4, 4)),            # one K tile and a half: fewer tiles than stages
    ((64, 300, 16), (64, 128, 32, 4, 3)),           # K smaller than one box
]


def descriptor_specialization(dtype: str, bm: int, bn: int, bk: int, stride_div16: bool = True,
                              out: str = "") -> Specialization:
    """What a launch on row-major [M, K], [K, N] and [M, N] tensors with 16-divisible sizes specialises the
    kernel to (`stride_div16` False: row strides not known to be multiples of 16 elements; `out`: the [M, N]
    output's element type when it is not `dtype`)."""
    elem = parse_signature_type("*" + dtype).pointee
    sig, consts, attrs = [], [("BLOCK_M", bm), ("BLOCK_N", bn), ("BLOCK_K", bk), ("GROUP_M", 8)], []
    for name, block in (("a_desc", (bm, bk)), ("b_desc", (bk, bn)), ("c_desc", (bm, bn))):
        of = parse_signature_type("*" + out).pointee if out and name == "c_desc" else elem
        sig.append((name, TensorDescType(BlockType(block, of), "zero")))
        consts.append((f"{name}.strides.1", 1))
        attrs += [(name, (("divisibility", 16),)), (f"{name}.shape.0", (("divisibility", 16),)),
                  (f"{name}.shape.1", (("divisibility", 16),))]
        if stride_div16:
            attrs.append((f"{name}.strides.0", (("divisibility", 16),)))
    sig += [(n, parse_signature_type("i32")) for n in ("M", "N", "K")]
    attrs += [(n, (("divisibility", 16),)) for n in ("M", "N", "K")]
    return Specialization(tuple(sig), tuple(consts), tuple(attrs))


def descriptor_matmul_artifact(dtype: str, bm: int, bn: int, bk: int, warps: int, stages: int = 3,
                               arch: str = "cuda:sm_90a", stride_div16: bool = True, out: str = "") -> Artifact:
    """The descriptor matmul compiled for `arch` with these blocks, warps and stages (output of `out`s)."""
    return compile_artifact(descriptor_matmul_kernel, descriptor_specialization(dtype, bm, bn, bk, stride_div16, out),
                            get_target(arch), CompileOptions(num_warps=warps, num_stages=stages))
