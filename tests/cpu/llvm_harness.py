"""Compile one pt elementwise op (through pantile.targets.llvm) into a host function over numpy arrays."""
from __future__ import annotations

import ctypes
from functools import lru_cache
from typing import Callable

import numpy as np
from llvmlite import ir

from pantile.ir import ScalarType
from pantile.targets.cpu.engine import LoadedObject, emit_object
from pantile.targets.llvm import VectorMath, llvm_type, lower_elementwise

# numpy storage of each IR scalar type (bf16 and fp8 as their bits).
STORAGE = {"i1": np.bool_, "i8": np.int8, "i16": np.int16, "i32": np.int32, "i64": np.int64, "u8": np.uint8,
           "u16": np.uint16, "u32": np.uint32, "u64": np.uint64, "f16": np.float16, "bf16": np.uint16,
           "f32": np.float32, "f64": np.float64, "f8e4m3": np.uint8, "f8e5m2": np.uint8}


LANES = (0, 8)      # scalar code, and vectors as the SIMT targets use them


def _mem(t: ir.Type) -> ir.Type:
    return ir.IntType(8) if t == ir.IntType(1) else t


def loop_function(mod: ir.Module, fname: str, arrays: int, step: int,
                  body: Callable[[ir.IRBuilder, ir.Function, ir.Value], None]) -> None:
    """Define `void fname(ptr a0, ..., i64 n)` running body(builder, function, i) for i = 0, step, ... below n."""
    ptr = ir.PointerType()
    fn = ir.Function(mod, ir.FunctionType(ir.VoidType(), [ptr] * arrays + [ir.IntType(64)]), fname)
    entry, loop, done = fn.append_basic_block("entry"), fn.append_basic_block("loop"), fn.append_basic_block("done")
    b = ir.IRBuilder(entry)
    b.branch(loop)
    b.position_at_end(loop)
    i = b.phi(ir.IntType(64))
    i.add_incoming(ir.Constant(ir.IntType(64), 0), entry)
    body(b, fn, i)
    nxt = b.add(i, ir.Constant(ir.IntType(64), step))
    i.add_incoming(nxt, loop)
    b.cbranch(b.icmp_signed("<", nxt, fn.args[-1]), loop, done)
    b.position_at_end(done)
    b.ret_void()


def _build(mod: ir.Module, fname: str, name: str, operand_types: tuple[str, ...], result_type: str, attrs: tuple,
           lanes: int) -> None:
    def body(b: ir.IRBuilder, fn: ir.Function, i: ir.Value) -> None:
        args = []
        for k, t in enumerate(operand_types):
            et = _mem(llvm_type(ScalarType(t)))
            v = b.load(b.gep(fn.args[k], [i], source_etype=et), typ=ir.VectorType(et, lanes) if lanes else et,
                       align=1)
            if t == "i1":
                v = b.trunc(v, ir.VectorType(ir.IntType(1), lanes) if lanes else ir.IntType(1))
            args.append(v)
        r = lower_elementwise(b, name, [ScalarType(t) for t in operand_types], ScalarType(result_type), args,
                              dict(attrs), VectorMath())
        rt = _mem(llvm_type(ScalarType(result_type)))
        if result_type == "i1":
            r = b.zext(r, ir.VectorType(rt, lanes) if lanes else rt)
        b.store(r, b.gep(fn.args[len(operand_types)], [i], source_etype=rt), align=1)
    loop_function(mod, fname, len(operand_types) + 1, max(lanes, 1), body)


@lru_cache(maxsize=None)
def elementwise(name: str, operand_types: tuple[str, ...], result_type: str, attrs: tuple = ()) -> list:
    """Two functions f(*arrays) -> array applying op `name` elementwise: scalar code, then 8-lane vector code."""
    mod = ir.Module()
    for lanes in LANES:
        _build(mod, f"f{lanes}", name, operand_types, result_type, attrs, lanes)
    obj, _ = emit_object(str(mod), opt_level=1)
    loaded = LoadedObject(obj)
    runners = []
    for lanes in LANES:
        cfn = ctypes.CFUNCTYPE(None, *([ctypes.c_void_p] * (len(operand_types) + 1)), ctypes.c_int64)(
            loaded.address(f"f{lanes}"))
        runners.append(_runner(cfn, operand_types, result_type, max(lanes, 1), loaded))
    return runners


def _runner(cfn, operand_types: tuple[str, ...], result_type: str, step: int, keep: object):
    def run(*arrays: np.ndarray) -> np.ndarray:
        n = len(arrays[0])
        assert n % step == 0
        ins = [np.ascontiguousarray(a, dtype=STORAGE[t]) for a, t in zip(arrays, operand_types)]
        out = np.zeros(n, dtype=STORAGE[result_type])
        cfn(*[a.ctypes.data for a in ins], out.ctypes.data, n)
        return out
    run.keep = (keep, cfn)
    return run
