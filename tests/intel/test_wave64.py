"""Wave64 executed: the shared SIMT lowering at a warp of 64 lanes (the AMD CDNA wavefront) runs on Intel's CPU
runtime with a required sub-group size of 64, so 64-lane reductions, scans and layout conversions are executed
and compared with numpy, not only compiled."""
import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile.runtime.compiler import Specialization, compile_artifact
from pantile.runtime.args import parse_signature_type
from pantile.targets.base import CompileOptions
from pantile.targets.registry import get_target

WARP = 64


@pantile.jit
def row_stats(x, sums, maxes, cums, COLS: tl.constexpr):
    row = tl.program_id(0)
    offs = tl.arange(0, COLS)
    v = tl.load(x + row * COLS + offs)
    tl.store(sums + row, tl.sum(v, axis=0))
    tl.store(maxes + row, tl.max(v, axis=0))
    tl.store(cums + row * COLS + offs, tl.cumsum(v, axis=0))


@pantile.jit
def transpose(x, out, R: tl.constexpr, C: tl.constexpr):
    r, c = tl.arange(0, R), tl.arange(0, C)
    tile = tl.load(x + r[:, None] * C + c[None, :])
    tl.store(out + c[:, None] * R + r[None, :], tl.trans(tile))


def _launch(fn, signature, constexprs, grid, args, num_warps):
    target = get_target("intel:spirv")
    spec = Specialization(tuple((k, parse_signature_type(v)) for k, v in signature.items()),
                          tuple(constexprs.items()), ())
    art = compile_artifact(fn, spec, target, CompileOptions(num_warps=num_warps, extra=(("warp_size", WARP),)),
                           validate=True)
    assert art.metadata["sub_group_size"] == WARP and art.metadata["local_size"] == WARP * num_warps
    target.launcher(art)(grid, args)


@pytest.mark.parametrize("num_warps", (1, 4))
def test_64_lane_reductions_and_scans(num_warps):
    x = np.random.default_rng(0).integers(-100, 100, size=(3, 512)).astype(np.int32)
    sums, maxes, cums = np.zeros(3, np.int32), np.zeros(3, np.int32), np.zeros_like(x)
    _launch(row_stats, {"x": "*i32", "sums": "*i32", "maxes": "*i32", "cums": "*i32"}, {"COLS": 512}, (3, 1, 1),
            [x, sums, maxes, cums], num_warps)
    np.testing.assert_array_equal(sums, x.sum(axis=1))
    np.testing.assert_array_equal(maxes, x.max(axis=1))
    np.testing.assert_array_equal(cums, np.cumsum(x, axis=1))


@pytest.mark.parametrize("num_warps", (1, 2))
def test_64_lane_layout_conversion(num_warps):
    x = np.arange(16 * 64, dtype=np.float32).reshape(16, 64)
    out = np.zeros((64, 16), np.float32)
    _launch(transpose, {"x": "*fp32", "out": "*fp32"}, {"R": 16, "C": 64}, (1, 1, 1), [x, out], num_warps)
    np.testing.assert_array_equal(out, x.T)


def test_a_sub_group_size_the_device_lacks_is_refused():
    with pytest.raises(ValueError, match=r"intel:spirv: sub-group size 128 is not offered by"):
        get_target("intel:spirv").hooks(CompileOptions(extra=(("warp_size", 128),)))
