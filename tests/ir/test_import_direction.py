"""ir/ imports nothing else of pantile; passes/ imports only ir and itself (absolute, relative or dynamic)."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {"ir": ("pantile.ir",), "passes": ("pantile.ir", "pantile.passes")}


def imported_modules(source: str, package: str) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in `source`, a module of `package`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = ".".join(parts[:len(parts) - node.level + 1]) if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            if node.module is None:
                found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, module))
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None))
              in ("import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant)):
            found.append((node.lineno, str(node.args[0].value)))
    return sorted(found)


def forbidden_imports(folder: str, root: Path = ROOT) -> list[str]:
    """'file:line: module' for each import of pantile code outside what `folder` may use."""
    bad = []
    for path in sorted((root / folder).rglob("*.py")):
        rel = path.relative_to(root)
        package = ".".join(("pantile",) + rel.parent.parts)
        for line, module in imported_modules(path.read_text(), package):
            inside = module == "pantile" or module.startswith("pantile.")
            if inside and not any(module == a or module.startswith(a + ".") for a in ALLOWED[folder]):
                bad.append(f"{rel}:{line}: {module}")
    return bad


@pytest.mark.parametrize("folder", sorted(ALLOWED))
def test_imports_point_one_way(folder: str) -> None:
    assert forbidden_imports(folder) == []


def test_checker_sees_every_import_form() -> None:
    source = ("import pantile.targets.cpu\nfrom pantile.runtime import jit\nfrom .. import frontend\n"
              "from ..conformance.cases import CASES\nfrom . import core\nfrom .types import i32\n"
              "importlib.import_module('pantile.targets')\n")
    assert imported_modules(source, "pantile.ir") == [
        (1, "pantile.targets.cpu"), (2, "pantile.runtime"), (3, "pantile.frontend"),
        (4, "pantile.conformance.cases"), (5, "pantile.ir.core"), (6, "pantile.ir.types"), (7, "pantile.targets")]


def test_checker_reports_a_wrong_import(tmp_path: Path) -> None:
    (tmp_path / "passes" / "analysis").mkdir(parents=True)
    (tmp_path / "passes" / "ok.py").write_text("from ..ir import core\nfrom . import manager\nimport numpy\n")
    (tmp_path / "passes" / "analysis" / "bad.py").write_text("from ...targets import registry\n")
    assert forbidden_imports("passes", tmp_path) == ["passes/analysis/bad.py:1: pantile.targets"]
