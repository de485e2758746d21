"""The SIMT target passes: atomics check, every call inlined, layout assignment, redundant conversions removed."""
from __future__ import annotations

from pantile.ir import Module, OpResult
from pantile.passes.analysis.axis_info import AxisInfoAnalysis, AxisInfoResult
from pantile.passes.inline import Inline
from pantile.passes.manager import AnalysisManager, Pass
from pantile.targets.atomics import CheckAtomics
from pantile.targets.base import Capabilities

from .dialect import CONVERT_LAYOUT
from .layout_assign import DotLayouts, assign_layouts, same_layout
from .memory import PointerFacts


def facts_from(info: AxisInfoResult) -> PointerFacts:
    """The axis-info facts the layout choice and the memory lowering use."""
    return PointerFacts(lambda v: info[v].contiguity, lambda v: info[v].divisibility, lambda v: info[v].constancy)


def module_facts(module: Module) -> PointerFacts:
    """Axis-info facts computed afresh for `module`."""
    return facts_from(AxisInfoAnalysis().compute(module))


class AssignLayouts(Pass):
    """Give every block value a layout (coalesced for memory), inserting simt.convert_layout."""

    name = "simt-assign-layouts"
    requires = ("axis-info",)
    preserves = ("axis-info",)

    def __init__(self, num_warps: int = 4, warp_size: int = 32, dot_layouts: DotLayouts = None) -> None:
        self.num_warps = num_warps
        self.warp_size = warp_size
        self.dot_layouts = dot_layouts

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Assign layouts to every function."""
        assign_layouts(module, self.num_warps, self.warp_size, facts_from(analyses.get("axis-info")),
                       self.dot_layouts)


def remove_redundant_conversions(module: Module) -> None:
    """Drop conversions to the layout a value already has, fold chains, and merge duplicates."""
    seen: dict[tuple, object] = {}
    for op in list(module.walk()):
        if op.name != CONVERT_LAYOUT or op.parent is None:
            continue
        src, res = op.operands[0], op.results[0]
        while isinstance(src, OpResult) and src.owner.name == CONVERT_LAYOUT:
            src = src.owner.operands[0]
            op.set_operand(0, src)
        if same_layout(src.type, res.type.layout):
            res.replace_all_uses_with(src)
            op.erase()
            continue
        key = (src, res.type, res.type.layout, id(op.parent))
        if key in seen:
            res.replace_all_uses_with(seen[key])
            op.erase()
            continue
        seen[key] = res
    for op in reversed(list(module.walk())):
        if op.name == CONVERT_LAYOUT and op.parent is not None and not op.results[0].uses:
            op.erase()


class RemoveRedundantConversions(Pass):
    """See remove_redundant_conversions."""

    name = "simt-remove-conversions"
    preserves = ("axis-info",)

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Remove redundant conversions in place."""
        remove_redundant_conversions(module)


def simt_pipeline(capabilities: Capabilities, arch: str, num_warps: int, warp_size: int,
                  dot_layouts: DotLayouts = None) -> list[Pass]:
    """The passes of a SIMT target: the atomics check, every call inlined (`noinline` too: the lowering
    emits one kernel function, and `noinline` changes only code size, never what a kernel computes),
    layout assignment and the removal of redundant conversions."""
    return [CheckAtomics(capabilities, arch), Inline(keep_noinline=False),
            AssignLayouts(num_warps, warp_size, dot_layouts), RemoveRedundantConversions()]
