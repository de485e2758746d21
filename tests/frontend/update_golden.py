"""Rewrite tests/frontend/golden/*.mlir from the current frontend; review the diff before committing."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_frontend_golden import CASES, GOLDEN_DIR, golden_text  # noqa: E402

if __name__ == "__main__":
    for case in CASES:
        (GOLDEN_DIR / f"{case.name}.mlir").write_text(golden_text(case))
    print(f"wrote {len(CASES)} golden files to {GOLDEN_DIR}")
