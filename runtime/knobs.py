"""`pantile.knobs`, as `triton.knobs`: settings grouped by concern, each the environment variable pantile reads
(so a knob set here acts wherever the variable is read, and a variable set outside shows here)."""
from __future__ import annotations

import os
from typing import Any, Callable, Optional


class EnvKnob:
    """A knob that reads and writes one environment variable (read also from `aliases`, Triton's names, where
    it is unset); None clears it."""

    def __init__(self, variable: str, parse: Callable[[str], Any] = str, aliases: tuple[str, ...] = ()) -> None:
        self.variable = variable
        self.parse = parse
        self.aliases = aliases

    def __get__(self, owner: Any, cls: Optional[type] = None) -> Any:
        if owner is None:
            return self
        value = next((os.environ[v] for v in (self.variable, *self.aliases) if v in os.environ), None)
        return None if value is None else self.parse(value)

    def __set__(self, owner: Any, value: Any) -> None:
        if value is None:
            os.environ.pop(self.variable, None)
        elif isinstance(value, bool):
            os.environ[self.variable] = "1" if value else "0"
        else:
            os.environ[self.variable] = str(value)


# Called when a launch hook is set or cleared (the runtime leaves its warm path, which calls no hooks, meanwhile).
HOOK_LISTENERS: list[Callable[[], None]] = []


class LaunchHook:
    """A knob holding a function called around every launch (None: none), telling HOOK_LISTENERS when set."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_" + name

    def __get__(self, owner: Any, cls: Optional[type] = None) -> Any:
        return self if owner is None else owner.__dict__.get(self.slot)

    def __set__(self, owner: Any, value: Optional[Callable[[Any], None]]) -> None:
        owner.__dict__[self.slot] = value
        for listener in HOOK_LISTENERS:
            listener()


def _flag(text: str) -> bool:
    return text.strip().lower() not in ("", "0", "false", "no", "off")


class CacheKnobs:
    """Where compiled kernels are kept."""

    dir = EnvKnob("PANTILE_CACHE_DIR")


class CompilationKnobs:
    """What the compiler shows while it works."""

    dump_ir = EnvKnob("PANTILE_DUMP_IR")          # "1": print the IR after every pass; a folder: a file per pass
    timing = EnvKnob("PANTILE_TIMING", _flag)      # print each pass's time
    repro_dir = EnvKnob("PANTILE_REPRO_DIR")       # where the IR before a failing pass is written


class RuntimeKnobs:
    """How launches run."""

    debug = EnvKnob("PANTILE_DEBUG", _flag)        # debug builds of kernels decorated from then on
    target = EnvKnob("PANTILE_TARGET")             # the target of every launch, e.g. "intel:spirv"
    host_threads = EnvKnob("PANTILE_CPU_THREADS", int)   # read once, at the host target's first launch
    # Called with a LaunchMetadata before and after every launch (None: no call); the profiler sets them.
    launch_enter_hook = LaunchHook()
    launch_exit_hook = LaunchHook()


class AutotuningKnobs:
    """What the autotuner shows and where it compiles."""

    print = EnvKnob("PANTILE_PRINT_AUTOTUNING", _flag, aliases=("TRITON_PRINT_AUTOTUNING",))   # choice, timings
    compile_workers = EnvKnob("PANTILE_COMPILE_WORKERS", int)   # processes compiling configs (default: cores)


autotuning = AutotuningKnobs()
cache = CacheKnobs()
compilation = CompilationKnobs()
runtime = RuntimeKnobs()

__all__ = ["EnvKnob", "HOOK_LISTENERS", "LaunchHook", "autotuning", "cache", "compilation", "runtime"]
