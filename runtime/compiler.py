"""The compile driver: frontend -> neutral passes -> target pipeline -> artifact, through the disk cache."""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Optional

from pantile.frontend import CompilationError, JITFunction, build_ir
from pantile.frontend.language.target_info import compiling_for
from pantile.frontend.language.tensor_memory import kernel_args
from pantile.ir import Module, Type, print_module
from pantile.ir.verifier import verify
from pantile.passes import neutral_pipeline
from pantile.passes.instrument import requested_outputs
from pantile.passes.manager import DiagnosticError, PassManager
from pantile.targets.base import Artifact, CompileOptions, Target

from .args import signature_name
from .cache import DiskCache, compiler_version, make_key
from .driver import gpu_target


@dataclass(frozen=True)
class Specialization:
    """What one compiled variant of a kernel is specialised on."""

    signature: tuple[tuple[str, Type], ...]          # runtime arguments, in order
    constexprs: tuple[tuple[str, Any], ...]          # compile-time values by name
    arg_attrs: tuple[tuple[str, tuple], ...]         # e.g. ("x_ptr", (("divisibility", 16),))

    def attrs_dict(self) -> dict[str, dict]:
        return {name: dict(attrs) for name, attrs in self.arg_attrs}


def instrumented(fn: JITFunction) -> bool:
    """Whether PANTILE_DUMP_IR, PANTILE_TIMING and PANTILE_NO_CACHE apply to `fn`: to every kernel, or only to
    the one PANTILE_INSTRUMENT_KERNEL names (so a folder of IR dumps holds one kernel's passes)."""
    only = os.environ.get("PANTILE_INSTRUMENT_KERNEL", "").strip()
    return not only or only == fn.__name__


def reads_cache(fn: JITFunction) -> bool:
    """Whether compiles of `fn` may take their artifact from the disk cache (PANTILE_NO_CACHE says not)."""
    return not instrumented(fn) or os.environ.get("PANTILE_NO_CACHE", "").strip() in ("", "0")


def lower_to_target_ir(fn: JITFunction, spec: Specialization, target: Target, options: CompileOptions,
                       stages: Optional[dict[str, str]] = None, verify_each: bool = True) -> Module:
    """The kernel's IR after the neutral pipeline and the target's own passes; `stages`, when given, receives
    the text of the target-neutral IR under "pt". `verify_each` off: the IR is verified once, after the passes,
    not after each of them (a preview's way: the compile of a config that is benchmarked verifies each)."""
    with compiling_for(gpu_target(target), options.num_warps):    # tl.target_info answers for this target
        module = build_ir(fn, dict(spec.signature), dict(spec.constexprs), spec.attrs_dict())
    for func in module.functions():
        if func.attributes.get("kernel"):
            func.attributes["arg_names"] = tuple(name for name, _ in kernel_args(dict(spec.signature),
                                                                                 dict(spec.constexprs)))
            if getattr(fn, "repr", None) is not None:
                func.attributes["sym_name"] = named_by_repr(fn, spec)
    try:
        neutral = PassManager(neutral_pipeline(target.copies_descriptor_tiles), verify_each=verify_each,
                              outputs=instrumented(fn))
        neutral.run(module)
        if stages is not None:
            stages["pt"] = print_module(module)
        PassManager(list(target.pipeline(options)), verify_each=verify_each, outputs=instrumented(fn),
                    number_from=len(neutral.passes) + 1).run(module)
        if not verify_each:
            verify(module)
    except DiagnosticError as err:  # a pass found a mistake in the user's kernel
        loc = err.loc
        raise CompilationError(loc.file, loc.line, loc.col, err.message) from None
    return module


def cache_key(fn: JITFunction, spec: Specialization, target: Target, options: CompileOptions) -> str:
    """Compiler version, kernel sources and globals, specialization, target and options; where the sources lie
    too when the target's code names them (a debug build's asserts and bounds checks name the file and line);
    the kernel's name where a repr hook makes it."""
    named = named_by_repr(fn, spec) if getattr(fn, "repr", None) is not None else None
    return make_key(compiler_version(), fn.dependencies_key(locations=target.names_source_locations(options)),
                    spec, target.arch, target.cache_tag(), options.key(), named)


def named_by_repr(fn: JITFunction, spec: Specialization) -> str:
    """The kernel's symbol as its @jit(repr=...) hook names it, as in Triton: the hook gets the specialization,
    with `signature` (each parameter's Triton type string, 'constexpr' for compiled-in ones) and `constants`
    (the compiled-in values, integers equal to 1 among them); characters a symbol cannot hold become '_'."""
    constants = dict(spec.constexprs)
    view = SimpleNamespace(signature={**{p: signature_name(t) for p, t in spec.signature},
                                      **{p: "constexpr" for p in constants}}, constants=constants)
    return re.sub(r"\W", "_", str(fn.repr(view)))


def compile_artifact(fn: JITFunction, spec: Specialization, target: Target, options: CompileOptions,
                     cache: Optional[DiskCache] = None, validate: bool = False) -> Artifact:
    """The artifact for this variant, from the disk cache or freshly compiled (and then cached)."""
    cache = cache if cache is not None else DiskCache()
    key = cache_key(fn, spec, target, options)
    artifact = cache.get_object(key) if reads_cache(fn) else None
    if isinstance(artifact, Artifact):
        outputs = requested_outputs() if instrumented(fn) else []
        if outputs:   # no pass runs, so they would print nothing: say why, once per compiled variant
            sys.stderr.write(f"pantile: {fn.__name__} for {target.arch} came from the kernel cache ({cache.root}), so "
                             f"no pass ran for {' and '.join(outputs)}; recompile with PANTILE_NO_CACHE=1 "
                             f"(pantile run --no-cache)\n")
        return artifact
    stages: dict[str, str] = {}
    module = lower_to_target_ir(fn, spec, target, options, stages)
    return _emitted(module, stages, target, options, cache, key, validate)


def _emitted(module: Module, stages: dict[str, str], target: Target, options: CompileOptions, cache: DiskCache,
             key: str, validate: bool) -> Artifact:
    """The artifact the target emits for the lowered module, with the earlier stages' text, put in the cache."""
    artifact = target.emit(module, options)
    artifact.asm = {**stages, **artifact.asm}
    if validate:
        target.validate(artifact)
    cache.put_object(key, artifact, **{"kernel.mlir": print_module(module).encode()})
    return artifact


def preview_key(key: str) -> str:
    """Where the disk cache keeps the preview of the variant whose compile is kept under `key`."""
    return make_key(key, "preview")


def preview_artifact(fn: JITFunction, spec: Specialization, target: Target, options: CompileOptions,
                     cache: Optional[DiskCache] = None) -> Artifact:
    """What a cost model needs of this variant, cheaply: the compiled artifact where the disk cache holds it, else
    the target's preview of its lowered IR (no back end runs), kept in the disk cache beside the compiles (a tuning
    of a later process ranks from it without lowering again), else the full compile."""
    cache = cache if cache is not None else DiskCache()
    key = cache_key(fn, spec, target, options)
    previewed = preview_key(key)
    for stored in (key, previewed) if reads_cache(fn) else ():
        artifact = cache.get_object(stored)
        if isinstance(artifact, Artifact):
            return artifact
    stages: dict[str, str] = {}
    module = lower_to_target_ir(fn, spec, target, options, stages, verify_each=False)
    artifact = target.preview(module, options)
    if artifact is None:
        return _emitted(module, stages, target, options, cache, key, validate=False)
    artifact.asm = {**stages, **artifact.asm}
    cache.put_object(previewed, artifact)
    return artifact
