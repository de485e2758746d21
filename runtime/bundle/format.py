"""The bundle file: a fixed header, a JSON manifest, then the artifacts' bytes, each under its SHA-256.

    offset  size  field
    0       8     magic b"PTBUNDLE"
    8       4     format version, little-endian u32 (FORMAT_VERSION)
    12      8     manifest length in bytes, little-endian u64
    20      32    SHA-256 of the manifest
    52      n     manifest, UTF-8 JSON
    52+n    ...   blobs: each variant's binary and text forms, where the manifest's {offset, size, sha256} say
                  (offset from the first blob byte); the file ends with the last blob

Reading checks every part (magic, version, lengths, manifest hash, each blob's hash, the manifest's fields)
before anything is loaded, and builds each Artifact from named fields: nothing is unpickled, so a bundle
holds no code and loading it needs no compiler module.
"""
from __future__ import annotations

import hashlib
import json
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

from pantile.ir import ParseError, parse_type
from pantile.targets.base import CONTRACT_VERSION, ArgSpec, Artifact

MAGIC = b"PTBUNDLE"
FORMAT_VERSION = 1
_HEADER = struct.Struct("<8sIQ32s")


class BundleError(ValueError):
    """A bundle file that cannot be used: damaged, truncated, of a newer format, or with no fitting variant."""


@dataclass
class BundledVariant:
    """One compiled variant as the manifest describes it, with its artifact rebuilt from the file's bytes."""

    kernel: str                   # the kernel's Python name
    target: str                   # the arch it was built for, e.g. "cuda:sm_80"
    signature: dict[str, str]     # runtime parameter -> type as written ('*fp32:16', 'i32')
    constexprs: dict[str, Any]    # compile-time values by name
    num_warps: int
    num_stages: int
    artifact: Artifact


def sha256(data: bytes) -> str:
    """The hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


class _Blobs:
    """The blob area being written: each added blob's {offset, size, sha256}."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def add(self, data: bytes) -> dict[str, Any]:
        entry = {"offset": self.size, "size": len(data), "sha256": sha256(data)}
        self.parts.append(data)
        self.size += len(data)
        return entry


def _artifact_record(artifact: Artifact, blobs: _Blobs) -> dict[str, Any]:
    """The manifest's fields of one artifact, its binary and text forms added to the blob area."""
    try:
        metadata = json.loads(json.dumps(artifact.metadata))
    except (TypeError, ValueError) as err:
        raise BundleError(f"internal error: target {artifact.target} gave {artifact.kernel_name} metadata a bundle "
                          f"cannot hold ({err})") from None
    return {"target": artifact.target, "kernel_name": artifact.kernel_name, "format": artifact.format,
            "args": [{"name": a.name, "type": str(a.type), "writes": a.writes} for a in artifact.args],
            "num_warps": artifact.num_warps, "shared_memory": artifact.shared_memory, "metadata": metadata,
            "binary": blobs.add(artifact.binary),
            "asm": {name: blobs.add(text.encode()) for name, text in sorted(artifact.asm.items())}}


def write_bundle(path: Union[str, Path], kernels: list[dict[str, Any]], variants: list[BundledVariant],
                 compiler: dict[str, str]) -> Path:
    """Write `variants` (of the kernels described by `kernels`: name, params, constexprs, source) to `path`."""
    blobs = _Blobs()
    records = [{"kernel": v.kernel, "target": v.target, "signature": v.signature, "constexprs": v.constexprs,
                "num_warps": v.num_warps, "num_stages": v.num_stages,
                "artifact": _artifact_record(v.artifact, blobs)} for v in variants]
    manifest = {"format": "pantile-bundle", "format_version": FORMAT_VERSION, "compiler": compiler,
                "kernels": kernels, "variants": records, "blob_bytes": blobs.size}
    text = json.dumps(manifest, indent=1, sort_keys=True).encode()
    path = Path(path)
    path.write_bytes(_HEADER.pack(MAGIC, FORMAT_VERSION, len(text), hashlib.sha256(text).digest()) + text
                     + b"".join(blobs.parts))
    return path


