"""What generated code and the launcher agree on: the entry point's name and the status words."""

# i32 pantile_range(i64* args, i8* scratch, i32* status, i64* next, i64 total, i64 chunk, i32 gx, i32 gy, i32 gz)
RANGE_FUNCTION = "pantile_range"
# Status words of a launch: failed flag, assert number, program id x, y, z, element index (and spare).
STATUS_WORDS = 8
