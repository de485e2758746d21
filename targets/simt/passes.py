"""The SIMT target passes: atomics check, every call inlined, layout assignment, redundant conversions removed.

The passes are registered (through the `pantile.passes` entry point) with their options as dataclass fields,
so `python -m pantile.passes.opt --passes 'simt-assign-layouts{target=ARCH num_warps=4}'` runs them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pantile.ir import (BlockArgument, BlockType, Builder, FunctionType, Module, OpResult, Operation, Region,
                        TensorDescType, Value, i1, i64)
from pantile.ir.core import Block
from pantile.passes.analysis.axis_info import AxisInfoAnalysis, AxisInfoResult
from pantile.passes.inline import Inline
from pantile.passes.manager import AnalysisManager, Pass, make_pass, register
from pantile.passes.pipeline_loads import PipelineLoads
from pantile.passes.tensor_memory import argument_descriptor, is_copyable_tile, lower_kept_tiles
from pantile.targets.atomics import CheckAtomics
from pantile.targets.inline_asm import CheckInlineAsm
from pantile.targets.base import CompileOptions
from pantile.targets.capability_check import CapabilityCheck
from pantile.targets.registry import get_target

from .dialect import CONVERT_LAYOUT
from .dot import layouts_of
from .kernel_tensor_maps import KernelTensorMaps
from .layout_assign import DotLayouts, assign_layouts, same_layout
from .memory import PointerFacts
from .tile_copy import box_of, buffer_box, copied_box, stored_placement


def facts_from(info: AxisInfoResult) -> PointerFacts:
    """The axis-info facts the layout choice and the memory lowering use."""
    return PointerFacts(lambda v: info[v].contiguity, lambda v: info[v].divisibility, lambda v: info[v].constancy)


def module_facts(module: Module) -> PointerFacts:
    """Axis-info facts computed afresh for `module`."""
    return facts_from(AxisInfoAnalysis().compute(module))


@register
@dataclass
class AssignLayouts(Pass):
    """Give every block value a layout (coalesced for memory), inserting simt.convert_layout."""

    name: ClassVar[str] = "simt-assign-layouts"
    requires: ClassVar[tuple[str, ...]] = ("axis-info",)
    preserves: ClassVar[tuple[str, ...]] = ("axis-info",)

    target: str = ""        # the SIMT target whose hooks give the warp size and dot layouts ("": no target)
    num_warps: int = 4
    warp_size: int = 32     # without a target
    target_warp_size: int = 0   # with a target: a warp size it offers besides its default (0: the default)

    def layouts_for(self) -> tuple[int, DotLayouts]:
        """The warp size and dot-layout hook of `target`, or `warp_size` and none."""
        if not self.target:
            return self.warp_size, None
        hooks = get_target(self.target).hooks(CompileOptions(num_warps=self.num_warps,
                                                             extra=warp_size_option(self.target_warp_size)))
        return hooks.warp_size, hooks.dot_layouts

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Assign layouts to every function."""
        warp_size, dot_layouts = self.layouts_for()
        assign_layouts(module, self.num_warps, warp_size, facts_from(analyses.get("axis-info")), dot_layouts)


def remove_redundant_conversions(module: Module) -> None:
    """Drop conversions to the layout a value already has, fold chains, and merge duplicates."""
    seen: dict[tuple, object] = {}
    for op in list(module.walk()):
        if op.name != CONVERT_LAYOUT or op.parent is None:
            continue
        src, res = op.x, op.result
        while isinstance(src, OpResult) and src.owner.name == CONVERT_LAYOUT:
            src = src.owner.x
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


