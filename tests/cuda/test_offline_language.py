"""The execution suite's language-function kernels compile for sm_80 and sm_90a and pass ptxas (they execute
on the GPU machine through tests/execution with PANTILE_TEST_TARGETS=cuda)."""
import pytest

import pantile
from compat_kernels import ptx_elementwise
from execution_kernels import (block_functions, hinted_pointers, histogram_kernel, philox_and_parts, random_blocks,
                               topk_rows)

ARCHS = ("cuda:sm_80", "cuda:sm_90a")
RANDOM_KINDS = ("randint", "rand", "randn", "randint4x", "rand4x", "randn4x")


@pytest.mark.parametrize("arch", ARCHS)
@pytest.mark.parametrize("kind", RANDOM_KINDS)
def test_random_blocks_pass_ptxas(kind: str, arch: str) -> None:
    out = "*u32" if kind.startswith("randint") else "*fp32"
    art = pantile.compile(random_blocks, {"out_ptr": out, "offset_ptr": "*i32", "seed": "i32"},
                          {"N": 64, "KIND": kind, "ROUNDS": 10}, target=arch)
    assert art.format == "cubin" and art.metadata["spill_stores"] == 0
    assert "mul.hi.u32" in art.asm["ptx"]     # umulhi reaches the multiply-high instruction


@pytest.mark.parametrize("arch", ARCHS)
@pytest.mark.parametrize("bits", (32, 64))
def test_philox_parts_pass_ptxas(bits: int, arch: str) -> None:
    words = f"*u{bits}"
    art = pantile.compile(philox_and_parts, {"c_ptr": words, "words_ptr": words, "uniform_ptr": "*fp32",
                                             "normal_ptr": "*fp32", "seed": "i64"}, {"N": 64}, target=arch)
    assert art.format == "cubin" and art.metadata["spill_stores"] == 0


@pytest.mark.parametrize("fn", ("sort", "topk", "flip", "gather_columns", "interleave", "xor_sum"))
def test_block_functions_pass_ptxas(fn: str) -> None:
    art = pantile.compile(block_functions, {"x_ptr": "*fp32" if fn != "xor_sum" else "*i32", "i_ptr": "*i32",
                                            "out_ptr": "*fp32" if fn != "xor_sum" else "*i32"},
                          {"M": 4, "N": 32, "FN": fn, "K": 4}, target="cuda:sm_90a")
    assert art.format == "cubin" and art.metadata["spill_stores"] == 0


def test_topk_of_halves_passes_ptxas() -> None:
    art = pantile.compile(topk_rows, {"x_ptr": "*fp16", "out_ptr": "*fp32"},
                          {"M": 4, "N": 32, "K": 4, "DESCENDING": False}, target="cuda:sm_90a")
    assert art.format == "cubin" and art.metadata["spill_stores"] == 0


def test_histogram_passes_ptxas() -> None:
    art = pantile.compile(histogram_kernel, {"x_ptr": "*i32", "out_ptr": "*i32", "n": "i32"},
                          {"N": 128, "BINS": 16}, target="cuda:sm_90a")
    assert art.format == "cubin" and art.metadata["spill_stores"] == 0


def test_hints_on_pointers_pass_ptxas() -> None:
    art = pantile.compile(hinted_pointers, {"x_ptr": "*fp32", "out_ptr": "*fp32"}, {"BLOCK": 256},
                          target="cuda:sm_90a")
    assert art.format == "cubin" and art.metadata["spill_stores"] == 0


@pytest.mark.parametrize("arch", ARCHS)
def test_inline_asm_elementwise_reaches_the_ptx(arch: str) -> None:
    art = pantile.compile(ptx_elementwise, {"x_ptr": "*u32", "y_ptr": "*u32", "rot_ptr": "*u32", "sum_ptr": "*u32",
                                            "diff_ptr": "*u32", "bytes_ptr": "*u8", "f_ptr": "*fp32"}, {"N": 256},
                          target=arch)
    ptx = art.asm["ptx"]
    assert art.format == "cubin"
    # 256 elements over 128 threads: two registers each, so two calls of each pack=1 asm and one packed call
    assert ptx.count("shf.l.wrap.b32") == 2 and ptx.count("sub.u32") == 2
    assert ptx.count("and.b32") == 1 and "0x0F0F0F0F" in ptx
    assert ptx.count("neg.f32") == 2      # two f32 registers in one pack=2 call
