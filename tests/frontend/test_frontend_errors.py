"""The bad-input corpus: each kernel fails with an exact message, file, line, column and hint."""
import inspect
import pickle
import traceback

import pytest

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
