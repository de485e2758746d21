"""Offline compilation for sm_80 and sm_90a: ptxas accepts every kernel, without spills, with 128-bit access."""
import pytest

import cuda_kernels as K
from cuda_helpers import compile_module
from pantile.targets.cuda.ptx import find_ptxas, parse_ptxas_info

ARCHS = ("cuda:sm_80", "cuda:sm_90a")
CASES = {
    "vector_add": lambda: K.vector_add(1024),
    "softmax": lambda: K.softmax_rows(128),
    "reduce_rows": lambda: K.reduce_2d(32, 64, 1),
    "reduce_cols": lambda: K.reduce_2d(32, 64, 0, "pt.max"),
    "scan": lambda: K.scan_1d(256),
    "scan_rows": lambda: K.scan_2d(16, 32, 1),
    "dot_f16": lambda: K.dot(32, 32, 16, "f16", "f32"),
    "dot_f32": lambda: K.dot(16, 16, 16, "f32", "f32"),
    "transpose": lambda: K.transpose(32, 64),
    "histogram": lambda: K.histogram(256, 8),
    "outer": lambda: K.outer_product(32, 64),
    "int_math": lambda: K.int_math(128),
    "join_split_cat": lambda: K.join_split_cat(64),
    "grid_ids": K.grid_ids,
    "print": lambda: K.print_values(64),
    "bf16_add": lambda: K.add_typed(256, "bf16"),
}


def test_ptxas_is_installed() -> None:
    assert find_ptxas() is not None, "ptxas is needed: pip install --no-deps nvidia-cuda-nvcc==13.0.88"


@pytest.mark.parametrize("arch", ARCHS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_ptxas_accepts_without_spills(name: str, arch: str) -> None:
    art = compile_module(CASES[name](), arch)
    assert art.format == "cubin" and art.binary[:4] == b"\x7fELF"
    assert art.metadata["spill_stores"] == 0 and art.metadata["spill_loads"] == 0, art.metadata
    assert 0 < art.metadata["registers"] <= 128
    assert f".target {arch.split(':')[1]}" in art.asm["ptx"]


def test_vector_add_uses_128_bit_loads_and_stores() -> None:
    ptx = compile_module(K.vector_add(1024), "cuda:sm_90a").asm["ptx"]
    assert ptx.count("ld.global.v4.b32 {") == 4 and ptx.count("st.global.v4.b32 [") == 2
    assert "ld.global.b32" not in ptx and "bra" not in ptx.split("ld.global.v4")[1]   # predicated, not branched


def test_layouts_are_printed_in_the_kernel_ir() -> None:
    from pantile.passes.manager import PassManager
    from pantile.targets.base import CompileOptions
    from pantile.targets.registry import get_target
    m = K.outer_product(32, 64)
    PassManager(get_target("cuda:sm_90a").pipeline(CompileOptions())).run(m)
    text = str(m)
    assert "block<32x64xf32, #blocked<spt = [1, 4], tpw = [2, 16], wpc = [4, 1], order = [1, 0]>>" in text
    assert "block<32xf32, #slice<dim = 1, parent = #blocked<spt = [1, 4], tpw = [2, 16]" in text
    assert "simt.convert_layout" not in text


def test_transpose_converts_through_shared_memory() -> None:
    art = compile_module(K.transpose(32, 64), "cuda:sm_90a")
    assert art.shared_memory == 32 * 64 * 4 and not art.metadata["dynamic_shared"]
    assert art.metadata["shared_bytes"] == art.shared_memory      # what ptxas allocated
    assert "bar.sync" in art.asm["ptx"] and "st.shared" in art.asm["ptx"]


def test_ptxas_report_is_parsed() -> None:
    log = ("ptxas info    : Used 26 registers, used 0 barriers\n"
           "    0 bytes stack frame, 8 bytes spill stores, 4 bytes spill loads\nptxas info    : 1024 bytes smem")
    assert parse_ptxas_info(log) == {"registers": 26, "stack_bytes": 0, "spill_stores": 8, "spill_loads": 4,
                                     "shared_bytes": 1024}


def test_device_assert_is_compiled_only_in_debug_mode() -> None:
    assert "__assertfail" in compile_module(K.assert_positive(64), "cuda:sm_90a", debug=True).asm["ptx"]
    assert "__assertfail" not in compile_module(K.assert_positive(64), "cuda:sm_90a").asm["ptx"]


def test_device_print_calls_vprintf() -> None:
    ptx = compile_module(K.print_values(64), "cuda:sm_90a").asm["ptx"]
    assert "call.uni" in ptx and "vprintf" in ptx


@pytest.mark.parametrize("dtype", ["f16", "bf16"])
def test_dot_uses_mma_sync_on_sm80_and_wgmma_on_sm90a(dtype: str) -> None:
    ptx = compile_module(K.dot(64, 64, 32, dtype, "f32"), "cuda:sm_80").asm["ptx"]
    assert ptx.count(f"mma.sync.aligned.m16n8k16.row.col.f32.{dtype}.{dtype}.f32") == 16
    ptx = compile_module(K.dot(64, 64, 32, dtype, "f32"), "cuda:sm_90a").asm["ptx"]
    assert ptx.count(f"wgmma.mma_async.sync.aligned.m64n64k16.f32.{dtype}.{dtype}") == 2 and "mma.sync" not in ptx
    ptx = compile_module(K.dot(32, 64, 32, dtype, "f32"), "cuda:sm_90a").asm["ptx"]      # fewer than 64 rows
    assert ptx.count(f"mma.sync.aligned.m16n8k16.row.col.f32.{dtype}.{dtype}.f32") == 8 and "wgmma" not in ptx
    assert "mma.sync" not in compile_module(K.dot(64, 64, 32, dtype, "f32"), "cuda:sm_75").asm["ptx"]


def test_fp32_dots_at_ieee_precision_use_the_fma_path_and_int8_dots_the_integer_mma() -> None:
    assert "mma.sync" not in compile_module(K.dot(16, 16, 16, "f32", "f32"), "cuda:sm_90a").asm["ptx"]
    assert "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32" in compile_module(
        K.dot(32, 32, 32, "i8", "i32"), "cuda:sm_90a").asm["ptx"]


def test_an_sm80_build_loads_as_ptx_on_hopper_and_as_cubin_on_ampere() -> None:
    from pantile.targets.cuda.launcher import loadable_image
    art = compile_module(K.vector_add(1024), "cuda:sm_80")
    assert loadable_image(art, (8, 0)) == art.binary and loadable_image(art, (8, 6)) == art.binary
    assert loadable_image(art, (9, 0)) == art.asm["ptx"].encode() + b"\0"     # the driver compiles it for sm_90
    hopper = compile_module(K.vector_add(1024), "cuda:sm_90a")
    assert loadable_image(hopper, (9, 0)) == hopper.binary
    assert loadable_image(hopper, (10, 0)) == hopper.asm["ptx"].encode() + b"\0"
