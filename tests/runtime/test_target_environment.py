"""A target declares environment variables that select it (entry-point group pantile.target_environment); a
plain launch of an unchanged installation finds them without reading every distribution's metadata."""
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import pantile
from pantile.runtime.target_select import explicit_target
from pantile.targets import environment


@pytest.fixture
def switch_installed(tmp_path, monkeypatch):
    """A distribution on sys.path whose variable PANTILE_TEST_SWITCH selects the cpu target."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "pantile_switch_target.py").write_text('ARCH = "cpu"\n')
    info = site / "pantile_switch_target-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: pantile-switch-target\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(textwrap.dedent("""\
        [pantile.target_environment]
        PANTILE_TEST_SWITCH = pantile_switch_target:ARCH
        """))
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PANTILE_TARGET", raising=False)
    monkeypatch.syspath_prepend(str(site))
    _forget()
    yield site
    monkeypatch.undo()
    sys.modules.pop("pantile_switch_target", None)
    _forget()


def _forget() -> None:
    """Forget the table and what the environment selected, so the next launch reads both again."""
    environment.selectors.cache_clear()
    environment.selected_arch.cache_clear()


def test_a_declared_variable_selects_its_target(switch_installed, monkeypatch):
    assert ("PANTILE_TEST_SWITCH", "pantile_switch_target:ARCH") in environment.selectors()
    assert environment.arch_selected_by({}) is None
    assert environment.arch_selected_by({"PANTILE_TEST_SWITCH": "0"}) is None
    assert environment.arch_selected_by({"PANTILE_TEST_SWITCH": "1"}) == "cpu"
    monkeypatch.setenv("PANTILE_TEST_SWITCH", "true")
    assert explicit_target() == "cpu"          # read once per process: the fixture clears what was read


def test_a_launch_that_names_its_target_is_not_redirected(switch_installed, monkeypatch):
    monkeypatch.setenv("PANTILE_TEST_SWITCH", "1")
    _forget()
    with pantile.target("intel:spirv"):
        assert explicit_target() == "intel:spirv"
    monkeypatch.setenv("PANTILE_TARGET", "intel:spirv")
    assert explicit_target() == "intel:spirv"


def test_the_table_is_read_from_the_cache_until_the_installation_changes(switch_installed, monkeypatch):
    found = environment.selectors()
    environment.selectors.cache_clear()

    def refuse(**_):
        raise AssertionError("scanned every distribution")
    monkeypatch.setattr(environment, "entry_points", refuse)
    assert environment.selectors() == found           # from the cache folder
    environment.selectors.cache_clear()
    (switch_installed / "another_package.py").write_text("")
    os.utime(switch_installed, ns=(0, 0))             # the folder on sys.path changed: an install or removal
    with pytest.raises(AssertionError, match="scanned every distribution"):
        environment.selectors()


_PROBE = textwrap.dedent("""
    import importlib.metadata, sys
    if sys.argv[1] == "refuse":
        def refuse(**_):
            raise AssertionError("scanned every distribution")
        importlib.metadata.entry_points = refuse
    import numpy as np
    from pantile.examples.vector_add import add
    x = np.ones(100, dtype=np.float32)
    assert (add(x, x) == 2).all()
""")


def test_a_plain_launch_does_not_scan_every_distribution(tmp_path):
    env = {**os.environ, "PANTILE_CACHE_DIR": str(tmp_path)}
    env.pop("PANTILE_TARGET", None)
    first = subprocess.run([sys.executable, "-c", _PROBE, "allow"], env=env, capture_output=True, text=True,
                           timeout=120)
    assert first.returncode == 0, first.stderr
    again = subprocess.run([sys.executable, "-c", _PROBE, "refuse"], env=env, capture_output=True, text=True,
                           timeout=120)
    assert again.returncode == 0, again.stderr


def test_unset_variables_leave_launches_on_the_default(switch_installed):
    x = np.ones(8, np.float32)
    assert explicit_target() is None
    from pantile.examples.vector_add import add
    assert (add(x, x) == 2).all()
