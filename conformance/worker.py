"""A conformance worker process: runs the cases its parent sends, one at a time, and answers with results.

    python -m pantile.conformance.worker --answers FD      (started by pool.WorkerProcess)

Requests arrive on stdin, one JSON line each: {"case": NAME, "target": ARCH, "tier": TIER or null}. Each gets
one JSON line on file descriptor FD (stdout stays the kernels', for device_print): the result in the results
file's form (schema.encode), naming this node and device. After a case that faulted the device the worker
exits, since its device is unusable for the rest of the process; its parent starts a fresh one.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Optional, Sequence, TextIO

from . import schema
from .catalog import by_name
from .runner import run_case
from .where import stamped


def serve(requests: TextIO, answers: TextIO) -> None:
    """Answer every request until stdin closes or a case faults the device."""
    for line in requests:
        request = json.loads(line)
        result = stamped(run_case(by_name(request["case"]), request["target"], request.get("tier")))
        answers.write(json.dumps(schema.encode(result)) + "\n")
        answers.flush()
        if result.fault:
            return


def main(argv: Optional[Sequence[str]] = None) -> int:
    """The worker's command line."""
    parser = argparse.ArgumentParser(prog="python -m pantile.conformance.worker",
                                     description="Run conformance cases sent on stdin (started by the suite).")
    parser.add_argument("--answers", type=int, required=True, help="file descriptor the results are written to")
    args = parser.parse_args(argv)
    with os.fdopen(args.answers, "w") as answers:
        serve(sys.stdin, answers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