def read_manifest(data: bytes, name: str) -> tuple[dict[str, Any], memoryview]:
    """The manifest of bundle bytes `data` (from file `name`) and its blob area, header and hash checked."""
    if len(data) < _HEADER.size or data[:8] != MAGIC:
        if data[:8] == MAGIC:
            raise BundleError(f"{name}: truncated pantile bundle ({len(data)} bytes, shorter than its header); "
                              f"copy or rebuild it")
        raise BundleError(f"{name} is not a pantile bundle (it does not start with {MAGIC!r}); build one with "
                          f"`pantile bundle`")
    _, version, length, digest = _HEADER.unpack_from(data)
    if version > FORMAT_VERSION:
        raise BundleError(f"{name} is a pantile bundle of format version {version}, newer than this pantile "
                          f"reads (version {FORMAT_VERSION}); upgrade pantile, or rebuild the bundle with this one")
    if version < 1:
        raise BundleError(f"{name}: unknown bundle format version {version}; rebuild the bundle")
    end = _HEADER.size + length
    if len(data) < end:
        raise BundleError(f"{name}: truncated pantile bundle (its manifest needs {end} bytes, the file has "
                          f"{len(data)}); copy or rebuild it")
    text = data[_HEADER.size:end]
    if hashlib.sha256(text).digest() != digest:
        raise BundleError(f"{name}: corrupted pantile bundle (the manifest's SHA-256 does not match the header); "
                          f"copy or rebuild it")
    try:
        manifest = json.loads(bytes(text))
    except ValueError as err:      # bad UTF-8 or JSON under a matching hash: written wrong, not damaged
        raise BundleError(f"{name}: manifest mismatch: the manifest is not JSON ({err}); rebuild the bundle") from None
    if not isinstance(manifest, dict):
        raise BundleError(f"{name}: manifest mismatch: the manifest is not a JSON object; rebuild the bundle")
    if manifest.get("format_version") != version:
        raise BundleError(f"{name}: manifest mismatch: the manifest says format version "
                          f"{manifest.get('format_version')!r}, the header {version}; rebuild the bundle")
    contract = manifest.get("compiler", {}).get("target_contract")
    if contract != CONTRACT_VERSION:
        raise BundleError(f"{name} was built by pantile {manifest.get('compiler', {}).get('pantile')} for target "
                          f"contract version {contract}, and this pantile's launchers implement version "
                          f"{CONTRACT_VERSION}; rebuild the bundle with this pantile")
    blobs = memoryview(data)[end:]
    if len(blobs) != manifest.get("blob_bytes"):
        state = "truncated" if len(blobs) < manifest.get("blob_bytes", 0) else "damaged"
        raise BundleError(f"{name}: {state} pantile bundle (its manifest lists {manifest.get('blob_bytes')} bytes "
                          f"of artifacts, the file holds {len(blobs)}); copy or rebuild it")
    return manifest, blobs


def _blob(blobs: memoryview, entry: dict[str, Any], what: str, name: str) -> bytes:
    """The bytes the manifest's `entry` points at, their hash checked."""
    offset, size = entry["offset"], entry["size"]
    if not (0 <= offset and 0 <= size and offset + size <= len(blobs)):
        raise BundleError(f"{name}: manifest mismatch: {what} lies outside the file; rebuild the bundle")
    data = bytes(blobs[offset:offset + size])
    if sha256(data) != entry["sha256"]:
        raise BundleError(f"{name}: corrupted pantile bundle: the SHA-256 of {what} does not match its manifest; "
                          f"copy or rebuild it")
    return data


def _artifact(record: dict[str, Any], blobs: memoryview, what: str, name: str) -> Artifact:
    """The Artifact the manifest's `record` describes, from named fields only."""
    args = tuple(ArgSpec(a["name"], parse_type(a["type"]), bool(a["writes"])) for a in record["args"])
    asm = {key: _blob(blobs, entry, f"{what} ({key})", name).decode() for key, entry in record["asm"].items()}
    return Artifact(target=record["target"], kernel_name=record["kernel_name"], format=record["format"],
                    binary=_blob(blobs, record["binary"], what, name), args=args, num_warps=int(record["num_warps"]),
                    shared_memory=int(record["shared_memory"]), metadata=dict(record["metadata"]), asm=asm)


def read_bundle(path: Union[str, Path, Any]) -> tuple[dict[str, Any], list[BundledVariant]]:
    """The manifest and every variant of the bundle at `path` (a path, or a package resource with `read_bytes`);
    BundleError naming what is wrong."""
    path = path if hasattr(path, "read_bytes") else Path(path)
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise BundleError(f"cannot read pantile bundle {name}: {err.strerror or err}") from None
    manifest, blobs = read_manifest(data, name)
    variants = []
    try:
        for i, v in enumerate(manifest["variants"]):
            what = f"variant {i} ({v['kernel']} for {v['target']})"
            artifact = _artifact(v["artifact"], blobs, what, name)
            if artifact.target != v["target"]:
                raise BundleError(f"{name}: manifest mismatch: {what} holds an artifact for {artifact.target}")
            variants.append(BundledVariant(v["kernel"], v["target"], dict(v["signature"]), dict(v["constexprs"]),
                                           int(v["num_warps"]), int(v["num_stages"]), artifact))
        kernels = {k["name"]: (list(k["params"]), list(k["constexprs"])) for k in manifest["kernels"]}
    except (KeyError, TypeError, ValueError, AttributeError, ParseError) as err:
        if isinstance(err, BundleError):
            raise
        raise BundleError(f"{name}: manifest mismatch: a field is missing or malformed ({type(err).__name__}: "
                          f"{err}); rebuild the bundle") from None
    strays = sorted({v.kernel for v in variants} - kernels.keys())
    if strays:
        raise BundleError(f"{name}: manifest mismatch: variants of {', '.join(strays)}, which the kernel list "
                          f"lacks; rebuild the bundle")
    return manifest, variants