@register
@dataclass
class RemoveRedundantConversions(Pass):
    """Drop layout conversions to the layout a value has, fold chains of them and merge duplicates."""

    name: ClassVar[str] = "simt-remove-conversions"
    preserves: ClassVar[tuple[str, ...]] = ("axis-info",)

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Remove redundant conversions in place."""
        remove_redundant_conversions(module)


@register
@dataclass
class CheckDevicePrint(CapabilityCheck):
    """Refuse, at the user's line, a device print on a target whose capability record says it has none."""

    name: ClassVar[str] = "check-device-print"
    op_name: ClassVar[str] = "pt.print"
    capability: ClassVar[str] = "device_print"

    def refusal(self) -> str:
        """No device print here: remove it or print on another target."""
        return (f"device_print is not supported on the {self.arch} target (capabilities.device_print); remove it "
                "or print on another target")


@register
@dataclass
class CheckDeviceAssert(CapabilityCheck):
    """Refuse, at the user's line, a device assert kept by a debug build on a target that cannot check it."""

    name: ClassVar[str] = "check-device-assert"
    op_name: ClassVar[str] = "pt.assert"
    capability: ClassVar[str] = "device_assert"

    def refusal(self) -> str:
        """No checked asserts here: build without debug (the assert is then compiled out) or use another target."""
        return (f"device_assert is not supported in debug builds on the {self.arch} target "
                "(capabilities.device_assert); build without debug=True, which leaves the assert out, or check on "
                "another target")


@register
@dataclass
class PipelineMatrixLoads(PipelineLoads):
    """pipeline-loads for the dots that `target` runs on its matrix instructions (their operands are read from
    shared memory), its buffers within the target's shared memory as the lowering places them (each at a multiple
    of the matrix operands' alignment, the tile copies' barriers in a buffer of their own)."""

    name: ClassVar[str] = "simt-pipeline-loads"

    target: str = ""
    num_warps: int = 4
    target_warp_size: int = 0   # the warp size layout assignment is asked for (0: the target's default)

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Pipeline with the target's dot layouts (at the compilation's warp size) and shared-memory size."""
        target = get_target(self.target)
        hooks = target.hooks(CompileOptions(num_warps=self.num_warps, extra=warp_size_option(self.target_warp_size)))
        self._dot_layouts = hooks.dot_layouts
        self._hooks, self._facts = hooks, facts_from(analyses.get("axis-info"))
        self.shared_bytes = self.shared_bytes or target.capabilities.shared_memory_bytes
        self.extra_slots = self.extra_slots or hooks.matrix_slots_in_use
        self.buffer_alignment = hooks.matrix_operand_alignment     # where the lowering places each buffer
        super().apply(module, analyses)

    def wants(self, dot: Operation) -> bool:
        """Dots on the target's matrix instructions."""
        return layouts_of(self._dot_layouts, dot, self.num_warps) is not None

    def copies_tile(self, load: Operation) -> bool:
        """Descriptor loads the target copies whole (tile_copy.copied_box)."""
        return copied_box(self._hooks, load, self._facts, self.num_warps) is not None


def _target_hooks(arch: str, num_warps: int):
    return get_target(arch).hooks(CompileOptions(num_warps=num_warps))


