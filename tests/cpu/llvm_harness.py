"""Compile one pt elementwise op (through pantile.targets.llvm) into a host function over numpy arrays."""
from __future__ import annotations

import ctypes
from functools import lru_cache

import numpy as np
from llvmlite import ir

from pantile.ir import ScalarType
from pantile.targets.cpu.engine import LoadedObject, emit_object
from pantile.targets.llvm import VectorMath, llvm_type, lower_elementwise

# numpy storage of each IR scalar type (bf16 and fp8 as their bits).
STORAGE = {"i1": np.bool_, "i8": np.int8, "i16": np.int16, "i32": np.int32, "i64": np.int64, "u8": np.uint8,
           "u16": np.uint16, "u32": np.uint32, "u64": np.uint64, "f16": np.float16, "bf16": np.uint16,
           "f32": np.float32, "f64": np.float64, "f8e4m3": np.uint8, "f8e5m2": np.uint8}


def _mem(t: ir.Type) -> ir.Type:
    return ir.IntType(8) if t == ir.IntType(1) else t


@lru_cache(maxsize=None)
def elementwise(name: str, operand_types: tuple[str, ...], result_type: str, attrs: tuple = (), lanes: int = 0):
    """A function f(*arrays) -> array applying op `name` elementwise, `lanes` wide (0: scalar code)."""
    mod = ir.Module()
    ptr = ir.PointerType()
    fn = ir.Function(mod, ir.FunctionType(ir.VoidType(), [ptr] * (len(operand_types) + 1) + [ir.IntType(64)]), "f")
    entry, loop, done = fn.append_basic_block("entry"), fn.append_basic_block("loop"), fn.append_basic_block("done")
    b = ir.IRBuilder(entry)
    b.branch(loop)
    b.position_at_end(loop)
    i = b.phi(ir.IntType(64))
    i.add_incoming(ir.Constant(ir.IntType(64), 0), entry)
    step = max(lanes, 1)
    args = []
    for k, t in enumerate(operand_types):
        et = _mem(llvm_type(ScalarType(t)))
        p = b.gep(fn.args[k], [i], source_etype=et)
        v = b.load(p, typ=ir.VectorType(et, lanes) if lanes else et, align=1)
        if t == "i1":
            v = b.trunc(v, ir.VectorType(ir.IntType(1), lanes) if lanes else ir.IntType(1))
        args.append(v)
    r = lower_elementwise(b, name, [ScalarType(t) for t in operand_types], ScalarType(result_type), args,
                          dict(attrs), VectorMath())
    rt = _mem(llvm_type(ScalarType(result_type)))
    if result_type == "i1":
        r = b.zext(r, ir.VectorType(rt, lanes) if lanes else rt)
    b.store(r, b.gep(fn.args[len(operand_types)], [i], source_etype=rt), align=1)
    nxt = b.add(i, ir.Constant(ir.IntType(64), step))
    i.add_incoming(nxt, loop)
    b.cbranch(b.icmp_signed("<", nxt, fn.args[-1]), loop, done)
    b.position_at_end(done)
    b.ret_void()
    obj, _ = emit_object(str(mod), opt_level=1)
    loaded = LoadedObject(obj)
    cfn = ctypes.CFUNCTYPE(None, *([ctypes.c_void_p] * (len(operand_types) + 1)), ctypes.c_int64)(loaded.address("f"))

    def run(*arrays: np.ndarray) -> np.ndarray:
        n = len(arrays[0])
        assert n % step == 0
        ins = [np.ascontiguousarray(a, dtype=STORAGE[t]) for a, t in zip(arrays, operand_types)]
        out = np.zeros(n, dtype=STORAGE[result_type])
        cfn(*[a.ctypes.data for a in ins], out.ctypes.data, n)
        return out

    run.keep = (loaded, cfn)
    return run
