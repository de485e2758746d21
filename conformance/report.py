"""Results as a terminal summary, JSON and a self-contained HTML matrix (cases by targets)."""
from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import Optional, Sequence, TextIO

from . import schema
from .runner import NOT_RUN, Result
from .schema import summary_rows

_COLOURS = {("executed", "passed"): "#2e7d32", ("validated", "passed"): "#81c784",
            ("executed", "failed"): "#c62828", ("validated", "failed"): "#ef9a9a",
            ("unsupported", "unsupported"): "#bdbdbd", (NOT_RUN, NOT_RUN): "#ffffff"}
_LEGEND = (("executed", "passed", "executed, passed"), ("validated", "passed", "validated, passed"),
           ("executed", "failed", "executed, failed"), ("validated", "failed", "validated, failed"),
           ("unsupported", "unsupported", "unsupported"), (NOT_RUN, NOT_RUN, "not run"))


def print_summary(results: Sequence[Result], targets: Sequence[str], out: Optional[TextIO] = None,
                  failures_shown: int = 20) -> None:
    """The table of targets by tier, then the first failures with what went wrong (to stdout by default)."""
    out = out or sys.stdout
    header = ("target", "tier", "passed", "failed", "unsupported", "not run")
    rows = [tuple(str(v) for v in row) for row in summary_rows(results, targets)]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths))
    print(line, file=out)
    print("-" * len(line), file=out)
    for row in rows:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths)), file=out)
    failed = [r for r in results if r.status == "failed"]
    for r in failed[:failures_shown]:
        print(f"FAILED {r.target} {r.case}: {r.detail.splitlines()[0] if r.detail else ''}", file=out)
    if len(failed) > failures_shown:
        print(f"... and {len(failed) - failures_shown} more failures (see the report folder)", file=out)


def _cell(r: Result) -> str:
    """One cell of the matrix: tier and outcome, the node that produced it, the device and detail on hover."""
    colour = _COLOURS[(r.tier, r.status)]
    label = r.status if r.tier in ("unsupported", NOT_RUN) else f"{r.tier} {r.status}"
    label += " (device fault)" if r.fault else ""
    hover = "\n".join(part for part in (f"node: {r.node}" if r.node else "", f"device: {r.device}" if r.device else "",
                                        r.detail) if part)
    where = " · ".join(part for part in (r.node, r.device) if part)
    where = f"<br><small>{html.escape(where)}</small>" if where else ""
    return f'<td style="background:{colour}" title="{html.escape(hover)}">{html.escape(label)}{where}</td>'


def render_html(results: Sequence[Result], targets: Sequence[str]) -> str:
    """A standalone page: one row per case, one column per target, coloured by tier and outcome."""
    by_case: dict[str, dict[str, Result]] = {}
    for r in results:
        by_case.setdefault(r.case, {})[r.target] = r
    esc = html.escape
    head = "".join(f"<th>{esc(t)}</th>" for t in targets)
    body = []
    for case, row in by_case.items():
        cells = []
        for t in targets:
            r = row.get(t)
            if r is None:
                cells.append("<td></td>")
                continue
            cells.append(_cell(r))
        body.append(f"<tr><td>{esc(case)}</td>{''.join(cells)}</tr>")
    legend = "".join(f'<span style="background:{_COLOURS[(t, s)]};padding:2px 8px;margin-right:6px">{esc(text)}'
                     f"</span>" for t, s, text in _LEGEND)
    summary = "".join("<tr>" + "".join(f"<td>{esc(str(v))}</td>" for v in row) + "</tr>"
                      for row in summary_rows(results, targets))
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>pantile conformance</title><style>"
            "body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;"
            "padding:2px 6px;font-size:12px}</style></head><body><h1>pantile conformance</h1>"
            f"<p>{legend}</p><table><tr><th>target</th><th>tier</th><th>passed</th><th>failed</th>"
            f"<th>unsupported</th><th>not run</th></tr>{summary}</table><h2>Cases</h2>"
            f"<table><tr><th>case</th>{head}</tr>{''.join(body)}</table></body></html>")


def write_report(results: Sequence[Result], targets: Sequence[str], folder: Path,
                 run: Optional[dict] = None) -> list[Path]:
    """results.json (the schema of schema.py; `run` says how the results were made) and results.html in
    `folder` (created if needed); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    json_path, html_path = folder / "results.json", folder / "results.html"
    schema.write(results, targets, json_path, run)
    html_path.write_text(render_html(results, targets))
    return [json_path, html_path]
