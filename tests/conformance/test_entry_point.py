"""A target installed from outside (entry point group pantile.targets) runs the suite with no change to it."""
import sys
import textwrap

import pytest

from pantile.conformance import cli, run_case, select
from pantile.targets import registry
from pantile.targets.base import CONTRACT_VERSION

TWIN_MODULE = '''
"""A test-only target: the CPU target under another name, without float64."""
import dataclasses

from pantile.targets.base import Target
from pantile.targets.registry import get_target


class TwinTarget(Target):
    name = "twin"
    contract_version = 1

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


def _install_twin(tmp_path, monkeypatch, module_text: str):
    """A folder on sys.path holding the twin target (`module_text`) and its dist-info entry point."""
    (tmp_path / "pantile_twin_target.py").write_text(module_text)
    info = tmp_path / "pantile_twin_target-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: pantile-twin-target\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(textwrap.dedent("""\
        [pantile.targets]
        twin = pantile_twin_target:make_target
        """))
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.reload()


@pytest.fixture
def twin_installed(tmp_path, monkeypatch):
    """The twin target installed from outside, declaring the current contract version."""
    _install_twin(tmp_path, monkeypatch, TWIN_MODULE)
    yield
    monkeypatch.undo()
    sys.modules.pop("pantile_twin_target", None)
    registry.reload()


@pytest.fixture
def install_twin_as(tmp_path, monkeypatch):
    """Installs the twin target with its module text changed by `edit`."""
    yield lambda edit: _install_twin(tmp_path, monkeypatch, edit(TWIN_MODULE))
    monkeypatch.undo()
    sys.modules.pop("pantile_twin_target", None)
    registry.reload()


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


def test_a_plug_in_written_for_another_contract_version_is_refused_by_name(install_twin_as):
    install_twin_as(lambda text: text.replace("contract_version = 1", "contract_version = 2"))
    with pytest.raises(registry.ContractVersionError) as err:
        registry.get_target("twin")
    assert str(err.value) == (
        "target family 'twin' (from pantile-twin-target 0.1) was written for target contract version 2, but "
        "this pantile implements version 1: install a release of pantile-twin-target written for contract "
        "version 1, or a pantile that implements version 2")


def test_a_plug_in_that_declares_no_contract_version_is_refused(install_twin_as):
    install_twin_as(lambda text: text.replace("    contract_version = 1\n", ""))
    with pytest.raises(registry.ContractVersionError, match=(
            r"target family 'twin' \(from pantile-twin-target 0.1\) does not declare which target contract "
            r"it was written for; its Target class must set `contract_version = 1`")):
        registry.get_target("twin")


def test_built_in_targets_inherit_the_current_contract_version():
    assert isinstance(CONTRACT_VERSION, int)
    assert registry.get_target("cpu").contract_version == CONTRACT_VERSION
