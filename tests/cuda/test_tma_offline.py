"""The tensor-descriptor matmul on cuda:sm_90a, offline: its tiles come by TMA (UTMALDG in the SASS, pip's nvdisasm)
into the swizzled slots wgmma reads, completing on mbarriers the software pipeline waits on, num_stages - 1
iterations ahead, the wgmma left running one deep; its output tile leaves by TMA (UTMASTG) from shared memory
written in the boxes' swizzle; no spills at the benchmark's configs (ptxas -v); where TMA cannot address a
descriptor (row stride not a multiple of 16 elements) or its padding is NaN, the tiles are loaded through
pointers as before (and where it cannot address the output, stored through them)."""
import pytest

import pantile
import pantile.language as pl
from descriptor_matmul import descriptor_matmul_artifact, descriptor_specialization
from pantile.conformance.cases_tensor_memory import cases
from pantile.examples.matmul import descriptor_matmul_kernel
from pantile.ir import BlockType, TensorDescType, f16, f32
from pantile.runtime.args import parse_signature_type
from pantile.runtime.compiler import Specialization, compile_artifact, lower_to_target_ir
from pantile.targets.base import CompileOptions
from pantile.targets.cuda import wgmma
from pantile.targets.cuda.ptx import assemble, disassemble, find_tool
from pantile.targets.registry import get_target
from pantile.targets.simt.shared_layout import Swizzled
from pantile.targets.simt.tile_copy import box_of, stored_placement, write_wavefronts

# Triton tutorial 03's autotune list (BLOCK_M, BLOCK_N, BLOCK_K, num_warps, num_stages), as benchmarks/cuda.py runs
# it, and the two configs the pointer matmul's offline tests add; those of whole warpgroups run on wgmma
BENCH_CONFIGS = ((128, 256, 64, 8, 3), (64, 256, 32, 4, 4), (128, 128, 32, 4, 4), (128, 64, 32, 4, 4),
                 (64, 128, 32, 4, 4), (128, 32, 32, 4, 4), (128, 128, 64, 4, 3), (128, 128, 64, 8, 3))


