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
