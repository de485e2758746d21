"""Counter-based random numbers with Triton's definitions: Philox 4x32 (4x64 for 64-bit counters), 10 rounds by
default, and the same conversions to uniform and normal floats, so a seed and offsets give Triton's numbers.

Written in terms of the language's own operations, so every target computes them; the high halves of the
products come from `umulhi`, which targets match to their multiply-high instructions.
"""
from __future__ import annotations

from typing import Any

from ..errors import LanguageError
from .core import builtin, dtype, tensor, unwrap
from .elementwise import as_tensor, binary, cast, compare, constant, cos, log, maximum, operands, sin, sqrt, where

N_ROUNDS_DEFAULT = 10
# Philox's round multipliers and Weyl key increments by counter width (the generator's published constants).
_CONSTANTS = {
    32: {"round_a": 0xD2511F53, "round_b": 0xCD9E8D57, "key_a": 0x9E3779B9, "key_b": 0xBB67AE85},
    64: {"round_a": 0xD2E7470EE14C6C93, "round_b": 0xCA5A826395121157,
         "key_a": 0x9E3779B97F4A7C15, "key_b": 0xBB67AE8584CAA73B},
}
# The largest scales with (2**(bits-1) - 1) * scale < 1 after rounding to f32: uniform floats stay below 1.
_UNIFORM_SCALE = {32: 4.6566127342e-10, 64: 1.0842020432385337e-19}
_HALF_MASK = 0xFFFFFFFF


def _unsigned(bits: int) -> dtype:
    return dtype(f"uint{bits}")


def _signed(bits: int) -> dtype:
    return dtype(f"int{bits}")


def _integer(name: str, x: Any) -> tensor:
    x = as_tensor(x, f"the operand of {name}")
    if not x.dtype.is_int() or x.dtype.is_bool():
        raise LanguageError(f"{name} needs integer operands, got {x.dtype}", "convert it with .to(tl.uint32)")
    return x


def _wide_umulhi(a: tensor, b: tensor) -> tensor:
    """High 64 bits of the 128-bit product of two uint64 blocks, from four 32x32 products."""
    a_lo, a_hi = binary("&", a, _HALF_MASK), binary(">>", a, 32)
    b_lo, b_hi = binary("&", b, _HALF_MASK), binary(">>", b, 32)
    lo_hi, hi_lo = binary("*", a_lo, b_hi), binary("*", a_hi, b_lo)
    middle = binary("+", binary("+", binary(">>", binary("*", a_lo, b_lo), 32), binary("&", lo_hi, _HALF_MASK)),
                    binary("&", hi_lo, _HALF_MASK))
    high = binary("+", binary("*", a_hi, b_hi), binary(">>", lo_hi, 32))
    return binary("+", binary("+", high, binary(">>", hi_lo, 32)), binary(">>", middle, 32))


@builtin
def umulhi(x: Any, y: Any) -> tensor:
    """The most significant half of the double-width product of two integer tensors, read as unsigned."""
    (a, b), dt, _ = operands("tl.umulhi", [_integer("tl.umulhi", x), _integer("tl.umulhi", y)])
    bits = dt.int_bitwidth
    ua, ub = (cast(v, _unsigned(bits), bitcast=True) if dt.is_int_signed() else v for v in (a, b))
    if bits == 64:
        high = _wide_umulhi(ua, ub)
    else:
        wide = _unsigned(2 * bits)
        high = cast(binary(">>", binary("*", cast(ua, wide), cast(ub, wide)), bits), _unsigned(bits))
    return cast(high, dt, bitcast=True)


def _philox_rounds(c: list[tensor], k0: tensor, k1: tensor, n_rounds: int) -> tuple[tensor, ...]:
    bits = c[0].dtype.int_bitwidth
    k = _CONSTANTS[bits]
    a, b = constant(k["round_a"], c[0].dtype), constant(k["round_b"], c[0].dtype)
    c0, c1, c2, c3 = c
    for _ in range(n_rounds):
        c0, c1, c2, c3 = (binary("^", binary("^", umulhi(b, c2), c1), k0), binary("*", b, c2),
                          binary("^", binary("^", umulhi(a, c0), c3), k1), binary("*", a, c0))
        k0, k1 = binary("+", k0, k["key_a"]), binary("+", k1, k["key_b"])
    return c0, c1, c2, c3


@builtin
def philox_impl(c0: Any, c1: Any, c2: Any, c3: Any, k0: Any, k1: Any, n_rounds: Any = N_ROUNDS_DEFAULT) -> tuple:
    """`n_rounds` of Philox on the counter (c0..c3) with the key (k0, k1) as given: unsigned 32- or 64-bit words."""
    words = [_integer("tl.philox_impl", v) for v in (c0, c1, c2, c3, k0, k1)]
    bits = words[0].dtype.int_bitwidth
    if bits not in _CONSTANTS or any(w.dtype != _unsigned(bits) for w in words):
        raise LanguageError(f"tl.philox_impl needs six uint32 or six uint64 words, got "
                            f"{', '.join(str(w.dtype) for w in words)}", "use tl.philox, which converts them")
    return _philox_rounds(words[:4], words[4], words[5], _rounds(n_rounds))


def _rounds(n_rounds: Any) -> int:
    n = unwrap(n_rounds)
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise LanguageError(f"n_rounds must be a non-negative constexpr integer, got {n!r}",
                            "leave it out for Triton's 10 rounds")
    return n


