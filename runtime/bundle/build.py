"""Building a bundle ahead of time: every (signature, constexprs, target) variant of each kernel compiled,
checked with the target's offline tools, and written into one file (format.py) with its manifest."""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional, Sequence, Union

from pantile import __version__
from pantile.targets.base import CONTRACT_VERSION, ValidationError
from pantile.targets.registry import get_target

from ..cache import compiler_version
from ..jit import Kernel, compile as compile_variant
from .format import BundledVariant, write_bundle

Signature = Union[str, Sequence[str], dict]
_CONSTEXPR_TYPES = (int, float, bool, str, type(None))


@dataclass
class KernelSpec:
    """One kernel of a bundle and the signatures and constexpr sets it is compiled for."""

    kernel: Kernel
    signatures: Sequence[Signature]
    constexprs: Sequence[dict[str, Any]] = field(default_factory=lambda: [{}])


def signature_entries(kernel: Kernel, signature: Signature, constexprs: dict[str, Any]) -> dict[str, str]:
    """A signature ('*fp32,*fp32,i32', a list in parameter order, or a dict) as parameter -> type string, for
    the parameters `constexprs` leaves; ValueError naming what does not fit."""
    runtime = [p for p in kernel.arg_names if p not in constexprs]
    if isinstance(signature, dict):
        entries = {p: str(t).strip() for p, t in signature.items()}
    else:
        types = [t.strip() for t in signature.split(",")] if isinstance(signature, str) else list(signature)
        if len(types) != len(runtime):
            raise ValueError(f"signature {signature!r} of {kernel.__name__} has {len(types)} types, but the kernel "
                             f"has {len(runtime)} runtime parameters ({', '.join(runtime)}) besides the constexprs "
                             f"given ({', '.join(constexprs) or 'none'})")
        entries = dict(zip(runtime, types))
    unknown = sorted(set(entries) - set(runtime))
    if unknown:
        raise ValueError(f"signature of {kernel.__name__} names {', '.join(unknown)}, which are not its runtime "
                         f"parameters ({', '.join(runtime)})")
    return entries


def _check_constexprs(kernel: Kernel, constexprs: dict[str, Any]) -> None:
    """ValueError for a constexpr a manifest cannot hold or that names no parameter of the kernel."""
    for name, value in constexprs.items():
        if name not in kernel.arg_names:
            raise ValueError(f"constexpr {name}={value!r}: {kernel.__name__} has no parameter {name} (its "
                             f"parameters: {', '.join(kernel.arg_names)})")
        if not isinstance(value, _CONSTEXPR_TYPES) or (isinstance(value, float) and not math.isfinite(value)):
            raise ValueError(f"constexpr {name}={value!r} of {kernel.__name__}: a bundle holds int, bool, finite "
                             f"float, str or None constexprs")


def target_archs(targets: Sequence[str]) -> list[str]:
    """The archs a bundle for `targets` holds: what each target ships (the CPU: portable baselines)."""
    archs: list[str] = []
    for name in targets:
        for arch in get_target(name.strip()).bundle_archs():
            if arch not in archs:
                archs.append(arch)
    return archs


def build_variant(kernel: Kernel, entries: dict[str, str], constexprs: dict[str, Any], arch: str, num_warps: int,
                  num_stages: int, debug: bool, keep_text: bool) -> BundledVariant:
    """One variant compiled (or taken from the kernel cache) and validated offline; of its text forms, those the
    target's launcher reads (all with `keep_text`)."""
    artifact = compile_variant(kernel, entries, constexprs, arch, num_warps=num_warps, num_stages=num_stages,
                               validate=False, debug=debug)
    target = get_target(arch)
    try:
        target.validate(artifact)      # a cached artifact too: the bundle promises every variant was checked
    except ValidationError as err:
        raise ValidationError(f"{kernel.__name__} for {arch} failed its offline check: {err}") from None
    if not keep_text:
        artifact = replace(artifact, asm={k: v for k, v in artifact.asm.items() if k in target.launch_texts})
    return BundledVariant(kernel.__name__, arch, entries, constexprs, num_warps, num_stages, artifact)


def build_variants(specs: Sequence[KernelSpec], targets: Sequence[str], num_warps: int = 4,
                   num_stages: int = 3, debug: bool = False, keep_text: bool = False) -> list[BundledVariant]:
    """Every (constexprs, signature, target) variant of `specs`, compiled and validated offline."""
    variants = []
    archs = target_archs(targets)
    for spec in specs:
        for consts in map(dict, spec.constexprs):
            _check_constexprs(spec.kernel, consts)
            for signature in spec.signatures:
                entries = signature_entries(spec.kernel, signature, consts)
                variants += [build_variant(spec.kernel, entries, consts, arch, num_warps, num_stages, debug,
                                           keep_text) for arch in archs]
    return variants


def compile(kernel: Union[Kernel, Sequence[KernelSpec]], signatures: Union[Signature, Sequence[Signature]] = (),
            constexprs: Union[dict[str, Any], Sequence[dict[str, Any]], None] = None, targets: Sequence[str] = (),
            output: Union[str, Path] = "kernels.ptb", num_warps: int = 4, num_stages: int = 3,
            debug: bool = False, keep_text: bool = False) -> Path:
    """Compile `kernel` (or each KernelSpec of a list) for every signature, constexpr set and target, validate
    each variant offline, and write them into the bundle file `output`; its path. `keep_text` keeps every text
    form of each variant (its IR, PTX ...) for inspection, not only those a launcher reads."""
    if isinstance(kernel, (list, tuple)):
        specs = list(kernel)
    else:   # one signature or one constexpr set may be given as it is
        specs = [KernelSpec(kernel, [signatures] if isinstance(signatures, (str, dict)) else list(signatures),
                            [constexprs] if isinstance(constexprs, dict) else list(constexprs or [{}]))]
    for spec in specs:
        if not spec.signatures:
            raise ValueError(f"no signature for {spec.kernel.__name__}: give at least one, e.g. "
                             f"'*fp32,*fp32,i32' for its runtime parameters in order")
    if not targets:
        raise ValueError("name the targets the bundle is for (`pantile targets` lists those installed)")
    names = [s.kernel.__name__ for s in specs]
    if len(set(names)) != len(names):
        raise ValueError(f"two kernels of one bundle have the same name ({', '.join(names)}); give each its own")
    variants = build_variants(specs, targets, num_warps, num_stages, debug, keep_text)
    kernels = [{"name": s.kernel.__name__, "params": list(s.kernel.arg_names),
                "constexprs": [p for p in s.kernel.arg_names if p in s.kernel.constexpr_names],
                "source": Path(s.kernel.file).name} for s in specs]
    return write_bundle(output, kernels, variants, {"pantile": __version__, "source_hash": compiler_version(),
                                                    "target_contract": CONTRACT_VERSION})


__all__ = ["KernelSpec", "compile"]
