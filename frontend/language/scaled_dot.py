"""tl.dot_scaled: matrix product of microscaling (MX) operands, upcast to bf16 (fp16 when an operand is fp16)
and multiplied with tl.dot, so every target has it without a native scaled-dot instruction.

An MX operand holds e2m1 (two per byte, the low nibble first, packed along K unless k_pack is False), e4m3 or
e5m2 codes (as uint8, or typed tl.float8e4nv / tl.float8e5); every 32 consecutive elements along K share one
e8m0 scale byte s, worth 2**(s - 127) (0 is 2**-127, 255 NaN). The lhs scale is [M, K // 32], the rhs scale
[N, K // 32]; NVIDIA's nvfp4 instead scales every 16 elements by an e4m3 value (a tl.float8e4nv scale of
[rows, K // 16]). An operand without a scale is used as given (fp8 codes, bf16 or fp16 values).
"""
from __future__ import annotations

from typing import Any

from ..errors import LanguageError
from .core import builtin, dtype, tensor, unwrap
from .elementwise import as_tensor, binary, cast, compare, where
from .linalg import dot
from .shape import broadcast_to, expand_dims, join, permute, reshape

_FORMATS = ("e2m1", "e4m3", "e5m2", "bf16", "fp16")
_FP8 = {"e4m3": "fp8e4nv", "e5m2": "fp8e5"}
u8, u32, f32 = dtype("uint8"), dtype("uint32"), dtype("fp32")


def _e2m1_values(codes: tensor) -> tensor:
    """The f32 values of e2m1 codes (the low 4 bits of u8): sign, 2 exponent bits (bias 1), 1 mantissa bit."""
    e = binary("&", binary(">>", codes, 1), 3)
    m = binary("&", codes, 1)
    # twice the magnitude is an integer: m for subnormals, (2 + m) << (e - 1) otherwise
    shift = binary("-", where(compare("==", e, 0), cast(1, u8), e), 1)      # e - 1, kept >= 0
    normal = binary("<<", binary("+", m, 2), shift)
    twice = where(compare("==", e, 0), m, normal)
    magnitude = binary("*", cast(twice, f32), 0.5)
    return where(compare("!=", binary("&", codes, 8), 0), binary("-", 0.0, magnitude), magnitude)


def _unpack_e2m1(x: tensor, along_rows: bool) -> tensor:
    """Two e2m1 values per byte, low nibble first, spread along dimension 0 (along_rows) or 1."""
    lo = _e2m1_values(binary("&", x, 15))
    hi = _e2m1_values(binary(">>", x, 4))
    rows, cols = x.shape
    pairs = join(lo, hi)                            # [rows, cols, 2]
    if along_rows:
        return reshape(permute(pairs, (0, 2, 1)), (2 * rows, cols))
    return reshape(pairs, (rows, 2 * cols))


def _values(x: Any, fmt: str, k_dim: int, k_pack: bool, name: str) -> tensor:
    """The operand as f32 values, [M, K] for the lhs (k_dim 1) or [K, N] for the rhs (k_dim 0)."""
    x = as_tensor(x, f"tl.dot_scaled {name}")
    if len(x.shape) != 2:
        raise LanguageError(f"tl.dot_scaled: {name} must be a rank-2 block, got shape {list(x.shape)}")
    if fmt in ("bf16", "fp16") or (fmt in _FP8 and x.dtype == dtype(_FP8[fmt])):
        return cast(x, f32)
    if x.dtype != u8:
        raise LanguageError(f"tl.dot_scaled: {name} in format {fmt!r} must hold its codes as uint8, got {x.dtype}",
                            "load the packed bytes as tl.uint8")
    if fmt == "e2m1":
        along_rows = (k_dim == 0) == bool(unwrap(k_pack))
        return _unpack_e2m1(x, along_rows)
    return cast(cast(x, dtype(_FP8[fmt]), bitcast=True), f32)


def _scales(scale: Any, rows: int, k: int, name: str) -> tensor:
    """The scale block as f32 factors spread to [rows, K]: e8m0 bytes [rows, K // 32], or nvfp4's e4m3 values
    [rows, K // 16]."""
    s = as_tensor(scale, f"tl.dot_scaled {name}")
    if s.dtype == u8 and s.shape == (rows, k // 32):
        group = 32
        # 2**(s - 127) as the f32 with exponent field s; s = 0 is the subnormal 2**-127 (exponent field 0, top
        # mantissa bit set), not 0
        factor = cast(binary("<<", cast(s, u32), 23), f32, bitcast=True)
        factor = where(compare("==", s, 0), 2.0 ** -127, factor)
        factor = where(compare("==", s, 255), float("nan"), factor)
    elif s.dtype == dtype("fp8e4nv") and s.shape == (rows, k // 16):
        group, factor = 16, cast(s, f32)
    else:
        raise LanguageError(f"tl.dot_scaled: {name} must be a uint8 (e8m0) block of shape {[rows, k // 32]} or a "
                            f"float8e4nv (nvfp4) block of shape {[rows, k // 16]}, got {s.dtype} of shape "
                            f"{list(s.shape)}", "give one e8m0 byte per 32 elements along K, or one e4m3 per 16")
    wide = broadcast_to(expand_dims(factor, 2), (rows, k // group, group))
    return reshape(wide, (rows, k))


@builtin
def dot_scaled(lhs: Any, lhs_scale: Any, lhs_format: str, rhs: Any, rhs_scale: Any, rhs_format: str,
               acc: Any = None, fast_math: bool = False, lhs_k_pack: bool = True, rhs_k_pack: bool = True,
               out_dtype: dtype = dtype("fp32")) -> tensor:
    """lhs @ rhs (+ acc) for MX operands: each decoded, scaled per 32 elements along K, rounded to bf16 (fp16 when
    an operand is fp16) and multiplied by tl.dot with f32 accumulation."""
    formats = (unwrap(lhs_format), unwrap(rhs_format))
    for fmt in formats:
        if fmt not in _FORMATS:
            raise LanguageError(f"tl.dot_scaled: unknown format {fmt!r}", f"use one of {', '.join(_FORMATS)}")
    a = _values(lhs, formats[0], 1, lhs_k_pack, "lhs")
    b = _values(rhs, formats[1], 0, rhs_k_pack, "rhs")
    (m, k), (k2, n) = a.shape, b.shape
    if k != k2:
        raise LanguageError(f"tl.dot_scaled: lhs has K = {k} and rhs K = {k2} after unpacking",
                            "an e2m1 operand holds two values per byte along K")
    if unwrap(lhs_scale) is not None:
        a = binary("*", a, _scales(lhs_scale, m, k, "lhs_scale"))
    if unwrap(rhs_scale) is not None:
        b = binary("*", b, permute(_scales(rhs_scale, n, k, "rhs_scale"), (1, 0)))
    compute = dtype("fp16") if "fp16" in formats else dtype("bf16")
    return dot(cast(a, compute), cast(b, compute), acc, out_dtype=out_dtype)


__all__ = ["dot_scaled"]
