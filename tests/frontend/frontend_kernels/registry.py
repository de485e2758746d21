"""`case` records a kernel with its signature and constexprs for the parametrised tests."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from pantile.frontend import JITFunction
from pantile.ir import PointerType, ScalarType, Type


def parse_type(text: str) -> Type:
    """'*f32' -> ptr<f32, 1>, 'i32' -> i32."""
    return PointerType(parse_type(text[1:])) if text.startswith("*") else ScalarType(text)


@dataclass
class Case:
    """A kernel and what to build it with."""

    kernel: JITFunction
    types: list[str]
    constexprs: dict[str, Any] = field(default_factory=dict)
    arg_attrs: Optional[dict[str, dict]] = None

    @property
    def name(self) -> str:
        return self.kernel.__name__

    def signature(self) -> dict[str, Type]:
        runtime = [p for p in self.kernel.arg_names if p not in self.constexprs]
        assert len(runtime) == len(self.types), f"{self.name}: {runtime} vs {self.types}"
        return {p: parse_type(t) for p, t in zip(runtime, self.types)}


def case(registry: list, types: str, arg_attrs: Optional[dict] = None, **constexprs: Any):
    """Decorator: append Case(kernel, types, constexprs) to `registry`."""
    def add(kernel: JITFunction) -> JITFunction:
        registry.append(Case(kernel, types.split(), constexprs, arg_attrs))
        return kernel
    return add


@dataclass
class BadCase(Case):
    """A kernel that must fail: the message, hint and column expected at the line marked `# ERR`."""

    col: int = 0
    message: str = ""
    hint: str = ""
    error_in: Optional[JITFunction] = None


def bad(registry: list, types: str, col: int, message: str, hint: str = "",
        error_in: Optional[JITFunction] = None, **constexprs: Any):
    """Decorator: append a BadCase to `registry`."""
    def add(kernel: JITFunction) -> JITFunction:
        registry.append(BadCase(kernel, types.split(), constexprs, None, col, message, hint, error_in))
        return kernel
    return add
