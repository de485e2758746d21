"""The results file (results.json): a versioned schema, so that a run from any machine can be merged into one
matrix. docs/conformance-results.md describes every field; bump VERSION when a field changes meaning or a
required one is added, and keep reading the older versions."""
from __future__ import annotations

import dataclasses
import datetime
import json
from pathlib import Path
from typing import Any, Optional, Sequence

from .runner import NOT_RUN, Result

SCHEMA = "pantile-conformance-results"
VERSION = 1
SUMMARY_FIELDS = ("target", "tier", "passed", "failed", "unsupported", "not_run")
# Fields of a result object in the file, in order; `status` is derived from tier and passed.
RESULT_FIELDS = ("case", "group", "target", "tier", "status", "passed", "detail", "seconds", "node", "device",
                 "fault")
_REQUIRED = ("case", "group", "target", "tier", "passed")


class ResultsFileError(ValueError):
    """A results file that is not one pantile can read: not JSON, another schema, a newer version, a field
    missing; the message names the file and what to do."""


def summary_rows(results: Sequence[Result], targets: Sequence[str]) -> list[tuple[str, str, int, int, int, int]]:
    """(target, tier, passed, failed, unsupported, not run) for each target."""
    rows = []
    for t in targets:
        mine = [r for r in results if r.target == t]
        ran = sorted({r.tier for r in mine if r.tier not in ("unsupported", NOT_RUN)})
        tiers = ran or sorted({r.tier for r in mine}) or ["unsupported"]
        count = {s: sum(r.status == s for r in mine) for s in ("passed", "failed", "unsupported", NOT_RUN)}
        rows.append((t, "/".join(tiers), count["passed"], count["failed"], count["unsupported"], count[NOT_RUN]))
    return rows


def to_document(results: Sequence[Result], targets: Sequence[str], run: Optional[dict[str, Any]] = None) -> dict:
    """The results as the schema's JSON object; `run` says how they were made (command, machines, seconds)."""
    from pantile import __version__
    return {"schema": SCHEMA, "version": VERSION, "pantile": __version__,
            "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "run": dict(run or {}), "targets": list(targets),
            "summary": [dict(zip(SUMMARY_FIELDS, row)) for row in summary_rows(results, targets)],
            "results": [encode(r) for r in results]}


def encode(result: Result) -> dict[str, Any]:
    """One result as the file's object."""
    return {f: (result.status if f == "status" else getattr(result, f)) for f in RESULT_FIELDS}


def decode(obj: dict[str, Any]) -> Result:
    """A result from the file's object (fields this pantile does not know, `status` among them, ignored)."""
    known = {f.name for f in dataclasses.fields(Result)}
    return Result(**{k: v for k, v in obj.items() if k in known})


def write(results: Sequence[Result], targets: Sequence[str], path: Path, run: Optional[dict[str, Any]] = None) -> None:
    """Write results.json."""
    Path(path).write_text(json.dumps(to_document(results, targets, run), indent=1))


def read(path: Path, label: Optional[str] = None) -> tuple[list[str], list[Result]]:
    """The targets and results of a results file of any version this pantile knows (version 0: the
    unversioned files written before the schema, without node and device); `label` renames each target to
    'TARGET (LABEL)', e.g. to keep runs of one target on two GPUs apart in one matrix."""
    path = Path(path)
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as err:
        raise ResultsFileError(f"{path}: cannot read a results file: {err}") from None
    if not isinstance(data, dict) or "results" not in data or data.get("schema", SCHEMA) != SCHEMA:
        raise ResultsFileError(f"{path}: not a pantile conformance results file (no \"schema\": \"{SCHEMA}\" "
                               f"object with \"results\"); write one with python -m pantile.conformance --report DIR")
    version = data.get("version", 0)
    if not isinstance(version, int) or version > VERSION:
        raise ResultsFileError(f"{path}: results schema version {version!r} is newer than this pantile reads (up to "
                               f"{VERSION}); upgrade pantile to merge it")
    results = []
    for i, r in enumerate(data["results"]):
        missing = [f for f in _REQUIRED if f not in r]
        if missing:
            raise ResultsFileError(f"{path}: result {i} lacks {', '.join(missing)} (schema version {version})")
        results.append(decode(r))
    targets = list(data.get("targets") or dict.fromkeys(r.target for r in results))
    if label is None:
        return targets, results
    return [f"{t} ({label})" for t in targets], [dataclasses.replace(r, target=f"{r.target} ({label})")
                                                 for r in results]


def merge(runs: Sequence[tuple[Path, list[str], list[Result]]]) -> tuple[list[str], list[Result]]:
    """One matrix from several runs (path, targets, results): targets in first-seen order; a case on a target
    given by two runs is an error naming both files (relabel one run's target to keep both)."""
    targets: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    merged = []
    for i, (path, run_targets, results) in enumerate(runs):
        targets += [t for t in run_targets if t not in targets]
        for r in results:
            first = seen.setdefault((r.case, r.target), i)
            if first != i:
                raise ResultsFileError(f"case {r.case} on {r.target} is in both {runs[first][0]} and {path}; a matrix "
                                       f"has one cell per case and target (label one run to keep both: --merge FILE=LABEL)")
            merged.append(r)
    return targets, merged
