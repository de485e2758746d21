"""What a cubin says about its kernel that the PTX does not: where ptxas put each parameter.

The parameter buffer a launch packs must match the kernel's constant bank byte for byte. ptxas aligns a
`.param .align 64` parameter (a CUtensorMap) to 64 bytes of the *bank's* address, whose parameters start at an
arch-dependent base (0x210 on sm_90), so a C struct's offsets are wrong for it; the cubin's .nv.info section
records the real ones (EIATTR_KPARAM_INFO per parameter, EIATTR_CBANK_PARAM_SIZE for the total)."""
from __future__ import annotations

import struct

_KPARAM_INFO, _CBANK_PARAM_SIZE = 0x17, 0x19
_SVAL, _HVAL = 0x04, 0x03           # an attribute with a sized payload; one with a 16-bit value in its header


def _sections(elf: bytes) -> dict[str, bytes]:
    """The named sections of a 64-bit little-endian ELF image."""
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x3A)
    headers = [struct.unpack_from("<IIQQQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    names_at = headers[shstrndx][4]
    out = {}
    for name_off, _type, _flags, _addr, offset, size in headers:
        end = elf.index(b"\0", names_at + name_off)
        out[elf[names_at + name_off:end].decode()] = elf[offset:offset + size]
    return out


def kernel_params(cubin: bytes, kernel: str) -> tuple[tuple[int, ...], int]:
    """(byte offset of each parameter in order, bytes of all parameters) of `kernel` in `cubin`."""
    info = _sections(cubin).get(f".nv.info.{kernel}")
    if info is None:
        raise ValueError(f"the cubin has no .nv.info section for kernel {kernel}")
    offsets: dict[int, int] = {}
    total, at = None, 0
    while at < len(info):
        fmt, attr, value = struct.unpack_from("<BBH", info, at)
        at += 4
        if fmt == _SVAL:
            if attr == _KPARAM_INFO:
                _index, ordinal, offset = struct.unpack_from("<IHH", info, at)
                offsets[ordinal] = offset
            at += value
        elif fmt == _HVAL and attr == _CBANK_PARAM_SIZE:
            total = value
    if total is None and offsets:
        raise ValueError(f"the cubin records no parameter size for kernel {kernel}")
    return tuple(offsets[i] for i in range(len(offsets))), total or 0
