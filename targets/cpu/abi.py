"""What generated code and the launcher agree on: the entry point's name and the status words."""

# i32 pantile_range(i64* args, i8* scratch, i32* status, i64* next, i64 total, i64 chunk, i32 gx, i32 gy, i32 gz)
RANGE_FUNCTION = "pantile_range"
# Status words of a launch (i32). Word 0 stops the launch when not 0: INTERRUPTED, ASSERTED or OUT_OF_BOUNDS
# (words 1-7: the assert's or bounds check's number, program id x, y, z, element, the offset or address as low
# and high halves) or FAULTED. Words 8-13 describe a memory fault, kept apart
# so that a fault is known even when another program stopped the launch first: signal number, program id
# x, y, z, fault address (low and high halves).
STATUS_WORDS = 16
ASSERTED = 1
FAULTED = 2
OUT_OF_BOUNDS = 3
FAULT = 8
