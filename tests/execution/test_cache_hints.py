"""Cache hints as Triton takes them: None is no hint for loads and stores (tutorial 10's AMD kernel loads with
cache_modifier=None), and stores take Triton's store-only hints '.wb', '.cs', '.wt' (it stores with '.wt');
hints change no result."""
import numpy as np
import pytest

import pantile as triton
import pantile.language as tl


@triton.jit
def copy_with_hints(src, dst, n, LOAD_HINT: tl.constexpr, STORE_HINT: tl.constexpr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(src + offs, mask=mask, cache_modifier=LOAD_HINT, eviction_policy=None)
    tl.store(dst + offs, x * 2, mask=mask, cache_modifier=STORE_HINT, eviction_policy=None)


@triton.jit
def load_with_store_hint(src, dst):
    tl.store(dst, tl.load(src, cache_modifier=".wt"))


@pytest.mark.parametrize("load_hint, store_hint", [(None, None), ("", ".wb"), (".cg", ".cs"), (None, ".wt")])
def test_none_and_store_only_hints_change_no_result(load_hint, store_hint):
    src = np.arange(50, dtype=np.float32)
    dst = np.zeros(64, np.float32)
    copy_with_hints[(1,)](src, dst, 50, LOAD_HINT=load_hint, STORE_HINT=store_hint, BLOCK=64)
    np.testing.assert_array_equal(dst[:50], 2 * src)
    np.testing.assert_array_equal(dst[50:], 0)


def test_a_store_only_hint_on_a_load_is_refused():
    with pytest.raises(triton.CompilationError, match="unknown cache_modifier '.wt'"):
        load_with_store_hint[(1,)](np.zeros(1, np.float32), np.zeros(1, np.float32))
