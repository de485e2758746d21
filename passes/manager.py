"""Pass manager: passes and analyses declared as data, ordered through a networkx graph.

A pass names what must run before it (`requires`: analyses or other passes)
and which analyses it keeps valid (`preserves`, or ("*",) for all). The
manager puts passes and the analyses they need into a `networkx.DiGraph`,
orders it topologically (keeping the given order wherever the graph allows),
runs it with instrumentation, and drops cached analyses a pass does not
preserve.
"""
from __future__ import annotations

import time
from typing import Any, Callable, Optional, Sequence, TypeVar

from pantile.ir import Module, parse_module, print_module
from pantile.ir.verifier import verify

from .instrument import Instrumentation

T = TypeVar("T", bound=type)


class PassError(RuntimeError):
    """A pass failed; the message names the pass, the original error and the reproducer file."""

    def __init__(self, pass_name: str, error: BaseException, reproducer: str) -> None:
        super().__init__(f"pass '{pass_name}' failed: {type(error).__name__}: {error}\n"
                         f"reproducer (the IR before the pass): {reproducer}\n"
                         f"rerun it with: python -m pantile.passes.opt {reproducer} --passes {pass_name}")
        self.pass_name = pass_name
        self.error = error
        self.reproducer = reproducer


class DiagnosticError(Exception):
    """A mistake in the user's program found by a pass; the text starts with file:line:col."""

    def __init__(self, loc: Any, message: str) -> None:
        super().__init__(f"{loc}: error: {message}")
        self.loc = loc
        self.message = message


class Pass:
    """A transformation of a whole module, declared by name, requirements and preserved analyses."""

    name: str = ""
    requires: tuple[str, ...] = ()
    preserves: tuple[str, ...] = ()
    modifies: bool = True       # False: the pass only inspects the module (nothing to verify after it)

    def apply(self, module: Module, analyses: "AnalysisManager") -> None:
        """Transform `module` in place."""
        raise NotImplementedError(f"pass {self.name} has no apply")

    def __repr__(self) -> str:
        return f"<Pass {self.name}>"


class Analysis:
    """A fact about a module, computed on demand and cached until a pass invalidates it."""

    name: str = ""

    def compute(self, module: Module) -> Any:
        """The analysis result for `module`."""
        raise NotImplementedError(f"analysis {self.name} has no compute")


PASSES: dict[str, type[Pass]] = {}
ANALYSES: dict[str, type[Analysis]] = {}


def register(cls: T) -> T:
    """Class decorator: make a Pass or Analysis subclass known by its `name`."""
    table: dict = PASSES if issubclass(cls, Pass) else ANALYSES
    if not cls.name:
        raise ValueError(f"{cls.__name__} needs a name to be registered")
    if cls.name in PASSES or cls.name in ANALYSES:
        raise ValueError(f"'{cls.name}' is registered twice")
    table[cls.name] = cls
    return cls


PASS_GROUP = "pantile.passes"   # entry points naming modules that register passes (targets' own passes)
_plugins_loaded: list[bool] = []


def _load_builtin() -> None:
    from . import builtin  # noqa: F401  (registers the built-in passes and analyses)


def _load_plugins() -> None:
    """Import the modules the `pantile.passes` entry points name (they register passes), once; only when a
    name is not found or every pass is listed, since reading entry points costs a cold start ~10 ms."""
    if not _plugins_loaded:
        _plugins_loaded.append(True)
        from importlib.metadata import entry_points
        for ep in entry_points(group=PASS_GROUP):
            ep.load()


def known_passes() -> list[str]:
    """Names of every registered pass (the target-neutral ones and those targets register), sorted."""
    _load_builtin()
    _load_plugins()
    return sorted(PASSES)


def make_pass(name: str) -> Pass:
    """A new instance of the registered pass `name`; KeyError lists the known ones."""
    _load_builtin()
    if name not in PASSES:
        _load_plugins()
    if name not in PASSES:
        raise KeyError(f"unknown pass '{name}'; known passes: {', '.join(sorted(PASSES))}")
    return PASSES[name]()


class AnalysisManager:
    """Computes analyses of one module on demand and caches them until invalidated."""

    def __init__(self, module: Module, on_compute: Optional[Callable[[str, float], None]] = None) -> None:
        self.module = module
        self._cache: dict[str, Any] = {}
        self._on_compute = on_compute

    def get(self, name: str) -> Any:
        """The result of analysis `name`, computed now unless cached."""
        if name not in self._cache:
            _load_builtin()
            if name not in ANALYSES:
                raise KeyError(f"unknown analysis '{name}'; known analyses: {', '.join(sorted(ANALYSES))}")
            start = time.perf_counter()
            self._cache[name] = ANALYSES[name]().compute(self.module)
            if self._on_compute is not None:
                self._on_compute(name, time.perf_counter() - start)
        return self._cache[name]

    def is_cached(self, name: str) -> bool:
        """True when `name` is computed and still valid."""
        return name in self._cache

    def invalidate(self, preserved: Sequence[str] = ()) -> None:
        """Drop every cached analysis not named in `preserved` ("*" keeps all)."""
        if "*" in preserved:
            return
        self._cache = {k: v for k, v in self._cache.items() if k in preserved}


