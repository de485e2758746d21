"""The bad-input corpus: each kernel fails with an exact message, file, line, column and hint."""
import inspect
import pickle
import traceback

import pytest

import pantile.language as tl
from pantile import jit
from pantile.ir import PointerType, ScalarType

from pantile.frontend import CompilationError, build_ir
from pantile.frontend.errors import InternalCompilerError
from pantile.frontend import build as build_module

from frontend_kernels import (bad_aggregates, bad_atomics, bad_block_functions, bad_control_flow, bad_kernels,
                              bad_static_range, bad_tensor_memory)

BAD = (bad_kernels.BAD + bad_tensor_memory.BAD + bad_block_functions.BAD + bad_control_flow.BAD + bad_atomics.BAD +
       bad_aggregates.BAD + bad_static_range.BAD)


def marked_line(fn) -> int:
    """The file line of the one `# ERR` marker in `fn`'s source."""
    lines, first = inspect.getsourcelines(fn.fn)
    marked = [first + i for i, text in enumerate(lines) if "# ERR" in text]
    assert len(marked) == 1, f"{fn.__name__} needs exactly one # ERR line"
    return marked[0]


@pytest.mark.parametrize("case", BAD, ids=[c.name for c in BAD])
def test_bad_kernel(case) -> None:
    where = case.error_in or case.kernel
    line = marked_line(where)
    with pytest.raises(CompilationError) as info:
        build_ir(case.kernel, case.signature(), case.constexprs)
    err = info.value
    assert (err.file, err.line, err.col) == (where.file, line, case.col)
    assert err.message == case.message
    assert err.hint == case.hint
    source = open(where.file).read().splitlines()[line - 1]
    expected = f"{where.file}:{line}:{case.col}: error: {case.message}\n{source}\n{' ' * (case.col - 1)}^"
    assert str(err) == expected + (f"\nhint: {case.hint}" if case.hint else "")


def test_traceback_is_trimmed_to_the_caller() -> None:
    case = BAD[0]
    with pytest.raises(CompilationError) as info:
        build_ir(case.kernel, case.signature(), case.constexprs)
    files = [frame.filename for frame in traceback.extract_tb(info.value.__traceback__)]
    assert files == [__file__, build_module.__file__]
    assert info.value.__suppress_context__


def test_the_language_error_is_the_cause_as_in_triton() -> None:
    """Triton's tests read a compilation error's message from its __cause__; the cause carries no traceback of
    its own, so the report stays the user's line."""
    case = next(c for c in BAD if c.name == "expand_dims_duplicate_axes")
    with pytest.raises(CompilationError) as info:
        build_ir(case.kernel, case.signature(), case.constexprs)
    cause = info.value.__cause__
    assert str(cause) == f"{case.message} (hint: {case.hint})"
    assert cause.__traceback__ is None


@jit
def if_on_a_one_element_block(ptr):
    x = tl.load(ptr + tl.arange(0, 1)[:, None])
    if x > 0:
        tl.store(ptr, 1.0)


def test_an_if_on_a_one_element_block_warns_at_the_users_line() -> None:
    """Triton takes the only element of a one-element condition and warns; so does pantile (larger blocks are
    errors: tests/frontend/frontend_kernels/bad_kernels.py)."""
    with pytest.warns(UserWarning) as record:
        build_ir(if_on_a_one_element_block, {"ptr": PointerType(ScalarType("f32"))}, {})
    line = inspect.getsourcelines(if_on_a_one_element_block.fn)[1] + 3   # the decorator is line 0
    assert [(w.filename, w.lineno, str(w.message)) for w in record] == [
        (__file__, line, "the condition of an if statement is a block of shape [1, 1]; its only element is used "
                         "(write `(...).item()` to say so)")]


def test_corpus_size() -> None:
    assert len(BAD) >= 100


def test_compilation_error_pickles() -> None:
    err = CompilationError("k.py", 3, 5, "bad thing", "do this", "    x = y")
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.file, copy.line, copy.col, copy.message, copy.hint) == ("k.py", 3, 5, "bad thing", "do this")
    assert str(copy) == "k.py:3:5: error: bad thing\n    x = y\n    ^\nhint: do this"


def test_a_frontend_fault_names_the_user_line(monkeypatch) -> None:
    from pantile.frontend.language import creation
    case = next(c for c in BAD if c.name == "zeros_not_power_of_two")

    def broken(shape, fn):
        raise KeyError("boom")
    monkeypatch.setattr(creation, "check_shape", broken)
    with pytest.raises(InternalCompilerError) as info:
        build_ir(case.kernel, case.signature(), case.constexprs)
    err = info.value
    assert (err.line, err.col) == (marked_line(case.kernel), 9)
    assert err.message == "internal error in pantile's frontend: KeyError: 'boom'"
    assert isinstance(err.__cause__, KeyError)
