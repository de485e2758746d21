"""f64 exp, exp2, log and log2 of the cuda target, run on the host through LLVM's JIT against libm."""
import ctypes
import math

import llvmlite.binding as llvm
import numpy as np
import pytest
from llvmlite import ir

from pantile.targets.llvm import f64math

REFERENCE = {"exp": math.exp, "exp2": lambda x: 2.0 ** x, "log": math.log, "log2": math.log2}


@pytest.fixture(scope="module")
def compiled():
    llvm.initialize_all_targets()
    llvm.initialize_all_asmprinters()
    llvm.initialize_native_target()
    llvm.initialize_native_asmprinter()
    module = ir.Module()
    module.triple = llvm.get_process_triple()
    for name in REFERENCE:
        fn = ir.Function(module, ir.FunctionType(ir.DoubleType(), [ir.DoubleType()]), name)
        b = ir.IRBuilder(fn.append_basic_block())
        b.ret(getattr(f64math, name)(b, fn.args[0]))
    mod = llvm.parse_assembly(str(module))
    mod.verify()
    engine = llvm.create_mcjit_compiler(mod, llvm.Target.from_default_triple().create_target_machine())
    engine.finalize_object()
    kind = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_double)
    return engine, {name: kind(engine.get_function_address(name)) for name in REFERENCE}


def _ulps(got: float, want: float) -> float:
    return abs(got - want) / math.ulp(want)


@pytest.mark.parametrize("name,low,high", [("exp", -740, 705), ("exp", -1, 1), ("exp2", -1070, 1020),
                                           ("log", 1e-300, 1e300), ("log", 0.5, 2.0), ("log2", 1e-300, 1e300)])
def test_within_two_ulp_of_libm(compiled, name: str, low: float, high: float) -> None:
    fn = compiled[1][name]
    rng = np.random.default_rng(0)
    wide = name.startswith("log") and high / low > 1e6          # spread over the exponents
    xs = np.exp(rng.uniform(math.log(low), math.log(high), 2000)) if wide else rng.uniform(low, high, 2000)
    worst = max(_ulps(fn(float(x)), REFERENCE[name](float(x))) for x in xs)
    assert worst <= 2.0


def test_special_values(compiled) -> None:
    f = compiled[1]
    assert f["exp"](math.inf) == math.inf and f["exp"](-math.inf) == 0.0 and math.isnan(f["exp"](math.nan))
    assert f["exp"](710.0) == math.inf and f["exp"](-746.0) == 0.0 and f["exp"](0.0) == 1.0
    assert f["exp2"](-1074.0) == 5e-324 and f["exp2"](1023.0) == 2.0 ** 1023
    assert f["log"](0.0) == -math.inf and math.isnan(f["log"](-1.0)) and f["log"](math.inf) == math.inf
    assert f["log"](1.0) == 0.0 and f["log2"](5e-324) == -1074.0 and f["log2"](1024.0) == 10.0
