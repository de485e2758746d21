"""The byte spans numpy arguments cover, which device launchers stage (cuda) or wrap (intel): offline."""
import numpy as np
import pytest

from pantile.ir import PointerType, f32, i32
from pantile.targets.base import ArgSpec
from pantile.targets.host_staging import byte_span, stage_arrays


def _address(a: np.ndarray) -> int:
    return a.ctypes.data


@pytest.mark.parametrize("view, first, last", [
    (lambda a: a, (0, 0), (5, 7)),
    (lambda a: a.T, (0, 0), (5, 7)),
    (lambda a: a[:, ::2], (0, 0), (5, 6)),
    (lambda a: a[1:4, 2:5], (1, 2), (3, 4)),
    (lambda a: a[::-1, ::-3], (0, 1), (5, 7)),
    (lambda a: a[2], (2, 0), (2, 7)),
])
def test_span_runs_from_the_lowest_to_the_highest_addressed_element(view, first, last):
    base = np.zeros((6, 8), np.float32)
    start, stop = byte_span(view(base))
    element = lambda i, j: _address(base) + 4 * (8 * i + j)  # noqa: E731
    assert start == element(*first)
    assert stop == element(*last) + 4


def test_broadcast_and_empty_views():
    base = np.zeros(10, np.float64)
    assert byte_span(np.broadcast_to(base[3:4], (5, 7))) == (_address(base[3:]), _address(base[3:]) + 8)
    empty = base[4:4]
    assert byte_span(empty) == (_address(empty), _address(empty))


def test_overlapping_arguments_share_a_span_and_keep_their_offsets():
    base = np.zeros(64, np.float32)
    other = np.zeros(8, np.int32)
    specs = [ArgSpec("x", PointerType(f32)), ArgSpec("n", i32), ArgSpec("y", PointerType(f32), writes=True),
             ArgSpec("z", PointerType(i32)), ArgSpec("w", PointerType(f32))]
    spans, placed = stage_arrays(specs, [base[10:20], 5, base[::-1], other, base[30:]])
    assert set(placed) == {0, 2, 3, 4}
    shared, alone = placed[0].span, placed[3].span
    assert placed[2].span is shared and placed[4].span is shared and alone is not shared
    assert (shared.start, shared.stop, shared.written) == (_address(base), _address(base) + 256, True)
    assert (alone.start, alone.nbytes, alone.written) == (_address(other), 32, False)
    assert (placed[0].offset, placed[2].offset, placed[4].offset, placed[3].offset) == (40, 252, 120, 0)
    assert sorted(spans, key=lambda s: s.start) == spans and len(spans) == 2


def test_a_span_views_the_host_memory_itself():
    x = np.arange(12, dtype=np.int32).reshape(3, 4).T
    (span,), placed = stage_arrays([ArgSpec("x", PointerType(i32), writes=True)], [x])
    view = span.view()
    assert view.nbytes == 48 and view.ctypes.data == _address(x)
    view[4:8] = np.frombuffer(np.int32(-1).tobytes(), np.uint8)
    assert x[1, 0] == -1
