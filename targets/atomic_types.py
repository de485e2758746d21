"""The element types atomics may work on, as capability records list them (no compiler imports: a target's
capability record is read when launching too)."""
from __future__ import annotations

INTEGER_TYPES = ("i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64")
FLOAT_TYPES = ("f16", "bf16", "f32", "f64", "f8e4m3", "f8e5m2")
