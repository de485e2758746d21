"""pantile's package list, found rather than listed: each top-level folder maps into the `pantile` namespace
(FOLDERS) and every folder below it that holds an `__init__.py` is a sub-package, so a new built-in target
folder needs only its entry-point line in pyproject.toml."""
from pathlib import Path

from setuptools import setup

FOLDERS = {"pantile": "pantile", "pantile.ir": "ir", "pantile.passes": "passes", "pantile.frontend": "frontend",
           "pantile.targets": "targets", "pantile.runtime": "runtime", "pantile.conformance": "conformance",
           "pantile.examples": "examples"}


def packages(root: Path = Path(__file__).parent) -> list[str]:
    """Every package under FOLDERS, as import names."""
    found = []
    for package, folder in FOLDERS.items():
        for init in sorted((root / folder).rglob("__init__.py")):
            found.append(".".join((package, *init.parent.relative_to(root / folder).parts)))
    return found


if __name__ == "__main__":
    setup(package_dir=FOLDERS, packages=packages())