@builtin
def philox(seed: Any, c0: Any, c1: Any, c2: Any, c3: Any, n_rounds: Any = N_ROUNDS_DEFAULT) -> tuple[tensor, ...]:
    """`n_rounds` of Philox on the counter (c0, c1, c2, c3) keyed by `seed`: four blocks of the counters' width,
    unsigned (4x32 for 32-bit counters, with the seed's low and high words as the key; 4x64 for 64-bit ones)."""
    n = _rounds(n_rounds)
    seed = cast(_integer("tl.philox", seed), _unsigned(64))
    counters = [_integer("tl.philox", v) for v in (c0, c1, c2, c3)]
    bits = counters[0].dtype.int_bitwidth
    if bits not in _CONSTANTS or any(v.dtype.int_bitwidth != bits for v in counters):
        raise LanguageError(f"tl.philox needs four 32-bit or four 64-bit counters, got "
                            f"{', '.join(str(v.dtype) for v in counters)}", "convert them with .to(tl.uint32)")
    word = _unsigned(bits)
    if bits == 32:
        k0, k1 = cast(binary("&", seed, _HALF_MASK), word), cast(binary(">>", seed, 32), word)
    else:
        k0, k1 = seed, constant(0, word)
    return _philox_rounds([cast(v, word, bitcast=True) for v in counters], k0, k1, n)


@builtin
def randint4x(seed: Any, offset: Any, n_rounds: Any = N_ROUNDS_DEFAULT) -> tuple[tensor, ...]:
    """Four blocks of random uint32 for `seed` and the `offset` block (the fastest entry point). A 64-bit offset
    is the counter pair (low word, high word) of the same 4x32 Philox, as in Triton 3.6."""
    offset = _integer("tl.randint4x", offset)
    if offset.dtype.int_bitwidth == 64:
        low = cast(binary("&", offset, _HALF_MASK), _unsigned(32))
        high = cast(binary(">>", cast(offset, _unsigned(64), bitcast=True), 32), _unsigned(32))
        zero = binary("*", low, 0)
        return philox(seed, low, high, zero, zero, n_rounds)
    zero = binary("*", offset, 0)
    return philox(seed, offset, zero, zero, zero, n_rounds)


@builtin
def randint(seed: Any, offset: Any, n_rounds: Any = N_ROUNDS_DEFAULT) -> tensor:
    """A block of random unsigned integers for `seed` and the `offset` block."""
    return randint4x(seed, offset, n_rounds)[0]


@builtin
def uint_to_uniform_float(x: Any) -> tensor:
    """Random 32- or 64-bit integers to float32 in [0, 1) (negative halves folded onto the positive ones)."""
    x = _integer("tl.uint_to_uniform_float", x)
    bits = x.dtype.int_bitwidth
    if bits not in _UNIFORM_SCALE:
        raise LanguageError(f"tl.uint_to_uniform_float needs 32- or 64-bit integers, got {x.dtype}",
                            "use the output of tl.randint")
    x = cast(x, _signed(bits), bitcast=True)
    folded = where(compare("<", x, 0), binary("-", binary("-", 0, x), 1), x)
    return binary("*", folded, _UNIFORM_SCALE[bits])


@builtin
def rand(seed: Any, offset: Any, n_rounds: Any = N_ROUNDS_DEFAULT) -> tensor:
    """A block of float32 uniform in [0, 1) for `seed` and the `offset` block."""
    return uint_to_uniform_float(randint(seed, offset, n_rounds))


@builtin
def rand4x(seed: Any, offsets: Any, n_rounds: Any = N_ROUNDS_DEFAULT) -> tuple[tensor, ...]:
    """Four blocks of float32 uniform in [0, 1)."""
    return tuple(uint_to_uniform_float(i) for i in randint4x(seed, offsets, n_rounds))


@builtin
def pair_uniform_to_normal(u1: Any, u2: Any) -> tuple[tensor, tensor]:
    """Box-Muller: two uniform blocks to two independent standard normal blocks."""
    radius = sqrt(binary("*", -2.0, log(maximum(1.0e-7, u1))))
    angle = binary("*", 6.283185307179586, u2)
    return binary("*", radius, cos(angle)), binary("*", radius, sin(angle))


@builtin
def randn(seed: Any, offset: Any, n_rounds: Any = N_ROUNDS_DEFAULT) -> tensor:
    """A block of float32 from the standard normal distribution."""
    i1, i2, _, _ = randint4x(seed, offset, n_rounds)
    return pair_uniform_to_normal(uint_to_uniform_float(i1), uint_to_uniform_float(i2))[0]


@builtin
def randn4x(seed: Any, offset: Any, n_rounds: Any = N_ROUNDS_DEFAULT) -> tuple[tensor, ...]:
    """Four blocks of float32 from the standard normal distribution."""
    u1, u2, u3, u4 = rand4x(seed, offset, n_rounds)
    return pair_uniform_to_normal(u1, u2) + pair_uniform_to_normal(u3, u4)


__all__ = ["N_ROUNDS_DEFAULT", "pair_uniform_to_normal", "philox", "philox_impl", "rand", "rand4x", "randint", "randint4x",
           "randn", "randn4x", "uint_to_uniform_float", "umulhi"]
