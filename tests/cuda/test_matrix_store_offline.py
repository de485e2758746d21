"""Layout conversions out of the mma and wgmma accumulators on sm_90 store whole 8x8 matrices (stmatrix) instead of
a 4-byte pair per store: the matrix stores, simulated as the PTX ISA states stmatrix, put every element where the
exchange's placement wants it; they touch the same bank words per group as the pair stores did; and the persistent
matmul's epilogue (Triton's persistent tutorial configs) stores its f16 tile with stmatrix.x4 and reads it back in
16-byte loads."""
import pytest

from pantile.targets.cuda import mma, wgmma
from pantile.targets.simt.linear_layout import LinearLayout
from pantile.targets.simt.matrix_store import ROW_BYTES, matrix_rows
from pantile.targets.simt.shared_layout import Swizzled, access_wavefronts

from test_persistent_matmul import CONFIGS, persistent_artifact

ACCUMULATORS = {"wgmma_128x128_8warps": wgmma.accumulator_layout(wgmma.tiling(128, 128, 64, 8)),
                "wgmma_128x256_8warps": wgmma.accumulator_layout(wgmma.tiling(128, 256, 64, 8)),
                "mma_64x64_4warps": mma.accumulator_layout(64, 64, 4),
                "mma_16x8_1warp": mma.accumulator_layout(16, 8, 1),
                "mma_16x16_1warp": mma.accumulator_layout(16, 16, 1)}


def _stmatrix(rows: LinearLayout, layout: LinearLayout, offsets) -> dict:
    """PTX ISA, stmatrix.sync.aligned.m8n8.x{1,2,4}.b16 per warp and instruction: lane l passes the address of row
    l % 8 of matrix l / 8; word j of lane l (registers 2 j and 2 j + 1 of the instruction's share) is elements
    2 (l % 4) and 2 (l % 4) + 1 of row l / 4 of matrix j. -> {element offset written: coordinates}."""
    matrices = layout.num_registers // 2 // rows.num_registers
    written: dict = {}
    for w in range(layout.num_warps):
        for i in range(rows.num_registers):
            for j in range(matrices):
                for lane in range(32):
                    start = offsets(rows.apply(i, (j << 3) | (lane >> 2), w))
                    for half in (0, 1):
                        at = start + 2 * (lane % 4) + half
                        coords = layout.apply(2 * (i * matrices + j) + half, lane, w)
                        assert written.setdefault((w, at), coords) == coords
    return written


@pytest.mark.parametrize("name", ACCUMULATORS)
def test_matrix_stores_place_every_element_where_the_exchange_reads_it(name) -> None:
    layout = ACCUMULATORS[name]
    offsets = Swizzled(layout.shape, 2)
    rows = matrix_rows(layout, offsets, 2)
    assert rows is not None
    written = _stmatrix(rows, layout, offsets)
    assert all(offsets(c) == at for (_, at), c in written.items())
    assert len({c for c in written.values()}) == layout.shape[0] * layout.shape[1]


@pytest.mark.parametrize("name", ACCUMULATORS)
def test_matrix_stores_cost_the_transactions_of_the_pair_stores(name) -> None:
    layout = ACCUMULATORS[name]
    for offsets in (Swizzled(layout.shape, 2), Swizzled(layout.shape, 2, 1, 1)):
        pairs = LinearLayout(layout.register[1:], layout.lane, layout.warp, layout.shape)
        assert access_wavefronts(matrix_rows(layout, offsets, 2), offsets, 2, ROW_BYTES) == access_wavefronts(
            pairs, offsets, 2, 4)


def test_only_16_bit_matrix_rows_are_stored_as_matrices() -> None:
    acc = ACCUMULATORS["mma_64x64_4warps"]
    assert matrix_rows(acc, Swizzled(acc.shape, 4), 4) is None                      # f32 accumulators
    transposed = Swizzled((acc.shape[1], acc.shape[0]), 2)
    assert matrix_rows(acc, lambda c: transposed((c[1], c[0])), 2) is None           # rows run down a column
    blocked = LinearLayout(((0, 1), (0, 2), (0, 4)), ((0, 8), (0, 16), (0, 32), (1, 0), (2, 0)), ((4, 0), (8, 0)),
                           (16, 64))
    assert matrix_rows(blocked, Swizzled(blocked.shape, 2), 2) is None               # 8 consecutive per lane


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: "x".join(map(str, c)))
def test_the_persistent_epilogue_stores_matrices_and_loads_16_bytes(config) -> None:
    bm, bn = config[:2]
    ptx = persistent_artifact(config).asm["ptx"]
    per_thread = bm * bn // (32 * config[3])            # f16 elements of the tile each thread holds
    assert ptx.count("stmatrix.sync.aligned.m8n8.x4.shared.b16") == per_thread // 8
    assert ptx.count("ld.shared.v4.b32") == per_thread // 8
    assert "st.shared" not in ptx and ptx.count("ld.shared") == per_thread // 8