@register
@dataclass
class LowerUncopiedTiles(Pass):
    """Lower the descriptor loads and stores lower-tensor-memory kept that `target` will not copy whole
    (tile_copy.py), so that pipelining copies those loads through pointers as before."""

    name: ClassVar[str] = "simt-lower-uncopied-tiles"
    requires: ClassVar[tuple[str, ...]] = ("axis-info",)

    target: str = ""
    num_warps: int = 4

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Lower every kept load and store without a tile-copy box."""
        hooks, facts = _target_hooks(self.target, self.num_warps), facts_from(analyses.get("axis-info"))
        lower_kept_tiles(module, lambda op: copied_box(hooks, op, facts, self.num_warps) is not None)


@register
@dataclass
class GuardTileStores(Pass):
    """Each descriptor store kept for the target to copy (the uncopied ones are lowered by now) copies its tile
    only where the tile starts inside the tensor, 0 <= offset < size along both dimensions; a tile starting
    above, left of or past the tensor is stored through pointers, in the other branch of an scf.if on that
    condition (scalars, so every thread of the program takes the same branch). On the H100 the tile-copy unit
    stopped a kernel with an illegal instruction on such stores (conformance tensor_memory/descriptor_arg/2d_aligned,
    2026-12-08; which of the three kinds it refuses, dev/gpu/tma_store_probe.py tells), while it drops the part
    past the end of tiles that start inside."""

    name: ClassVar[str] = "simt-guard-tile-stores"

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Guard every kept pt.desc_store; lower the copies in the other branches."""
        fallbacks = set()
        for store in [op for op in module.walk() if op.name == "pt.desc_store" and is_copyable_tile(op)]:
            b = Builder.before_op(store)
            sizes = argument_descriptor(store.desc).parts[:2]
            zero, inside = b.constant(0, i64), None
            for offset, size in zip(store.offsets, sizes):
                at = _as_i64(b, offset)
                starts = b.value("pt.and", [b.value("pt.cmp", [at, zero], i1, predicate="ge"),
                                            b.value("pt.cmp", [at, _as_i64(b, size)], i1, predicate="lt")], i1)
                inside = starts if inside is None else b.value("pt.and", [inside, starts], i1)
            copied, fallback = Block(), Block()
            b.create("scf.if", [inside], regions=[Region([copied]), Region([fallback])])
            fallbacks.add(Builder.at_end(fallback, store.loc).insert(store.clone()))
            Builder.at_end(copied, store.loc).insert(store.detach())
            for block in (copied, fallback):
                Builder.at_end(block, store.loc).create("scf.yield")
        lower_kept_tiles(module, lambda op: op not in fallbacks)


def _as_i64(b: Builder, v: Value) -> Value:
    """Scalar integer `v` as i64 (offsets and sizes may differ in width)."""
    return v if v.type == i64 else b.value("pt.cast", [v], i64)


@register
@dataclass
class TileCopyArguments(Pass):
    """The kept descriptor loads pipelining did not turn into tile copies become pointer loads, and so do the
    kept stores the target will not copy; the descriptor each pt.async_tile_copy reads becomes a kernel
    parameter of its own, `<parameter>.tensormap`, a tensordesc whose block is the box the copy moves (the
    launch passes the target's tensor map of the TensorDescriptor there)."""

    name: ClassVar[str] = "simt-tile-copy-arguments"
    requires: ClassVar[tuple[str, ...]] = ("axis-info",)

    target: str = ""
    num_warps: int = 4

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Lower the accesses left, then give every copied descriptor its parameter."""
        hooks, facts = _target_hooks(self.target, self.num_warps), facts_from(analyses.get("axis-info"))
        lower_kept_tiles(module, lambda op: op.name == "pt.desc_store" and
                         copied_box(hooks, op, facts, self.num_warps) is not None)
        for func in module.functions():
            for copy in [op for op in func.walk() if op.name == "pt.async_tile_copy"]:
                make = argument_descriptor(copy.operands[0])
                if make is None:                  # a descriptor made in the kernel (kernel_tensor_maps.py)
                    continue
                copy.set_operand(0, _tensor_map(func, make, buffer_box(hooks, copy.operands[1], self.num_warps)))
                if not make.result.uses:
                    make.erase()


@register
@dataclass
class TileStoreArguments(Pass):
    """Each descriptor store kept for the target to copy (laid out by now) becomes a pt.async_tile_store through
    a `<parameter>.tensormap` parameter whose block is the box of the swizzle mode its layout writes best
    (tile_copy.stored_placement)."""

    name: ClassVar[str] = "simt-tile-store-arguments"

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Replace every kept pt.desc_store."""
        for func in module.functions():
            for store in [op for op in func.walk() if op.name == "pt.desc_store"]:
                make = argument_descriptor(store.desc)
                value = store.value
                box = box_of(stored_placement(value.type, value.type.layout.to_linear(value.type.shape)))
                Builder.before_op(store).create("pt.async_tile_store", [_tensor_map(func, make, box), value,
                                                                        *store.offsets], loc=store.loc)
                store.erase()
                if not make.result.uses:
                    make.erase()


