"""Linear layouts: blocked and slice forms, their maps, text round trip, and the layout choice."""
import pytest

from pantile.targets.simt.layout_assign import choose_blocked
from pantile.targets.simt.linear_layout import (BlockedLayout, LinearLayout, SliceLayout, parse_layout,
                                                zero_dims)

BLOCKED = BlockedLayout((1, 4), (4, 8), (4, 1), (1, 0))


def test_blocked_bases_walk_registers_then_lanes_then_warps() -> None:
    lay = BLOCKED.to_linear((64, 64))
    assert lay.register == ((0, 1), (0, 2), (0, 32), (16, 0), (32, 0))
    assert lay.lane == ((0, 4), (0, 8), (0, 16), (1, 0), (2, 0))
    assert lay.warp == ((4, 0), (8, 0))
    assert lay.apply(register=1, lane=3, warp=2) == (8, 1 ^ 4 ^ 8)


def test_blocked_layout_over_a_small_block_replicates() -> None:
    lay = BLOCKED.to_linear((4, 8))
    assert lay.register == ((0, 1), (0, 2))
    assert lay.lane == ((0, 4), (0, 0), (0, 0), (1, 0), (2, 0))
    assert lay.warp == ((0, 0), (0, 0))
    assert lay.replicated_mask("lane") == 0b110
    assert lay.replicated_mask("warp") == 0b11


def test_every_element_has_exactly_one_owner_when_nothing_is_replicated() -> None:
    lay = BLOCKED.to_linear((64, 64))
    owners = {lay.apply(r, l, w) for r in range(lay.num_registers) for l in range(32) for w in range(4)}
    assert len(owners) == 64 * 64


def test_slice_drops_the_dimension_and_replicates_its_threads() -> None:
    s = SliceLayout(1, BLOCKED).to_linear((64,))
    assert s.register == ((16,), (32,))
    assert s.lane == ((0,), (0,), (0,), (1,), (2,))
    assert s.warp == ((4,), (8,))


def test_text_round_trip() -> None:
    for lay in (BLOCKED, SliceLayout(0, BLOCKED), BLOCKED.to_linear((16, 32))):
        assert parse_layout(str(lay)) == lay
    assert str(SliceLayout(0, BLOCKED)) == ("#slice<dim = 0, parent = #blocked<spt = [1, 4], tpw = [4, 8], "
                                            "wpc = [4, 1], order = [1, 0]>>")


def test_broadcast_is_a_register_renaming() -> None:
    dst = BLOCKED.to_linear((64, 64))
    src = BLOCKED.to_linear((1, 64))
    sources = dst.local_sources(src, zero_dims([0]))
    assert sources is not None and len(sources) == dst.num_registers
    assert sources[:4] == [0, 1, 2, 3] and sources[8:12] == [0, 1, 2, 3]


def test_a_transpose_is_not_local() -> None:
    lay = BLOCKED.to_linear((64, 64))
    assert lay.local_sources(lay, lambda v: (v[1], v[0])) is None


def test_non_power_of_two_shapes_are_rejected() -> None:
    with pytest.raises(ValueError, match=r"layout dimensions must be powers of two, got \[48\]"):
        LinearLayout((), (), (), (48,))


def test_choose_blocked_puts_vectors_along_the_contiguous_dimension() -> None:
    assert choose_blocked((1024,), 4, 32, vec=4) == BlockedLayout((4,), (32,), (4,), (0,))
    assert choose_blocked((128,), 4, 32, vec=4) == BlockedLayout((1,), (32,), (4,), (0,))
    assert choose_blocked((64, 64), 4, 32, vec=4) == BlockedLayout((1, 4), (2, 16), (4, 1), (1, 0))
    assert choose_blocked((64, 64), 4, 32, vec=4, order=(0, 1)) == BlockedLayout((4, 1), (16, 2), (1, 4), (0, 1))


def test_swizzled_offsets_are_a_linear_permutation() -> None:
    from itertools import product

    from pantile.targets.simt.shared_layout import Swizzled
    for shape, elem in (((64, 32), 2), ((16, 64), 4), ((8, 8), 4)):
        sw = Swizzled(shape, elem)
        coords = list(product(range(shape[0]), range(shape[1])))
        assert sorted(sw(c) for c in coords) == list(range(shape[0] * shape[1]))
        for a, b in ((coords[5], coords[77 % len(coords)]), (coords[-1], coords[3])):
            assert sw((a[0] ^ b[0], a[1] ^ b[1])) == sw(a) ^ sw(b)


def test_swizzle_spreads_a_column_read_over_the_banks() -> None:
    from pantile.targets.simt.shared_layout import Swizzled
    sw = Swizzled((64, 32), 2)            # f16 rows of 64 bytes: 2 rows per 128-byte line
    banks = {(sw((row, 2 * t)) * 2 // 4) % 32 for row in range(8) for t in range(4)}
    assert len(banks) == 32               # the mma.sync A-fragment read: no conflicts
