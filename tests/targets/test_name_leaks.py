"""No target's name in code outside that target's own folder: the core asks the target, it never switches on
a name. Docstrings, comments and command-line help text may name targets; strings, pantile's own identifiers
(names it defines or assigns, arguments) and imports in code may not. Attributes of other libraries' objects
(torch's `x.cpu()`) are theirs. The names are those of every installed target family, plug-ins included."""
import ast
import re
from pathlib import Path

import pytest

from pantile.targets.registry import available_families

ROOT = Path(__file__).resolve().parents[2]
# The core, the shared target layers and the target-neutral tests.
CHECKED = ("pantile", "ir", "passes", "frontend", "runtime", "conformance", "targets/llvm", "targets/simt",
           "targets/spirv", "tests/execution", "tests/fuzz", "tests/simt")
HELP_KEYWORDS = frozenset({"help", "description", "epilog", "usage"})
# Files that are not pantile code, and why.
EXEMPT = {"tests/execution/make_random_goldens.py": "runs Triton itself on an NVIDIA GPU (torch device 'cuda') to "
                                                    "write the reference outputs the tests compare with",
          "frontend/language/extra/__init__.py": "exports Triton's module tl.extra.cuda under Triton's name (the "
                                                 "language API kernels import), not a pantile target",
          "frontend/language/target_info.py": "Triton's tl.target_info API (is_cuda, is_hip, cuda_capability_geq): "
                                              "its function names and the backend names they compare with are "
                                              "Triton's, answered from the compile target's GPUTarget",
          "runtime/tensor_wrapper.py": "mirrors torch's tensor interface as triton.TensorWrapper does (.cpu(), "
                                       "and 'cpu' as torch names host memory), not a pantile target"}
# Identifiers of Triton's public API that pantile takes under Triton's name, and where.
TRITON_NAMES = {"use_cuda_graph": "triton.autotune's argument (do_bench_cudagraph for the timing), kept so that "
                                  "Triton code passes it unchanged",
                "cpu_timed_scope": "triton.profiler's scope that times on the host (every pantile scope does)"}


def checked_files() -> list[Path]:
    """Every Python file of the checked folders, and the modules directly under targets/."""
    files = sorted((ROOT / "targets").glob("*.py"))
    for folder in CHECKED:
        files += sorted((ROOT / folder).rglob("*.py"))
    return [f for f in files if str(f.relative_to(ROOT)) not in EXEMPT]


def _words(identifier: str) -> list[str]:
    """'CudaMath' -> ['cuda', 'math'], 'intel_archs' -> ['intel', 'archs']."""
    return [w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", identifier)]


def _exempt_strings(tree: ast.AST) -> set[int]:
    """ids of string constants that are docstrings or help text."""
    exempt = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                exempt.add(id(first.value))
        if isinstance(node, ast.keyword) and node.arg in HELP_KEYWORDS:
            exempt.update(id(n) for n in ast.walk(node.value))
    return exempt


def leaks(source: str, names: set[str]) -> list[tuple[int, str]]:
    """(line, what) for each target name in `source`'s code."""
    tree = ast.parse(source)
    exempt = _exempt_strings(tree)
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, names))) + r")\b")
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in exempt:
            found += [(node.lineno, f"string {m.group(0)!r}") for m in pattern.finditer(node.value)]
        identifiers = []
        if isinstance(node, ast.Name):
            identifiers = [node.id]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            identifiers = [node.name]
        elif isinstance(node, ast.ImportFrom):
            identifiers = (node.module or "").split(".") + [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            identifiers = [part for a in node.names for part in a.name.split(".")]
        elif isinstance(node, ast.arg):
            identifiers = [node.arg]
        for ident in identifiers:
            if names & set(_words(ident)) and ident not in TRITON_NAMES:
                found.append((node.lineno, f"identifier {ident!r}"))
    return sorted(set(found))


def test_the_check_finds_names_in_code_and_not_in_docstrings_or_help():
    source = ('"""Runs on cpu."""\nimport argparse\nfrom pantile.targets.cuda import hooks\n'
              'def f(x):\n    """cuda docs."""\n    return x == "cpu"\n'
              'argparse.ArgumentParser().add_argument("--t", help="e.g. cpu")\nCudaMath = x.cpu()\n')
    assert leaks(source, {"cpu", "cuda"}) == [(3, "identifier 'cuda'"), (6, "string 'cpu'"),
                                              (8, "identifier 'CudaMath'")]


@pytest.mark.parametrize("path", checked_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_target_name_outside_its_folder(path):
    found = leaks(path.read_text(), set(available_families()))
    assert not found, f"{path.relative_to(ROOT)} names a target in code: " + ", ".join(
        f"line {line}: {what}" for line, what in found) + "; ask the target (its capabilities or hooks) instead"
