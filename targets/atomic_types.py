"""The element types atomics may work on, as capability records list them (no compiler imports: a target's
capability record is read when launching too)."""
from __future__ import annotations

INTEGER_TYPES = ("i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64")
FLOAT_TYPES = ("f16", "bf16", "f32", "f64", "f8e4m3", "f8e5m2")
# Triton's other fp8 formats (e4m3 bias 15, e4m3fnuz, e5m2fnuz): held as bits and converted in software by the
# shared LLVM lowering, so every target that has 8-bit memory has them.
SOFTWARE_FP8 = ("f8e4b15", "f8e4b8", "f8e5b16")
