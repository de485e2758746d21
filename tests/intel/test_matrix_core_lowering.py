"""The AMD matrix-core dot lowering executed without AMD hardware.

Intel's CPU runtime runs the shared SIMT lowering at sub-group sizes 64 and 32. Here its hook set takes the
AMD target's matrix-core hooks (targets/hip/fragments.py MatrixCoreHooks: the MFMA and WMMA fragment
layouts, the operands' LDS placement, the per-tile issue order of targets/simt/matrix_tiles.py) with one
change: each instruction is computed from its documented lane mapping (the formulas below, written from AMD's
ISA guides, not from pantile's layouts) in local memory instead of calling the intrinsic. Dots then run and
are compared with numpy: a wrong fragment layout, LDS placement or register order gives wrong numbers here.
"""
import numpy as np
import pytest
from llvmlite import ir as llir

import pantile
import pantile.language as tl
from pantile.runtime.cache import DiskCache
from pantile.runtime.compiler import Specialization, compile_artifact
from pantile.runtime.args import parse_signature_type
from pantile.targets.base import CompileOptions
from pantile.targets.hip.arch import ARCHS
from pantile.targets.hip.fragments import MatrixCoreHooks
from pantile.targets.intel.hooks import IntelHooks
from pantile.targets.intel.target import IntelTarget
from pantile.ir import scalar
from pantile.targets.llvm import cast
from pantile.targets.registry import get_target

I32, F32, F32_T = llir.IntType(32), llir.FloatType(), scalar("f32")


