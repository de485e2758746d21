"""Packaging: a built-in target folder needs only its entry-point line in pyproject.toml."""
import importlib.util
import re
from importlib.metadata import distribution
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _setup_module():
    spec = importlib.util.spec_from_file_location("pantile_setup", ROOT / "setup.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_folder_with_an_init_is_a_package(tmp_path):
    setup = _setup_module()
    (tmp_path / "targets" / "newchip").mkdir(parents=True)
    (tmp_path / "targets" / "__init__.py").write_text("")
    (tmp_path / "targets" / "newchip" / "__init__.py").write_text("")
    assert "pantile.targets.newchip" in setup.packages(tmp_path)
    assert {"pantile.targets.cpu", "pantile.targets.simt", "pantile.frontend.codegen"} <= set(setup.packages(ROOT))


def test_pyproject_names_target_folders_only_in_entry_points():
    text = (ROOT / "pyproject.toml").read_text()
    entry_points = text.split('[project.entry-points."pantile.targets"]')[1].split("\n[")[0]
    rest = text.replace(entry_points, "")
    families = {ep.name for ep in distribution("pantile").entry_points if ep.group == "pantile.targets"}
    for name in families:
        assert not re.search(rf"\btargets[./]{name}\b", rest), name


def test_built_in_targets_are_registered_entry_points():
    names = {ep.name for ep in distribution("pantile").entry_points if ep.group == "pantile.targets"}
    assert {"cpu", "cuda", "intel"} <= names
