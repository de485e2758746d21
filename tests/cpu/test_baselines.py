"""CPU code for named baselines (cpu:x86-64-v3, cpu:x86-64): what an ahead-of-time bundle holds for `cpu`, and
which of them a host runs."""
import platform
import re

import numpy as np
import pytest

import pantile
from pantile.examples.vector_add import add_kernel
from pantile.targets.cpu import target as cpu_target
from pantile.targets.cpu.baselines import BASELINES, host_runs
from pantile.targets.registry import get_target

x86 = pytest.mark.skipif(platform.machine() != "x86_64", reason="the x86-64 baselines are built on x86_64 hosts")


def test_a_host_runs_the_baselines_it_has_the_features_of_the_highest_level_first():
    v3 = BASELINES["x86-64-v3"]
    has_v3 = frozenset(v3.features)
    assert host_runs(v3, "x86_64", has_v3) < host_runs(BASELINES["x86-64"], "x86_64", has_v3)
    assert host_runs(v3, "x86_64", has_v3 - {"avx2"}) is None
    assert host_runs(BASELINES["x86-64-v4"], "x86_64", has_v3) is None
    assert host_runs(v3, "aarch64", has_v3) is None


@x86
def test_a_bundle_for_cpu_holds_a_fast_level_and_the_portable_fallback():
    assert get_target("cpu").bundle_archs() == ("cpu:x86-64-v3", "cpu:x86-64")
    assert get_target("cpu:x86-64-v4").bundle_archs() == ("cpu:x86-64-v4",)


def test_unknown_and_foreign_baselines_are_refused_naming_the_choices():
    with pytest.raises(ValueError, match=r"unknown cpu baseline 'pentium': write cpu \(this host's CPU\) or one of "
                                         r"cpu:x86-64, cpu:x86-64-v2, "):
        get_target("cpu:pentium")
    foreign = "aarch64" if platform.machine() == "x86_64" else "x86-64"
    with pytest.raises(ValueError, match=rf"cpu:{foreign} is code for \w+, and pantile makes CPU code for the "
                                         r"building host's instruction set"):
        get_target(f"cpu:{foreign}")


@x86
def test_a_host_without_avx2_takes_the_portable_code_and_both_compute_the_same(tmp_path, monkeypatch):
    path = pantile.aot.compile(add_kernel, ["*fp32,*fp32,*fp32,i32"], [{"BLOCK_SIZE": 256}], targets=["cpu"],
                               output=tmp_path / "cpu.ptb")
    x = np.random.default_rng(1).standard_normal(1000).astype(np.float32)

    def launched() -> str:
        kernels = pantile.load_bundle(path)
        out = np.zeros_like(x)
        kernels.add_kernel[(4,)](x, x, out, 1000)
        np.testing.assert_array_equal(out, x + x)
        (loaded,) = kernels.add_kernel._loaded.values()
        return loaded.variant.target
    has_v3 = cpu_target.host_features().issuperset(BASELINES["x86-64-v3"].features)
    assert launched() == ("cpu:x86-64-v3" if has_v3 else "cpu:x86-64")
    monkeypatch.setattr(cpu_target, "host_features", lambda: frozenset(BASELINES["x86-64"].features))
    assert launched() == "cpu:x86-64"


@x86
def test_portable_code_uses_no_avx_and_the_v3_level_does():
    """What makes the fallback portable: no VEX-encoded (AVX) instruction in its object code (llvm-objdump-22,
    installed by dev/setup --test)."""
    import subprocess

    from pantile.examples.softmax import softmax_kernel
    listings = {}
    for arch in ("cpu:x86-64", "cpu:x86-64-v3"):
        artifact = pantile.compile(softmax_kernel, "*fp32,*fp32,i32,i32,i32,i32".split(","), {"BLOCK_SIZE": 1024},
                                   target=arch)
        listings[arch] = subprocess.run(["llvm-objdump-22", "-d", "-"], input=artifact.binary, capture_output=True,
                                        check=True).stdout.decode()
    vex = re.compile(r"\tv\w+\s+.*%[xy]mm")      # AVX's three-operand forms: vaddps, vmovups ...
    assert "%xmm" in listings["cpu:x86-64"] and not vex.search(listings["cpu:x86-64"])
    assert "ymm" in listings["cpu:x86-64-v3"] and vex.search(listings["cpu:x86-64-v3"])