def documented(family: str, tile: int):
    """Where element e of lane l sits in A [m, k], B [k, n] and the accumulators D [m, n], as IR (row, column).

    MFMA (wave64, `tile` 32 or 16, g = 64 / tile lane groups): A[l % tile, 4 (l / tile) + e],
    B[4 (l / tile) + e, l % tile], D[4 g (e / 4) + 4 (l / tile) + e % 4, l % tile].
    WMMA (gfx11, wave32): A[l % 16, e], B[e, l % 16], D[2 e + l / 16, l % 16]."""
    shift = tile.bit_length() - 1

    def group(b, lane):                                 # l / tile
        return b.lshr(lane, I32(shift))

    def within(b, lane):                                # l % tile
        return b.and_(lane, I32(tile - 1))

    if family == "mfma":
        def a(b, lane, e):
            return within(b, lane), b.add(b.shl(group(b, lane), I32(2)), I32(e))

        def d(b, lane, e):
            return b.add(b.shl(group(b, lane), I32(2)), I32(4 * (64 // tile) * (e // 4) + e % 4)), within(b, lane)
    else:
        def a(b, lane, e):
            return within(b, lane), I32(e)

        def d(b, lane, e):
            return b.add(group(b, lane), I32(2 * e)), within(b, lane)

    def b_(b, lane, e):
        row, col = a(b, lane, e)
        return col, row
    return a, b_, d


class EmulatedMatrixCores(MatrixCoreHooks, IntelHooks):
    """Intel's hooks with an AMD architecture's matrix-core hooks, each instruction emulated in local memory."""

    def __init__(self, base: IntelHooks, matrix) -> None:
        IntelHooks.__init__(self, base.warp_size, base.static_shared_limit)
        self.matrix = matrix

    def issue(self, lw, op, ins, tiled):
        """D = A B + C by the documented mapping: the lanes put their A and B elements where it says (B
        transposed) in a region of their warp's own, then each accumulator reads its row of A and column of B."""
        b = lw.b
        m, n, k = ins.shape
        src = op.operands[0].type.scalar
        where_a, where_b, where_d = documented(ins.mnemonic.split("_")[1], m)
        words = (m + n) * k
        region = llir.GlobalVariable(lw.module, llir.ArrayType(F32, words * lw.num_warps),
                                     lw.module.get_unique_name("emulated_matrix_core"), addrspace=3)
        region.linkage, region.initializer = "internal", llir.Constant(region.value_type, llir.Undefined)
        mine = b.mul(lw.warp, I32(words))

        def at(offset):
            return b.gep(region, [I32(0), b.add(mine, offset)])

        def call(a_vals, b_vals, accs):
            self.barrier(b)                                 # the previous instruction's reads are done
            for e, v in enumerate(a_vals):
                row, kk = where_a(b, lw.lane, e)
                b.store(cast(b, v, src, F32_T), at(b.add(b.mul(row, I32(k)), kk)))
            for e, v in enumerate(b_vals):
                kk, col = where_b(b, lw.lane, e)
                b.store(cast(b, v, src, F32_T), at(b.add(b.add(b.mul(col, I32(k)), kk), I32(m * k))))
            self.barrier(b)
            out = []
            for e, total in enumerate(accs):
                row, col = where_d(b, lw.lane, e)
                a_row = b.load(at(b.mul(row, I32(k))), typ=llir.VectorType(F32, k))
                b_col = b.load(at(b.add(b.mul(col, I32(k)), I32(m * k))), typ=llir.VectorType(F32, k))
                for kk in range(k):
                    total = b.fadd(total, b.fmul(b.extract_element(a_row, I32(kk)), b.extract_element(b_col, I32(kk))))
                out.append(total)
            return out
        return call


@pytest.fixture
def amd_matrix_cores_on_intel(monkeypatch):
    """Make intel:spirv's hooks those of `arch`'s matrix cores, emulated; returns the patched target."""
    def use(arch: str):
        original = IntelTarget.hooks
        monkeypatch.setattr(IntelTarget, "hooks",
                            lambda self, options: EmulatedMatrixCores(original(self, options), ARCHS[arch].matrix))
        return get_target("intel:spirv")
    return use


@pantile.jit
def one_dot(a, b, c, M: tl.constexpr, N: tl.constexpr, K: tl.constexpr):
    m, n, k = tl.arange(0, M), tl.arange(0, N), tl.arange(0, K)
    x = tl.load(a + m[:, None] * K + k[None, :])
    y = tl.load(b + k[:, None] * N + n[None, :])
    tl.store(c + m[:, None] * N + n[None, :], tl.dot(x, y))


def _as(dtype: str, x: np.ndarray) -> np.ndarray:
    """float32 values as f16, or as bf16 bits (exact: they are small integers)."""
    return x.astype(np.float16) if dtype == "f16" else (x.view(np.uint32) >> 16).astype(np.uint16)


# (arch whose matrix cores are emulated, dtype, M, N, K, warps, instruction): two k steps of the 32x32 MFMA; the
# 16x16 MFMA with the warps along M; WMMA with two tiles along N in each warp. (A few dots: Intel's compiler
# takes 15-40 s a kernel at these sub-group sizes.)
CASES = [("gfx942", "f16", 32, 32, 16, 1, "v_mfma_f32_32x32x8_f16"),
         ("gfx942", "bf16", 32, 16, 32, 2, "v_mfma_f32_16x16x16_bf16"),
         ("gfx1100", "f16", 32, 32, 16, 2, "v_wmma_f32_16x16x16_f16")]


@pytest.mark.parametrize("arch,dtype,m,n,k,warps,mnemonic", CASES)
def test_a_dot_on_emulated_matrix_cores_matches_numpy(amd_matrix_cores_on_intel, tmp_path, arch, dtype, m, n, k,
                                                     warps, mnemonic):
    target = amd_matrix_cores_on_intel(arch)
    wave = ARCHS[arch].wavefront
    options = CompileOptions(num_warps=warps, num_stages=1, extra=(("warp_size", wave),))
    assert target.hooks(options)._tiled(dtype, m, n, k, warps, False)[0].mnemonic == mnemonic
    sig = (("a", parse_signature_type("*" + dtype)), ("b", parse_signature_type("*" + dtype)),
           ("c", parse_signature_type("*fp32")))
    art = compile_artifact(one_dot, Specialization(sig, (("M", m), ("N", n), ("K", k)), ()), target, options,
                           cache=DiskCache(tmp_path), validate=True)
    assert art.metadata["sub_group_size"] == wave
    rng = np.random.default_rng(3)
    a = rng.integers(-3, 4, (m, k)).astype(np.float32)
    b = rng.integers(-3, 4, (k, n)).astype(np.float32)
    c = np.zeros((m, n), np.float32)
    target.launcher(art)((1, 1, 1), [_as(dtype, a), _as(dtype, b), c])
    np.testing.assert_array_equal(c, a @ b)
