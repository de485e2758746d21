"""The example matmul with f32 inputs at tf32 precision and with fp8 inputs, executed on the GPU against numpy, ragged
shapes included: on sm_90a both run on wgmma (checked in the compiled kernel: m64nNk8 .tf32, m64nNk32 .e4m3/.e5m2),
tf32 within the bound of an f32 sum of inputs rounded to nearest tf32 (ties away), as every other tf32 path
rounds them; fp8 (B pre-transposed, as Triton's tutorial passes it: K-major) near the products of the decoded
inputs summed, then rounded to f16. Skips off the GPU, printing why."""
import numpy as np
import pytest

import pantile
import pantile.language as pl
from pantile.conformance.formats import as_dot_inputs, decode, encode
from pantile.conformance.tolerance import accumulation
from pantile.examples.matmul import matmul_kernel

# (BLOCK_M, BLOCK_N, BLOCK_K, num_warps, num_stages)
TF32_CONFIGS = ((128, 128, 32, 4, 3), (128, 256, 32, 8, 3), (64, 64, 16, 4, 4))
FP8_CONFIGS = ((128, 256, 128, 8, 3), (128, 128, 128, 4, 4), (64, 128, 64, 4, 4))
SHAPES = ((256, 256, 256), (333, 200, 1000), (100, 72, 40), (64, 300, 16))
FP8 = {"f8e4m3": pl.float8e4nv, "f8e5m2": pl.float8e5}


def _run(gpu, a, b, c, strides_b: tuple[int, int], config: tuple, mnk: tuple[int, int, int]):
    bm, bn, bk, warps, stages = config
    m, n, k = mnk
    grid = (pantile.cdiv(m, bm) * pantile.cdiv(n, bn),)
    with pantile.target(gpu.arch):
        return matmul_kernel[grid](a, b, c, m, n, k, k, 1, *strides_b, n, 1, BLOCK_M=bm, BLOCK_N=bn, BLOCK_K=bk,
                                   GROUP_M=8, num_warps=warps, num_stages=stages)


@pytest.mark.parametrize("config", TF32_CONFIGS, ids=lambda c: "x".join(map(str, c)))
@pytest.mark.parametrize("mnk", SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_tf32_matmul_matches_numpy(gpu, mnk, config) -> None:
    m, n, k = mnk
    rng = np.random.default_rng(m * n + k)
    a, b = rng.standard_normal((m, k), dtype=np.float32), rng.standard_normal((k, n), dtype=np.float32)
    c = np.full((m, n), np.nan, np.float32)
    compiled = _run(gpu, a, b, c, (n, 1), config, mnk)
    a64, b64 = (as_dot_inputs(x, gpu.capabilities.f32_dot_inputs).astype(np.float64) for x in (a, b))
    mismatch = accumulation(k + 2, "f32").compare("f32", c, (a64 @ b64, np.abs(a64) @ np.abs(b64)))
    assert mismatch is None, str(mismatch)
    assert ("wgmma.mma_async.sync.aligned.m64n" in compiled.asm["ptx"] and ".tf32.tf32" in compiled.asm["ptx"]) \
        == gpu.info.wgmma, "tf32 dots run on wgmma exactly on sm_90a"


@pytest.mark.parametrize("config", FP8_CONFIGS, ids=lambda c: "x".join(map(str, c)))
@pytest.mark.parametrize("mnk", SHAPES, ids=lambda s: "x".join(map(str, s)))
@pytest.mark.parametrize("fmt", FP8)
def test_fp8_matmul_with_k_major_b_matches_numpy(gpu, fmt, mnk, config) -> None:
    """e4m3 x e4m3 (and e5m2 x e5m2) -> f32 -> f16; B is handed over as its transpose's storage ([N, K]
    row-major, strides (1, K)), as Triton's fp8 tutorial does."""
    why = gpu.capabilities.unsupported(dtypes=[fmt], dot=[fmt])
    if why:
        print(f"skipping on {gpu.arch}: {why}")
        pytest.skip(why)
    m, n, k = mnk
    rng = np.random.default_rng(m + n * k)
    a_bits = encode(fmt, rng.standard_normal((m, k)))
    bt_bits = encode(fmt, rng.standard_normal((n, k)))
    c = np.full((m, n), np.nan, np.float16)
    compiled = _run(gpu, pantile.reinterpret(a_bits, FP8[fmt]), pantile.reinterpret(bt_bits, FP8[fmt]), c, (1, k),
                    config, mnk)
    a64, b64 = decode(fmt, a_bits).astype(np.float64), decode(fmt, bt_bits).astype(np.float64).T
    want, scale = a64 @ b64, np.abs(a64) @ np.abs(b64)
    # Hopper's tensor cores add fp8 products in fewer bits than f32 (the PTX ISA leaves it open): 2**-8 of the sum
    # of magnitudes, then one f16 rounding (half an f16 ulp); a misplaced element is off by ~scale / sqrt(K)
    bound = 2.0 ** -8 * scale
    np.testing.assert_array_less(np.abs(c.astype(np.float64) - want), bound + 2.0 ** -11 * (np.abs(want) + bound)
                                 + 2.0 ** -25)
    ptx = compiled.asm["ptx"]
    kind = fmt[2:]
    assert (f"k32.f32.{kind}.{kind}" in ptx) == gpu.info.wgmma, "fp8 dots run on wgmma exactly on sm_90a"
