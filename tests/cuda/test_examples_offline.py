"""The example kernels compile for sm_80 and sm_90a as the runtime specialises them for contiguous,
16-byte aligned tensors: ptxas accepts them, nothing spills, and memory is accessed 16 bytes at a time."""
import pytest

from pantile.examples import attention, layer_norm, matmul, softmax, vector_add
from pantile.runtime.args import parse_signature_type
from pantile.runtime.compiler import Specialization, compile_artifact
from pantile.runtime.cache import DiskCache
from pantile.targets.base import CompileOptions
from pantile.targets.registry import get_target

# (kernel, runtime parameters and types, constexprs, warps)
EXAMPLES = {
    "vector_add": (vector_add.add_kernel, {"x_ptr": "*fp32", "y_ptr": "*fp32", "out_ptr": "*fp32",
                                          "n_elements": "i32"}, {"BLOCK_SIZE": 1024}, 4),
    "softmax": (softmax.softmax_kernel, {"out_ptr": "*fp32", "in_ptr": "*fp32", "in_row_stride": "i32",
                                         "out_row_stride": "i32", "n_rows": "i32", "n_cols": "i32"},
                {"BLOCK_SIZE": 4096}, 16),
    "layer_norm": (layer_norm.layer_norm_kernel, {"x_ptr": "*fp16", "y_ptr": "*fp16", "w_ptr": "*fp16",
                                                  "b_ptr": "*fp16", "mean_ptr": "*fp32", "rstd_ptr": "*fp32",
                                                  "stride": "i32", "n_cols": "i32", "eps": "fp32"},
                   {"BLOCK_SIZE": 8192}, 8),
    "matmul": (matmul.matmul_kernel, {"a_ptr": "*fp16", "b_ptr": "*fp16", "c_ptr": "*fp16", "M": "i32", "N": "i32",
                                      "K": "i32", "stride_am": "i32", "stride_bk": "i32", "stride_cm": "i32"},
               {"BLOCK_M": 64, "BLOCK_N": 64, "BLOCK_K": 32, "GROUP_M": 8, "stride_ak": 1, "stride_bn": 1,
                "stride_cn": 1}, 4),
    "attention": (attention.attention_kernel, {"q_ptr": "*fp16", "k_ptr": "*fp16", "v_ptr": "*fp16",
                                               "o_ptr": "*fp16", "seq_len": "i32", "sm_scale": "fp32",
                                               "stride_h": "i32", "stride_n": "i32"},
                  {"HEAD_DIM": 64, "BLOCK_M": 32, "BLOCK_N": 32}, 4),
}


def compile_example(name: str, arch: str, tmp_path):
    kernel, params, constexprs, warps = EXAMPLES[name]
    sig = tuple((p, parse_signature_type(t)) for p, t in params.items())
    attrs = tuple((p, (("divisibility", 16),)) for p, t in params.items() if t != "fp32")
    spec = Specialization(sig, tuple(constexprs.items()), attrs)
    return compile_artifact(kernel, spec, get_target(arch), CompileOptions(num_warps=warps),
                            cache=DiskCache(tmp_path), validate=True)


@pytest.mark.parametrize("arch", ["cuda:sm_80", "cuda:sm_90a"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_compiles_without_spills(name: str, arch: str, tmp_path) -> None:
    art = compile_example(name, arch, tmp_path)
    assert art.format == "cubin"
    assert (art.metadata["spill_stores"], art.metadata["spill_loads"], art.metadata["stack_bytes"]) == (0, 0, 0)
    assert art.metadata["registers"] <= 255


@pytest.mark.parametrize("name,loads,stores", [("vector_add", 4, 2), ("softmax", 2, 2), ("layer_norm", 20, 4)])
def test_example_memory_is_accessed_16_bytes_at_a_time(name: str, loads: int, stores: int, tmp_path) -> None:
    ptx = compile_example(name, "cuda:sm_90a", tmp_path).asm["ptx"]
    assert ptx.count("ld.global.v4.b32 {") == loads and ptx.count("st.global.v4.b32 [") == stores


def test_layer_norm_compares_columns_once_per_vector(tmp_path) -> None:
    """n_cols divisible by 16 makes `cols < n_cols` constant over the 8 f16 columns a thread loads at once, so the
    mask of the centring tl.where is compared once per vector (4 of its 32 registers, at 8 warps), not per
    element: its 32 selects read 4 predicates, and the kernel compares with n_cols 4 times per pass and once per
    loop test (16 setp.lt.s32, against 44 when each element was compared)."""
    ptx = compile_example("layer_norm", "cuda:sm_90a", tmp_path).asm["ptx"]
    selects = [line.split()[-1] for line in ptx.splitlines() if line.strip().startswith("selp.f32")]
    assert len(selects) == 32 and len(set(selects)) == 4
    assert ptx.count("setp.lt.s32") <= 16


def test_softmax_row_reductions_shuffle_within_warps_and_read_partials_16_bytes_at_a_time(tmp_path) -> None:
    """Each of softmax's two row reductions (16 warps) is 5 butterfly shuffles within the warp, one 4-byte store
    of the warp's partial, 2 barriers (the scratch's earlier readers done; the partials written) and 4 128-bit
    reads of the 16 partials by every thread: 10 shuffles, 4 barriers, no other shared-memory traffic (Triton
    3.6: 18 shuffles, 5 barriers and 4 scalar reads)."""
    ptx = compile_example("softmax", "cuda:sm_90a", tmp_path).asm["ptx"]
    assert ptx.count("shfl.sync.bfly.b32") == 10 and ptx.count("bar.sync") == 4
    assert ptx.count("st.shared.b32") == ptx.count("st.shared") == 2
    assert ptx.count("ld.shared.v4.b32") == ptx.count("ld.shared") == 8
