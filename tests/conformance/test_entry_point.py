"""A target installed from outside (entry point group pantile.targets) runs the suite with no change to it."""
import sys
import textwrap

import pytest

from pantile.conformance import cli, run_case, select
from pantile.targets import registry

TWIN_MODULE = '''
"""A test-only target: the CPU target under another name, without float64."""
import dataclasses

from pantile.targets.base import Target
from pantile.targets.registry import get_target


class TwinTarget(Target):
    name = "twin"

    def __init__(self, arch):
        self.arch = arch
        self.inner = get_target("cpu")
        caps = self.inner.capabilities
        self.capabilities = dataclasses.replace(caps, dtypes=caps.dtypes - {"f64"})
        self.cost_model = self.inner.cost_model

    def pipeline(self, options):
        return self.inner.pipeline(options)

    def emit(self, module, options):
        return self.inner.emit(module, options)

    def validate(self, artifact):
        return self.inner.validate(artifact)

    def launcher(self, artifact):
        return self.inner.launcher(artifact)


def make_target(arch):
    return TwinTarget(arch)
'''


@pytest.fixture
def twin_installed(tmp_path, monkeypatch):
    """A folder on sys.path holding the twin target and its dist-info entry point."""
    (tmp_path / "pantile_twin_target.py").write_text(TWIN_MODULE)
    info = tmp_path / "pantile_twin_target-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: pantile-twin-target\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(textwrap.dedent("""\
        [pantile.targets]
        twin = pantile_twin_target:make_target
        """))
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.factories.cache_clear()
    registry.get_target.cache_clear()
    yield
    monkeypatch.undo()
    sys.modules.pop("pantile_twin_target", None)
    registry.factories.cache_clear()
    registry.get_target.cache_clear()


def test_outside_target_is_registered(twin_installed):
    assert "twin" in registry.available_families()
    assert registry.get_target("twin").arch == "twin"


def test_outside_target_executes_cases_and_its_capabilities_decide_skips(twin_installed):
    add_f32, = select("arith/add/f32")
    add_f64, = select("arith/add/f64")
    passed = run_case(select("grid/2x3x4")[0], "twin")
    assert (passed.target, passed.tier, passed.status, passed.detail) == ("twin", "executed", "passed", "")
    skipped = run_case(add_f64, "twin")
    assert (skipped.tier, skipped.status, skipped.detail) == ("unsupported", "unsupported",
                                                              "dtype f64 not in capabilities.dtypes")
    assert run_case(add_f32, "twin").tier == "executed"


def test_outside_target_on_the_command_line(twin_installed, capsys):
    assert cli.main(["--targets", "twin", "--cases", "grid/3x5,arith/add/f64"]) == 0
    out = capsys.readouterr().out
    assert "twin    executed  1       0       1" in out