def _tensor_map(func: Operation, make: Operation, box: tuple[int, ...]) -> BlockArgument:
    """The `<parameter>.tensormap...` argument of kernel `func` for copies of `box` through the descriptor argument
    `make` builds: one per parameter and box, appended at its first use."""
    tile = make.result.type
    t = TensorDescType(BlockType(box, tile.block.element), tile.padding)
    stem = f"{make.attributes['argument']}.tensormap"
    entry = func.regions[0].entry
    names = func.attributes.get("arg_names") or ()
    same = [i for i, name in enumerate(names) if name.startswith(stem)]
    found = [entry.args[i] for i in same if entry.args[i].type == t]
    return found[0] if found else _append_argument(func, f"{stem}{len(same) or ''}", t)


def _append_argument(func: Operation, name: str, t) -> BlockArgument:
    """A new last argument of kernel `func` named `name` (its signature, names and attributes follow)."""
    entry = func.regions[0].entry
    arg = BlockArgument(t, entry, len(entry.args))
    entry.args.append(arg)
    ft = func.attributes["function_type"]
    func.attributes["function_type"] = FunctionType(ft.inputs + (t,), ft.results)
    if func.attributes.get("arg_names") is not None:
        func.attributes["arg_names"] = tuple(func.attributes["arg_names"]) + (name,)
    if func.attributes.get("arg_attrs") is not None:
        func.attributes["arg_attrs"] = list(func.attributes["arg_attrs"]) + [{}]
    return arg


def warp_size_option(warp_size: int) -> tuple:
    """CompileOptions.extra asking a SIMT target for `warp_size` lanes (0: its default)."""
    return (("warp_size", warp_size),) if warp_size else ()


def simt_pipeline(arch: str, num_warps: int, num_stages: int = 0, warp_size: int = 0, debug: bool = False,
                  tile_copies: bool = False) -> list[Pass]:
    """The passes of SIMT target `arch`: the atomics, device-print, device-assert (`debug` builds, which keep
    asserts) and inline-assembly checks, every call inlined (`noinline` too: the lowering emits one kernel
    function, and `noinline` changes only code size, never what a kernel computes), software pipelining of the
    operand loads of matrix-instruction dots (`num_stages` > 1), layout assignment and the removal of redundant
    conversions. With `tile_copies` (the target copies descriptor tiles whole: the neutral pipeline kept their
    loads and stores), the accesses it will not copy are lowered to pointers first (and their address
    arithmetic hoisted and merged), after pipelining the copied stores are guarded (a tile starting outside the
    tensor goes through pointers) and the copied descriptors become kernel parameters, or tensor
    maps the kernel writes where it makes the descriptor itself, and once laid out the copied stores become tile
    stores."""
    pipelining = [PipelineMatrixLoads(num_stages=num_stages, target=arch, num_warps=num_warps,
                                      target_warp_size=warp_size)] if num_stages > 1 else []
    stores = []
    if tile_copies:
        pipelining = [LowerUncopiedTiles(arch, num_warps), make_pass("licm"), make_pass("cse"), *pipelining,
                      GuardTileStores(), TileCopyArguments(arch, num_warps), KernelTensorMaps(arch, num_warps)]
        stores = [TileStoreArguments()]
    checks = [CheckAtomics(arch=arch), CheckDevicePrint(arch=arch)] + ([CheckDeviceAssert(arch=arch)] if debug else [])
    return [*checks, CheckInlineAsm(arch=arch), Inline(keep_noinline=False), *pipelining,
            AssignLayouts(arch, num_warps, target_warp_size=warp_size), RemoveRedundantConversions(), *stores]