class PassManager:
    """Runs passes in an order that satisfies their `requires`, with instrumentation."""

    def __init__(self, passes: Sequence[Pass], verify_each: bool = True, outputs: bool = True,
                 number_from: int = 1) -> None:
        """`outputs` off: PANTILE_DUMP_IR and PANTILE_TIMING do not apply to this run; `number_from`: the
        number of the first pass's dump file, so a pipeline run after another on a module numbers on."""
        import networkx as nx  # deferred: ~0.1 s to import, which kernels loaded from the disk cache never pay
        _load_builtin()
        self.verify_each = verify_each
        self.outputs = outputs
        self.number_from = number_from
        self.graph = nx.DiGraph()
        self.passes: list[Pass] = self._order(list(passes))

    def _order(self, given: list[Pass]) -> list[Pass]:
        """Topological order of `given` (plus passes they require), stable where the graph allows."""
        import networkx as nx
        instances = list(given)
        rank: dict[tuple, float] = {("pass", i): float(i) for i in range(len(instances))}
        for i, p in enumerate(instances):  # grows while missing required passes are appended
            for req in p.requires:
                if req in PASSES and not any(q.name == req for q in instances):
                    # an added pass ranks just before the pass that needs it (offsets sum below 1)
                    rank[("pass", len(instances))] = rank[("pass", i)] - 0.5 ** (len(instances) + 1)
                    instances.append(PASSES[req]())
        for i, p in enumerate(instances):
            self.graph.add_node(("pass", i), item=p)
        for i, p in enumerate(instances):
            for req in p.requires:
                if req in PASSES:
                    self.graph.add_edge(("pass", self._provider(instances, req, i)), ("pass", i))
                elif req in ANALYSES:
                    self.graph.add_node(("analysis", req), item=req)
                    self.graph.add_edge(("analysis", req), ("pass", i))
                    rank[("analysis", req)] = min(rank.get(("analysis", req), rank[("pass", i)]),
                                                  rank[("pass", i)] - 0.5 ** (len(instances) + 1))
                else:
                    raise KeyError(f"pass '{p.name}' requires '{req}', which is neither a pass nor an "
                                   f"analysis; known: {', '.join(sorted(PASSES) + sorted(ANALYSES))}")
        try:
            order = list(nx.lexicographical_topological_sort(self.graph, key=lambda n: rank[n]))
        except nx.NetworkXUnfeasible:
            cycle = " -> ".join(self.graph.nodes[a]["item"].name for a, _ in nx.find_cycle(self.graph))
            raise ValueError(f"passes require each other in a cycle: {cycle}") from None
        return [self.graph.nodes[n]["item"] for n in order if n[0] == "pass"]

    @staticmethod
    def _provider(instances: list[Pass], name: str, index: int) -> int:
        """The instance of pass `name` that must run before instance `index`: the nearest earlier one."""
        earlier = [j for j in range(index) if instances[j].name == name]
        if earlier:
            return earlier[-1]
        return next(j for j in range(len(instances)) if instances[j].name == name and j != index)

    @property
    def names(self) -> list[str]:
        """The pass names in run order."""
        return [p.name for p in self.passes]

    def run(self, module: Module) -> Module:
        """Run every pass on `module` in place and return it."""
        inst = Instrumentation.from_env(self.names, self.outputs)
        inst.number_from = self.number_from
        analyses = AnalysisManager(module, inst.record_analysis)
        if self.verify_each:
            verify(module)
        # A reproducer needs the IR a failing pass was given. Printing the module before every pass
        # cost a fifth of compile time, so it is printed once, here, and rebuilt only after a failure;
        # not at all when no pass changes the module, which is then still that IR.
        start = inst.snapshot(module) if any(p.modifies for p in self.passes) else None
        for index, p in enumerate(self.passes):
            inst.before_pass()
            try:
                self._apply(p, module, analyses)
                if self.verify_each and p.modifies:
                    verify(module)
            except DiagnosticError:
                raise
            except Exception as e:  # any fault inside a pass becomes a PassError with a reproducer
                before = print_module(module) if start is None else self._ir_before(start, index)
                raise PassError(p.name, e, inst.write_reproducer(p.name, before, e)) from e
            inst.after_pass(index, p.name, module)
        inst.finish()
        return module

    @staticmethod
    def _apply(p: Pass, module: Module, analyses: AnalysisManager) -> None:
        for req in p.requires:
            if req in ANALYSES:
                analyses.get(req)
        p.apply(module, analyses)
        analyses.invalidate(p.preserves)

    def _ir_before(self, start: str, index: int) -> str:
        """The text of the IR pass `index` was given: the passes before it replayed on a copy of `start`."""
        try:
            module = parse_module(start)
            analyses = AnalysisManager(module)
            for p in self.passes[:index]:
                self._apply(p, module, analyses)
            return print_module(module)
        except Exception as e:  # noqa: BLE001  (the reproducer must not hide the pass's own error)
            names = ",".join(p.name for p in self.passes[:index + 1])
            return (f"// the IR before the first pass (replaying the passes before this one failed: "
                    f"{type(e).__name__}: {e}); run: {names}\n{start}")
