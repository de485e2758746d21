"""LLVM IR -> SPIR-V, spirv-val, and the internal-error report for modules pantile gets wrong."""
import subprocess
import time

import pytest

from pantile.targets.intel import ARCH
from pantile.targets.llvm import isolation
from pantile.targets.reproducer import InternalCompilerError
from pantile.targets.spirv.module import disassemble, emit_spirv, spirv_val_message, validate_spirv

HEADER = 'target triple = "spirv64-unknown-unknown"\n'
STORE_ONE = HEADER + """
define spir_kernel void @store_one(ptr addrspace(1) %y) {
  store i32 1, ptr addrspace(1) %y
  ret void
}
"""

# OpIAdd on floats: well-formed SPIR-V that breaks a type rule, so only the validator notices.
INVALID_SPIRV_ASM = """
OpCapability Addresses
OpCapability Kernel
OpMemoryModel Physical64 OpenCL
OpEntryPoint Kernel %main "bad"
%void = OpTypeVoid
%float = OpTypeFloat 32
%one = OpConstant %float 1
%fn = OpTypeFunction %void
%main = OpFunction %void None %fn
%entry = OpLabel
%sum = OpIAdd %float %one %one
OpReturn
OpFunctionEnd
"""


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(tmp_path))


def test_kernel_becomes_valid_opencl_spirv():
    spirv = emit_spirv(ARCH, STORE_ONE)
    assert spirv[:4] == (0x07230203).to_bytes(4, "little")
    assert spirv_val_message(spirv) is None
    text = disassemble(spirv)
    assert "OpMemoryModel Physical64 OpenCL" in text
    assert 'OpEntryPoint Kernel %store_one "store_one"' in text


def test_validator_rejection_is_an_internal_error_with_reproducer(tmp_path):
    asm = tmp_path / "bad.spvasm"
    asm.write_text(INVALID_SPIRV_ASM)
    subprocess.run(["spirv-as", "--target-env", "spv1.4", str(asm), "-o", str(tmp_path / "bad.spv")], check=True)
    bad = (tmp_path / "bad.spv").read_bytes()
    with pytest.raises(InternalCompilerError) as info:
        validate_spirv(ARCH, bad, "; the LLVM IR that produced it\n")
    text = str(info.value)
    assert text.startswith("internal compiler error in the intel:spirv target (spirv-val rejected the module); "
                           "this is a bug in pantile, not in your kernel. Please report it with the reproducer in ")
    assert "Expected int scalar or vector type as Result Type: IAdd" in text
    folder = tmp_path / "reproducers"
    (repro,) = folder.iterdir()
    assert str(repro) in text
    assert (repro / "kernel.spv").read_bytes() == bad
    assert (repro / "kernel.ll").read_text() == "; the LLVM IR that produced it\n"


def test_back_end_abort_does_not_end_the_process():
    """LLVM asserts on a barrier whose flags are not constant; the abort stays in the child."""
    ir = HEADER + """
declare spir_func void @_Z7barrierj(i32)
define spir_kernel void @k(i32 %flags) {
  call spir_func void @_Z7barrierj(i32 %flags)
  ret void
}
"""
    with pytest.raises(InternalCompilerError) as info:
        emit_spirv(ARCH, ir)
    text = str(info.value)
    assert "(SPIR-V emission)" in text
    assert "the LLVM SPIR-V back end stopped with signal 6" in text
    assert "Assertion" in text


def test_llvm_error_exit_does_not_end_the_process():
    ir = HEADER + """
define spir_kernel void @k(ptr addrspace(1) %y) {
  %a = load i128, ptr addrspace(1) %y
  store i128 %a, ptr addrspace(1) %y
  ret void
}
"""
    with pytest.raises(InternalCompilerError, match="stopped with exit status 1:\nLLVM ERROR: "):
        emit_spirv(ARCH, ir)


def test_ir_the_verifier_rejects_never_reaches_the_back_end():
    ir = HEADER + "define spir_kernel i32 @k() {\n  ret i32 0\n}\n"
    with pytest.raises(InternalCompilerError, match=r"\(LLVM verifier\)(.|\n)*Calling convention requires void"):
        emit_spirv(ARCH, ir)


def test_a_hanging_back_end_is_stopped():
    data, message = isolation.run_isolated("the LLVM SPIR-V back end", time.sleep, 60, timeout_s=0.5)
    assert data is None
    assert message.startswith("the LLVM SPIR-V back end did not finish within 0.5 s")
