"""Profiling sessions, as Triton's proton: a tree of named scopes per session, each node holding its call count,
the wall time spent inside it (`time (ns)`, children included) and the metrics given to it (`flops16`, `bytes`,
...); `finalize` writes the tree as JSON to `<name>.hatchet`."""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from typing import Any, Optional

TIME = "time (ns)"
COUNT = "count"
DEFAULT_PROFILE_NAME = "proton"


@dataclass
class Node:
    """One frame of a session's tree: its children by name and its metrics."""

    name: str
    children: dict[str, "Node"] = field(default_factory=dict)
    metrics: dict[str, float] = field(default_factory=dict)

    def child(self, name: str) -> "Node":
        """The child frame of this name, made on first use."""
        found = self.children.get(name)
        if found is None:
            found = self.children[name] = Node(name)
        return found

    def add(self, metrics: dict[str, Any]) -> None:
        """Add each numeric metric to this frame's total."""
        for key, value in metrics.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"profiler metric {key!r} must be an int or a float, got {type(value).__name__}")
            self.metrics[key] = self.metrics.get(key, 0) + value

    def to_json(self) -> dict[str, Any]:
        """The frame in the written file's form."""
        return {"frame": {"name": self.name, "type": "function"}, "metrics": dict(self.metrics),
                "children": [c.to_json() for c in self.children.values()]}


class Session:
    """One profile: the tree, the path of open frames, whether it records now, and the file it goes to."""

    def __init__(self, name: str, hook: Optional[str]) -> None:
        self.path = name if os.path.splitext(name)[1] else f"{name}.hatchet"
        self.hook = hook
        self.active = True
        self.root = Node("ROOT")
        self.open: list[tuple[Node, int]] = []

    def enter(self, name: str, metrics: Optional[dict[str, Any]], now: int) -> None:
        """Open a frame under the innermost open one."""
        parent = self.open[-1][0] if self.open else self.root
        node = parent.child(name)
        if metrics:
            node.add(metrics)
        self.open.append((node, now))

    def exit(self, metrics: Optional[dict[str, Any]], now: int) -> None:
        """Close the innermost frame: one more call and the time since it opened."""
        node, started = self.open.pop()
        if metrics:
            node.add(metrics)
        node.add({COUNT: 1, TIME: now - started})

    def write(self) -> None:
        """Write the tree (the root's time: the sum of its children's) to the session's file."""
        root = self.root
        root.metrics = {COUNT: 0, TIME: sum(c.metrics.get(TIME, 0) for c in root.children.values())}
        with open(self.path, "w") as f:
            json.dump([root.to_json(), {"clock": "wall", "unit": "ns"}], f)


_sessions: dict[int, Session] = {}
_next_id = [0]


def start(name: Optional[str] = None, *, context: Optional[str] = "shadow", data: Optional[str] = "tree",
          backend: Optional[str] = None, mode: Any = None, hook: Optional[str] = None) -> int:
    """Start an active session writing to `<name>.hatchet` (default `proton.hatchet`); hook="triton" also
    records every kernel launch as a frame, named and measured by the kernel's `launch_metadata`. The id."""
    if data not in ("tree", None):
        raise ValueError(f"profiler data {data!r} is not supported; use 'tree'")
    if hook not in ("triton", None):
        raise ValueError(f"Unsupported hook: {hook!r}")
    session = _next_id[0]
    _next_id[0] += 1
    _sessions[session] = Session(DEFAULT_PROFILE_NAME if name is None else name, hook)
    _update_launch_hooks()
    return session


def _chosen(session: Optional[int]) -> list[Session]:
    if session is None:
        return list(_sessions.values())
    if session not in _sessions:
        raise ValueError(f"no profiling session {session}: start() returns the ids")
    return [_sessions[session]]


def activate(session: Optional[int] = None) -> None:
    """Record into the session again (None: every session)."""
    for s in _chosen(session):
        s.active = True
    _update_launch_hooks()


def deactivate(session: Optional[int] = None, flushing: bool = False) -> None:
    """Stop recording into the session (None: every session); what it holds stays until finalize."""
    for s in _chosen(session):
        s.active = False
    _update_launch_hooks()


def finalize(session: Optional[int] = None, output_format: Optional[str] = "") -> None:
    """Write the session's file and end it (None: every session)."""
    if output_format not in ("", None, "hatchet"):
        raise ValueError(f"profiler output format {output_format!r} is not supported; use 'hatchet'")
    ids = list(_sessions) if session is None else [session]
    for s in ids:
        _chosen(s)[0].write()
        del _sessions[s]
    _update_launch_hooks()


def recording() -> list[Session]:
    """The active sessions."""
    return [s for s in _sessions.values() if s.active]


def enter_all(name: str, metrics: Optional[dict[str, Any]] = None, sessions: Optional[list] = None) -> list:
    """Open a frame in each active session (or the given ones); the sessions it opened in."""
    sessions = recording() if sessions is None else sessions
    now = time.perf_counter_ns()
    for s in sessions:
        s.enter(name, metrics, now)
    return sessions


def exit_all(sessions: list, metrics: Optional[dict[str, Any]] = None) -> None:
    """Close the innermost frame of each of these sessions."""
    now = time.perf_counter_ns()
    for s in sessions:
        if s.open:
            s.exit(metrics, now)


def _launch_enter(metadata: Any) -> None:
    sessions = [s for s in recording() if s.hook == "triton"]
    if sessions:
        info = metadata.get()
        metrics = {k: v for k, v in info.items() if k not in ("name", "function", "grid")}
        metadata.profiled = enter_all(str(info["name"]), metrics, sessions)


def _launch_exit(metadata: Any) -> None:
    exit_all(getattr(metadata, "profiled", []))


def _update_launch_hooks() -> None:
    """Set the runtime's launch hooks while a session that records launches is active, and clear them
    otherwise (so that launches pay nothing when no one profiles)."""
    from pantile.runtime.knobs import runtime

    wanted = any(s.hook == "triton" for s in recording())
    runtime.launch_enter_hook = _launch_enter if wanted else None
    runtime.launch_exit_hook = _launch_exit if wanted else None


__all__ = ["DEFAULT_PROFILE_NAME", "activate", "deactivate", "finalize", "start"]
