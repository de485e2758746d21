"""Reads a profile that pantile.profiler wrote, as triton.profiler.viewer: `parse(metric_names, file)` then
`print_tree(tree, metrics)`. Metrics: `time/s|ms|us|ns`, `avg_time/...` (per call), `count`, rates
`[k|m|g|t]flop[N]/s` (from `flops[N]`) and `[k|m|g|t]byte/s` (from `bytes`), and any raw metric by name. A
frame's time includes its children's; its flops and bytes are its own plus its children's."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Optional

_TIME_UNITS = {"s": 1e9, "ms": 1e6, "us": 1e3, "ns": 1.0}
_PREFIX = {"": 1.0, "k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12, "p": 1e15}
_RATE = re.compile(r"^([kmgtp]?)(flop(\d*)|byte)/s$")
_TIME = re.compile(r"^(avg_)?time/(s|ms|us|ns)$")


@dataclass
class Frame:
    """One frame of a read profile: its name, metrics (additive ones summed over its subtree) and children."""

    name: str
    metrics: dict[str, float]
    children: list["Frame"] = field(default_factory=list)


def _frame(node: dict[str, Any]) -> Frame:
    children = [_frame(c) for c in node.get("children", [])]
    metrics = dict(node.get("metrics", {}))
    for child in children:
        for key, value in child.metrics.items():
            if key not in ("time (ns)", "count"):
                metrics[key] = metrics.get(key, 0) + value
    return Frame(node["frame"]["name"], metrics, children)


def read(filename: str) -> Frame:
    """The profile's root frame."""
    with open(filename) as f:
        database = json.load(f)
    return _frame(database[0])


def _value(frame: Frame, metric: str) -> Optional[float]:
    m = _TIME.match(metric)
    ns = frame.metrics.get("time (ns)")
    if m:
        if ns is None:
            return None
        calls = frame.metrics.get("count", 0) if m.group(1) else 1
        return ns / _TIME_UNITS[m.group(2)] / calls if calls else None
    m = _RATE.match(metric)
    if m:
        base = f"flops{m.group(3)}" if m.group(2).startswith("flop") else "bytes"
        amount = frame.metrics.get(base)
        if amount is None or not ns:
            return None
        return amount / (ns / 1e9) / _PREFIX[m.group(1)]
    return frame.metrics.get(metric)


def _check(metric: str, root: Frame) -> None:
    if _TIME.match(metric) or _RATE.match(metric):
        return
    names: set[str] = set()
    stack = [root]
    while stack:
        f = stack.pop()
        names.update(f.metrics)
        stack.extend(f.children)
    if metric not in names:
        raise ValueError(f"metric {metric!r} is not in the profile; it has {', '.join(sorted(names))}")


def parse(metrics: list[str], filename: str, include: Optional[str] = None, exclude: Optional[str] = None,
          threshold: Optional[float] = None) -> tuple[Frame, list[str]]:
    """The profile's tree, keeping the frames whose names match `include` and not `exclude` (regular
    expressions) and whose first metric reaches `threshold`, and the metric names to print."""
    root = read(filename)
    for metric in metrics:
        _check(metric, root)

    def keep(frame: Frame) -> bool:
        if include and not re.search(include, frame.name):
            return False
        if exclude and re.search(exclude, frame.name):
            return False
        if threshold is not None:
            value = _value(frame, metrics[0])
            return value is not None and value >= threshold
        return True

    def prune(frame: Frame) -> Frame:
        return Frame(frame.name, frame.metrics, [prune(c) for c in frame.children if keep(c)])
    return prune(root), list(metrics)


def format_tree(tree: Frame, metrics: list[str], depth: int = 100) -> str:
    """The tree as text: each frame's metrics, then its name, indented by depth."""
    lines: list[str] = []

    def walk(frame: Frame, level: int) -> None:
        values = [_value(frame, m) for m in metrics]
        shown = " ".join(f"{v:.3f}" if v is not None else "nan" for v in values)
        lines.append(f"{shown} {'  ' * level}{frame.name}")
        if level < depth:
            for child in frame.children:
                walk(child, level + 1)
    walk(tree, 0)
    return "\n".join(lines)


def print_tree(tree: Frame, metrics: list[str], depth: int = 100, format: Optional[str] = None,
               print_sorted: bool = False) -> None:
    """Print the tree with one column per metric (headed by the metric names)."""
    print(" ".join(metrics))
    print(format_tree(tree, metrics, depth))


__all__ = ["Frame", "format_tree", "parse", "print_tree", "read"]
