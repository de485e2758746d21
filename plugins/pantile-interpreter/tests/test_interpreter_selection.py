"""PANTILE_INTERPRET=1 and TRITON_INTERPRET=1 send launches that name no target to the interpreter."""
import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile.targets import environment
from pantile_interpreter import MemoryAccessError


@pytest.fixture
def switch(monkeypatch):
    """set(variable): set it as a process starting with it would have; the environment is read again after."""
    def set_variable(name: str) -> None:
        monkeypatch.delenv("PANTILE_TARGET", raising=False)
        monkeypatch.setenv(name, "1")
        environment.selected_arch.cache_clear()
    yield set_variable
    monkeypatch.undo()
    environment.selected_arch.cache_clear()


@pantile.jit
def read_one_past(x_ptr, out_ptr):
    tl.store(out_ptr, tl.load(x_ptr + 4))


@pytest.mark.parametrize("variable", ["PANTILE_INTERPRET", "TRITON_INTERPRET"])
def test_the_switch_selects_the_interpreter(variable, switch):
    switch(variable)
    x, out = np.arange(4, dtype=np.float32), np.zeros(1, np.float32)
    with pytest.raises(MemoryAccessError, match=r"offset 4 of argument 'x_ptr'"):
        read_one_past[(1,)](x, out)
    compiled = read_one_past[(1,)](np.arange(5, dtype=np.float32), out)
    assert compiled.metadata.target == "interp" and out[0] == 4


def test_a_launch_that_names_its_target_keeps_it(switch):
    switch("TRITON_INTERPRET")
    out = np.zeros(1, np.float32)
    with pantile.target("cpu"):
        compiled = read_one_past[(1,)](np.arange(5, dtype=np.float32), out)
    assert compiled.metadata.target == "cpu" and out[0] == 4