def _tma_writes(rows: int, width: int, elem_bytes: int, r: int, c: int) -> int:
    """The byte offset at which TMA puts element (r, c) of a tile copied as boxes [rows, width] one after the
    other, each box's rows of `width` elements swizzled by the CUDA swizzle mode of that many bytes: 16-byte
    chunk bits [4, 4 + log2(span / 16)) xor the row bits from 7 up (CU_TENSOR_MAP_SWIZZLE_32B/64B/128B)."""
    span = width * elem_bytes
    box, col = divmod(c, width)
    at = (r * width + col) * elem_bytes
    return box * rows * span + (at ^ (((at >> 7) & (span // 16 - 1)) << 4))


@pytest.mark.parametrize("operand,m,n,k,warps", [(0, 128, 256, 64, 8), (1, 128, 256, 64, 8), (0, 64, 128, 32, 4),
                                                 (1, 64, 128, 32, 4), (1, 128, 32, 32, 4), (0, 64, 64, 16, 4)])
def test_tma_boxes_land_where_wgmma_reads(operand, m, n, k, warps) -> None:
    """Every element of the A or B tile that TMA copies in boxes of one swizzle row lands at the offset of
    wgmma's operand placement, for each swizzle span the tilings choose."""
    t = wgmma.tiling(m, n, k, warps)
    place = wgmma.operand_placement(operand, t, 2)
    rows, width = box_of(place)
    shape = (m, k) if operand == 0 else (k, n)
    assert rows == shape[0] and width * 2 in (32, 64, 128)
    for r in range(shape[0]):
        for c in range(shape[1]):
            assert _tma_writes(rows, width, 2, r, c) == place((r, c)) * 2, (r, c)


@pytest.mark.parametrize("m,n,warps,elem,span", [(128, 256, 8, f16, 128), (128, 128, 4, f16, 128),
                                                 (64, 256, 4, f16, 128), (128, 32, 4, f16, 64),
                                                 (128, 128, 8, f32, 32), (64, 64, 4, f32, 32)])
def test_every_accumulator_element_written_lands_where_the_tma_store_reads_it(m, n, warps, elem, span) -> None:
    """The epilogue writes each element of the [m, n] output from wgmma's accumulator layout (one writer per
    element) at the offset of its stored placement; the TMA store reads box k of [m, width] from k * m * width
    bytes on, swizzled by the box's row bytes: the same byte for every element, each byte once. The mode is the
    widest whose writes (two adjacent accumulators a lane) cost the fewest transactions their bytes allow: 128
    bytes for f16 rows; 32 for f32, where in the wider modes rows r and r ^ 1 share their banks."""
    acc = wgmma.accumulator_layout(wgmma.tiling(m, n, 16, warps))
    size = elem.bitwidth // 8
    place = stored_placement(BlockType((m, n), elem), acc)
    rows, width = box_of(place)
    assert (rows, width * size) == (m, span)
    written = {}
    for w in range(acc.num_warps):
        for lane in range(acc.num_lanes):
            for r in range(acc.num_registers):
                written.setdefault(acc.apply(r, lane, w), set()).add(place(acc.apply(r, lane, w)) * size)
    assert len(written) == m * n and all(len(at) == 1 for at in written.values())
    assert {c: at.pop() for c, at in written.items()} == {(r, c): _tma_writes(rows, width, size, r, c)
                                                         for r in range(m) for c in range(n)}
    stores = acc.num_registers // 2
    assert write_wavefronts(acc, place, size) == stores * (2 * size * 32 // 128)
    wider = [Swizzled.mode((m, n), size, s) for s in (64, 128) if span < s <= n * size]
    assert all(write_wavefronts(acc, p, size) > write_wavefronts(acc, place, size) for p in wider)


def test_placements_tma_cannot_write_have_no_box() -> None:
    assert box_of(Swizzled((64, 64), 2, 2, 4)) is None                 # 128-byte rows in a 64-byte pattern
    assert box_of(Swizzled.mode((64, 8), 2, 0)) is None                 # 16-byte rows: no swizzle span
    assert box_of(Swizzled.mode((64, 64), 2, 128)) == (64, 64)


def _needs_nvdisasm() -> None:
    assert find_tool("nvdisasm") is not None, "nvdisasm is needed: pip install nvidia-cuda-nvdisasm (dev/setup --test)"


@pytest.mark.parametrize("dtype", ["fp16", "bf16"])
def test_descriptor_matmul_loads_its_tiles_with_utmaldg(dtype: str) -> None:
    """A [128, 64] in one 128-byte-swizzled box, B [64, 256] in four (one per 128-byte block wgmma reads), each
    slot's two tiles completing on its mbarrier: two waits emitted (the loop's, and none elsewhere but the
    spin's retry), copies started in the prologue for stages 0 and 1 and in the loop for i + 2."""
    _needs_nvdisasm()
    art = descriptor_matmul_artifact(dtype, 128, 256, 64, 8, 3)
    ptx = art.asm["ptx"]
    copies = "cp.async.bulk.tensor.2d.shared::cluster.global.mbarrier::complete_tx::bytes"
    assert ptx.count(copies) == 3 * 5                                 # two in the prologue, one in the loop
    assert ptx.count("mbarrier.arrive.expect_tx.shared::cta.b64 _, [%r") == 3 * 2
    assert ", 16384;" in ptx and ", 32768;" in ptx                    # A's and B's bytes
    assert ptx.count("mbarrier.init.shared::cta.b64") == 4            # 3 stages + the slot a running wgmma reads
    assert ptx.count("mbarrier.try_wait.parity.shared::cta.b64") == 1
    assert ptx.count("wgmma.wait_group.sync.aligned \t1;") == 1
    assert "cp.async.cg.shared.global" not in ptx and "cvta.param.u64" in ptx
    assert "cp.async.wait_group" not in ptx and "cp.async.commit_group" not in ptx     # no cp.async groups at all
    sass = disassemble(art.binary)
    assert sass.count("UTMALDG.2D") == 3 * 5
    assert sass.count("HGMMA.64x256x16.F32" + (".BF16" if dtype == "bf16" else "")) == 4
    assert "SYNCS.PHASECHK.TRANS64.TRYWAIT" in sass and "WARPGROUP.DEPBAR.LE gsb0, 0x1" in sass
    assert "LDGSTS" not in sass and "LDL" not in sass and "STL" not in sass
    assert "warning" not in assemble(ptx, "sm_90a")[2]


STORE = "cp.async.bulk.tensor.2d.global.shared::cta.bulk_group"


@pytest.mark.parametrize("dtype", ["fp16", "bf16"])
def test_descriptor_matmul_stores_its_tile_with_utmastg(dtype: str) -> None:
    """C [128, 256] leaves as four boxes of [128, 64] (128-byte swizzle) that thread 0 copies out once every thread
    has written its accumulators to shared memory and fenced them for the async proxy; it waits until the copies
    have read the shared memory. Pointer stores are only the guard's other branch (no box of a matmul starts outside
    C: test_a_tile_copy_stores_only_where_its_box_starts_inside_the_tensor)."""
    _needs_nvdisasm()
    art = descriptor_matmul_artifact(dtype, 128, 256, 64, 8, 3)
    ptx = art.asm["ptx"]
    assert ptx.count(STORE) == 4 and ptx.count("fence.proxy.async.shared::cta;") == 1
    epilogue = ptx[ptx.index("fence.proxy.async.shared::cta;"):]
    assert epilogue.index("bar.sync") < epilogue.index(STORE)
    assert epilogue.index("cp.async.bulk.commit_group;") < epilogue.index("cp.async.bulk.wait_group.read 0;")
    assert ptx.count("cp.async.bulk.wait_group.read 0;") == 1
    assert [a.type.block.dims for a in art.args if a.name == "c_desc.tensormap"] == [(128, 64)]
    assert [a.writes for a in art.args if a.name == "c_desc"] == [True]
    sass = disassemble(art.binary)
    assert sass.count("UTMASTG.2D") == 4 and " STS" in sass
    assert "LDL" not in sass and "STL" not in sass


def test_a_tile_copy_stores_only_where_its_box_starts_inside_the_tensor() -> None:
    """After the target's passes C's store is an scf.if on 0 <= offset < size along both dimensions, the tile copy
    in its first branch and the store through pointers in the other; no other store is left."""
    spec = descriptor_specialization("fp16", 128, 128, 64)
    module = lower_to_target_ir(descriptor_matmul_kernel, spec, get_target("cuda:sm_90a"),
                                CompileOptions(num_warps=4, num_stages=3))
    guards = [op for op in module.walk() if op.name == "scf.if"]
    assert len(guards) == 1
    copied, fallback = ([op.name for op in r.entry.ops] for r in guards[0].regions)
    assert copied == ["pt.async_tile_store", "scf.yield"] and fallback.count("pt.store") == 1
    assert [op.name for op in module.walk()].count("pt.store") == 1
    assert guards[0].operands[0].owner.name == "pt.and"            # the condition: simt-guard-tile-stores' golden test


@pantile.jit
def rows_to_descriptor(x_ptr, y_desc, col, BM: pl.constexpr, BN: pl.constexpr):
    """Row block program_id(0) of a dense [*, BN] array stored through a descriptor from column `col` on."""
    rows = pl.program_id(0) * BM
    x = pl.load(x_ptr + (rows + pl.arange(0, BM)[:, None]) * BN + pl.arange(0, BN)[None, :])
    y_desc.store([rows, col], x)


def _rows_to_descriptor(proven: tuple[str, ...]) -> object:
    """rows_to_descriptor for a [*, 64] f16 tile with these parts of y_desc, or `col`, known multiples of 16."""
    f16_ptr = parse_signature_type("*fp16")
    sig = (("x_ptr", f16_ptr), ("y_desc", TensorDescType(BlockType((64, 64), f16), "zero")),
           ("col", parse_signature_type("i32")))
    attrs = (("x_ptr", (("divisibility", 16),)), ("y_desc", (("divisibility", 16),)),
             ("y_desc.strides.0", (("divisibility", 16),))) + tuple((name, (("divisibility", 16),)) for name in proven)
    return compile_artifact(rows_to_descriptor, Specialization(sig, (("BM", 64), ("BN", 64), ("y_desc.strides.1", 1)),
                                                               attrs), get_target("cuda:sm_90a"),
                            CompileOptions(num_warps=4))


def test_a_tile_loaded_through_pointers_is_stored_by_tma() -> None:
    """No dot: the tile keeps the coalesced layout of its load, is written to shared memory 16 bytes a lane, and
    leaves as one [64, 64] box (128-byte rows)."""
    art = _rows_to_descriptor(("y_desc.shape.1", "col"))
    ptx = art.asm["ptx"]
    assert ptx.count(STORE) == 1 and ptx.count("st.shared.v4.b32") == 4
    assert [a.type.block.dims for a in art.args if a.name == "y_desc.tensormap"] == [(64, 64)]


@pytest.mark.parametrize("proven", [("col",), ("y_desc.shape.1",)], ids=["ragged_rows", "unaligned_column"])
def test_a_store_tma_would_spill_past_the_rows_or_fault_on_goes_through_pointers(proven) -> None:
    """TMA drops what lies past a row only in whole 16-byte chunks, so rows not known to be a multiple of 16 bytes
    long (a view of 70 of 80 f32 columns) would have their padding overwritten; a box starting at a column not
    known to be 16 bytes into its row is an illegal instruction. Either way the tile is stored through pointers
    and the kernel takes no tensor map."""
    art = _rows_to_descriptor(proven)
    ptx = art.asm["ptx"]
    assert STORE not in ptx and "st.global" in ptx
    assert not any(".tensormap" in a.name for a in art.args)


@pytest.mark.parametrize("name,boxes", [("descriptor_arg/2d_edges/f16", 0), ("descriptor_arg/2d_edges/f64", 0),
                                        ("descriptor_arg/2d_edges/i32", 0), ("descriptor_arg/2d_shifted/f32", 0),
                                        ("descriptor_arg/2d_edges/i8", 0), ("descriptor_arg/2d_aligned/f32", 1)])
def test_the_conformance_tile_copies_between_descriptor_arguments_store_by_tma_where_it_is_exact(name, boxes) -> None:
    """The conformance cases that copy ragged (and shifted) tiles between TensorDescriptor arguments, specialised as
    their launch on the H100 specialises them: rows of 53 elements (no multiple of 16 bytes but for i8, whose 16-byte
    tile rows TMA does not store) and tiles 5 columns into a row go through pointers (on the H100 TMA wrote the
    chunk past column 53 whole, and a box 20 bytes into a row was an illegal instruction); rows of 64 f32 read
    from column 16 on, shifted up 3 rows, go by TMA where a box starts inside the tensor, through pointers where it
    starts above it or past its end (boxes that faulted on the H100 when copied)."""
    case = next(c for c in cases() if c.name == f"tensor_memory/{name}")
    spec, _, options = case.kernel.compile_request(case.make_inputs(), case.constexpr_dict())
    ptx = compile_artifact(case.kernel, spec, get_target("cuda:sm_90a"), options).asm["ptx"]
    assert ptx.count(STORE) == boxes and "st.global" in ptx


@pytest.mark.parametrize("config", [c for c in BENCH_CONFIGS if c[3] % 4 == 0], ids=lambda c: "x".join(map(str, c)))
def test_descriptor_matmul_has_no_spills_at_the_benchmark_configs(config) -> None:
    for dtype in ("fp16", "bf16"):
        art = descriptor_matmul_artifact(dtype, *config)
        assert art.metadata["spill_stores"] == 0 and art.metadata["spill_loads"] == 0, (dtype, art.metadata)
        ptx = art.asm["ptx"]
        assert "cp.async.bulk.tensor.2d.shared::cluster.global" in ptx and "wgmma.mma_async" in ptx
        assert ptx.count(STORE) == max(1, config[1] * 2 // 128)     # 128-byte boxes


def test_a_row_stride_tma_cannot_address_keeps_the_pointer_pipeline() -> None:
    """Row strides not known to be multiples of 16 elements: the loads are pointer loads, pipelined into the same
    swizzled slots as before TMA (element by element: nothing proves wider copies aligned), still read by wgmma;
    no tensor-map parameter."""
    art = descriptor_matmul_artifact("fp16", 128, 128, 64, 4, 3, stride_div16=False)
    ptx = art.asm["ptx"]
    assert "cp.async.bulk.tensor" not in ptx and "mbarrier" not in ptx and "st.global" in ptx
    assert "cp.async.wait_group" in ptx and "wgmma.mma_async" in ptx
    assert not any(".tensormap" in a.name for a in art.args)


def test_padding_nan_keeps_the_cp_async_pipeline() -> None:
    """A and B padded with NaN: their tiles are loaded through pointers; C's store still goes by TMA (a store has no
    padding)."""
    spec = descriptor_specialization("fp16", 128, 128, 64)
    nan = tuple((name, TensorDescType(t.block, "nan") if name in ("a_desc", "b_desc") else t)
                for name, t in spec.signature)
    art = compile_artifact(descriptor_matmul_kernel, Specialization(nan, spec.constexprs, spec.arg_attrs),
                           get_target("cuda:sm_90a"), CompileOptions(num_warps=4, num_stages=3))
    assert "cp.async.bulk.tensor.2d.shared::cluster" not in art.asm["ptx"] and "mbarrier" not in art.asm["ptx"]
    assert "ld.global" in art.asm["ptx"]                  # loads through pointers, NaN where masked off
    assert art.asm["ptx"].count(STORE) == 2


def test_sm80_lowers_descriptor_loads_to_pointers() -> None:
    """No TMA before Hopper: the neutral pipeline lowers every descriptor load (mma.sync reads the slots)."""
    art = descriptor_matmul_artifact("fp16", 128, 128, 32, 4, 3, arch="cuda:sm_80")
    assert "cp.async.bulk" not in art.asm["ptx"] and "mbarrier" not in art.asm["ptx"]
    assert "mma.sync.aligned.m16n8k16" in art.asm["ptx"] and "desc_load" not in art.asm["pt"]
    assert "desc_store" not in art.asm["pt"] and "st.global" in art.asm["ptx"]
