"""Seeded mutations of the golden kernels: the frontend answers each with valid IR or a CompilationError."""
import importlib.util
import inspect
import random
import re
import warnings

from pantile.frontend import CompilationError, build_ir
from pantile.frontend.errors import InternalCompilerError
from pantile.ir.verifier import verify
import pantile.language as tl

from frontend_kernels import golden_basic, golden_library

CASES = golden_basic.CASES + golden_library.CASES
TOKENS = [f"tl.{n}" for n in tl.__all__] + ["+", "-", "*", "/", "//", "%", "&", "<", "==", "0", "1", "2.5", "-1",
                                            "None", "True", "(", ")", "[", "]", ",", ":", "axis=1", "tl.float16"]
HEADER = ("import pantile.language as tl\nfrom pantile.frontend import jit\n"
          "from frontend_kernels.golden_basic import *\nfrom frontend_kernels.golden_library import *\n")


def mutants(seed: int, count: int):
    """(case, mutated source) pairs: one token of one body line replaced."""
    rng = random.Random(seed)
    for _ in range(count):
        case = rng.choice(CASES)
        lines = inspect.getsourcelines(case.kernel.fn)[0]
        lines = [line for line in lines if not line.lstrip().startswith("@case")]
        body_start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("def ")) + 1
        i = rng.randrange(body_start, len(lines))
        tokens = re.findall(r"tl\.\w+", lines[i]) or re.findall(r"\w+|\S", lines[i])
        lines[i] = lines[i].replace(rng.choice(tokens), rng.choice(TOKENS), 1)
        yield case, HEADER + "".join(lines)


def test_mutated_kernels_build_or_fail_cleanly(tmp_path) -> None:
    built = failed = 0
    for n, (case, source) in enumerate(mutants(seed=7, count=400)):
        path = tmp_path / f"mutant_{n}.py"
        path.write_text(source)
        spec = importlib.util.spec_from_file_location(f"mutant_{n}", path)
        module = importlib.util.module_from_spec(spec)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SyntaxWarning)
                spec.loader.exec_module(module)
        except Exception:  # the mutation broke Python itself (syntax, import time): nothing to compile
            continue
        try:
            verify(build_ir(getattr(module, case.name), case.signature(), case.constexprs, case.arg_attrs))
            built += 1
        except InternalCompilerError as e:
            raise AssertionError(f"mutant {path.read_text()} hit a frontend fault: {e}") from e
        except CompilationError as e:
            # In the mutant, or in a golden helper it called with a mutated argument (located there).
            assert e.file in (str(path), golden_basic.__file__, golden_library.__file__) and e.line > 0 and e.col > 0
            failed += 1
    # The tokens come from tl.__all__, so every new language name reshuffles the sample: with seeds 1-7, 16 to 27
    # mutants build (the rest fail cleanly), hence a floor below that spread.
    assert built >= 12 and failed >= 250, (built, failed)
