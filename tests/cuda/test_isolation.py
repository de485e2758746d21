"""LLVM's NVPTX back end runs in a forked child: its aborts become internal-error reports, never a dead process."""
import os
import time

import pytest

from pantile.targets.cuda.ptx import emit_ptx
from pantile.targets.llvm.isolation import run_isolated
from pantile.targets.reproducer import InternalCompilerError

HEADER = 'target triple = "nvptx64-nvidia-cuda"\n'
COPY = HEADER + """
define ptx_kernel void @copy(ptr addrspace(1) %x, ptr addrspace(1) %y) {
  %v = load float, ptr addrspace(1) %x
  store float %v, ptr addrspace(1) %y
  ret void
}
"""
# The verifier accepts fp128 arithmetic; NVPTX has no library call for it and aborts with `LLVM ERROR`.
FP128_ADD = HEADER + """
define ptx_kernel void @k(ptr addrspace(1) %p) {
  %a = load fp128, ptr addrspace(1) %p
  %b = fadd fp128 %a, %a
  store fp128 %b, ptr addrspace(1) %p
  ret void
}
"""


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(tmp_path))


def _only_reproducer(tmp_path):
    (folder,) = (tmp_path / "reproducers").iterdir()
    return folder


def test_ptx_comes_back_from_the_child_with_the_optimised_ir():
    ptx, optimised = emit_ptx(COPY, "sm_90a")
    assert ".target sm_90a" in ptx and ".entry copy(" in ptx
    assert "define ptx_kernel void @copy" in optimised


def test_llvm_error_in_the_nvptx_back_end_is_an_internal_error_with_reproducer(tmp_path):
    with pytest.raises(InternalCompilerError) as info:
        emit_ptx(FP128_ADD, "sm_80")
    text = str(info.value)
    folder = _only_reproducer(tmp_path)
    assert text.startswith("internal compiler error in the cuda:sm_80 target (PTX emission); this is a bug in "
                           f"pantile, not in your kernel. Please report it with the reproducer in {folder}\n")
    assert "the LLVM NVPTX back end stopped with signal 6:\nLLVM ERROR: unsupported library call operation" in text
    assert folder.name.startswith("cuda-sm_80-")
    assert (folder / "kernel.ll").read_text() == FP128_ADD
    ptx, _ = emit_ptx(COPY, "sm_80")   # this process goes on compiling
    assert ".entry copy(" in ptx


def test_ir_the_verifier_rejects_never_reaches_the_back_end(tmp_path):
    cycle = HEADER + "define ptx_kernel void @k() {\n  %a = add i32 %b, 1\n  %b = add i32 %a, 1\n  ret void\n}\n"
    with pytest.raises(InternalCompilerError, match=r"\(LLVM verifier\)(.|\n)*Instruction does not dominate all uses"):
        emit_ptx(cycle, "sm_90a")
    assert (_only_reproducer(tmp_path) / "kernel.ll").exists()


def _crash(text: bytes) -> None:
    os.write(2, text)
    os.abort()


def _divide(a: int, b: int) -> float:
    os.write(2, b"about to divide\n")   # as LLVM writes its messages: to file descriptor 2
    return a / b


def test_an_abort_in_the_worker_is_reported_with_its_signal_and_output_and_the_next_call_works():
    data, message = run_isolated("the test back end", _crash, b"Assertion `x' failed.\n")
    assert data is None
    assert message == "the test back end stopped with signal 6:\nAssertion `x' failed.\n"
    assert run_isolated("the test back end", divmod, 7, 2) == ((3, 1), "")


def test_a_python_error_in_the_worker_is_reported_with_its_traceback():
    data, message = run_isolated("the test back end", _divide, 1, 0)
    assert data is None
    assert message.startswith("the test back end raised an error:\nabout to divide\nTraceback (most recent call last):")
    assert message.rstrip().endswith("ZeroDivisionError: division by zero")


def test_the_worker_is_reused_and_a_fresh_process_is_not():
    first, _ = run_isolated("the test back end", os.getpid)
    second, _ = run_isolated("the test back end", os.getpid)
    fresh, _ = run_isolated("the test back end", os.getpid, fresh_process=True)
    assert first == second and len({first, fresh, os.getpid()}) == 3


def test_a_hanging_worker_is_stopped_at_the_timeout():
    start = time.monotonic()
    data, message = run_isolated("the test back end", time.sleep, 60, timeout_s=0.5)
    assert data is None and message.startswith("the test back end did not finish within 0.5 s")
    assert time.monotonic() - start < 30
    assert run_isolated("the test back end", divmod, 9, 4) == ((2, 1), "")
