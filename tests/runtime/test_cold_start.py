"""What a new process pays before its first result: imports it does not need stay out."""
import json
import os
import subprocess
import sys
import textwrap

import pytest

from pantile.targets import registry

_PROBE = textwrap.dedent("""
    import json, sys
    import numpy as np
    from pantile.examples.vector_add import add
    seen = {"after_import": "networkx" in sys.modules}
    x = np.ones(100, dtype=np.float32)
    assert (add(x, x) == 2).all()
    seen["after_launch"] = "networkx" in sys.modules
    seen["other_targets"] = sorted(m for m in sys.modules if m.startswith(("pantile.targets.cuda",
                                                                          "pantile.targets.intel")))
    print(json.dumps(seen))
""")


def _probe(cache: str) -> dict:
    env = {**os.environ, "PANTILE_CACHE_DIR": cache}
    env.pop("PANTILE_TARGET", None)
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.splitlines()[-1])


def test_networkx_is_imported_only_by_a_compile(tmp_path):
    cold = _probe(str(tmp_path))
    assert cold == {"after_import": False, "after_launch": True, "other_targets": []}
    warm = _probe(str(tmp_path))        # the kernel now comes from the disk cache: no passes run
    assert warm == {"after_import": False, "after_launch": False, "other_targets": []}


@pytest.fixture
def no_distribution_scan(monkeypatch):
    """Scanning every installed distribution for entry points fails while this is active."""
    def refuse(**_):
        raise AssertionError("scanned every distribution")
    monkeypatch.setattr(registry, "entry_points", refuse)
    registry.reload()
    yield
    monkeypatch.undo()
    registry.reload()


def test_built_in_targets_are_found_without_scanning_every_distribution(no_distribution_scan):
    assert registry.get_target("cpu").arch == "cpu"
    with pytest.raises(AssertionError, match="scanned every distribution"):
        registry.get_target("nosuchfamily")     # an unknown family does look further
