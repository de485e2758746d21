"""@autotune, Config and @heuristics behave as Triton's; the best config is cached on disk."""
from pathlib import Path

import numpy as np
import pytest

import pantile
import pantile.language as pl
from pantile.runtime.autotune import Autotuner


@pantile.jit
def scale_kernel(x_ptr, out_ptr, n, factor, BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    mask = offs < n
    pl.store(out_ptr + offs, pl.load(x_ptr + offs, mask=mask) * factor, mask=mask)


@pantile.jit
def accumulate_kernel(acc_ptr, n, BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    mask = offs < n
    pl.store(acc_ptr + offs, pl.load(acc_ptr + offs, mask=mask) + 1.0, mask=mask)


CONFIGS = [pantile.Config({"BLOCK": 16}, num_warps=1), pantile.Config({"BLOCK": 64}, num_warps=2),
           pantile.Config({"BLOCK": 256}, num_warps=4)]


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(tmp_path / "cache"))


def test_config_repr() -> None:
    assert repr(pantile.Config({"BLOCK": 64}, num_warps=2, num_stages=4)) == (
        "Config(BLOCK: 64, num_warps: 2, num_stages: 4)")


def test_autotune_tunes_once_per_key_and_computes_the_result() -> None:
    tuned = pantile.autotune(CONFIGS, key=["n"], warmup=1, rep=1)(scale_kernel)
    x = np.arange(1000, dtype=np.float32)
    out = np.zeros_like(x)
    grid = lambda meta: (pantile.cdiv(meta["n"], meta["BLOCK"]),)  # noqa: E731
    tuned[grid](x, out, 1000, 3.0)
    np.testing.assert_array_equal(out, x * 3.0)
    assert set(tuned.timings) == set(CONFIGS)
    assert list(tuned.best) == [(1000,)]
    first = dict(tuned.timings)
    tuned[grid](x, out, 1000, 2.0)
    np.testing.assert_array_equal(out, x * 2.0)
    assert tuned.timings == first          # same key: no new benchmarking
    tuned[grid](x[:500], out[:500], 500, 2.0)
    assert list(tuned.best) == [(1000,), (500,)]


def test_best_config_is_reused_from_disk() -> None:
    x = np.arange(100, dtype=np.float32)
    out = np.zeros_like(x)
    grid = lambda meta: (pantile.cdiv(meta["n"], meta["BLOCK"]),)  # noqa: E731
    first = pantile.autotune(CONFIGS, key=["n"], warmup=1, rep=1)(scale_kernel)
    first[grid](x, out, 100, 1.0)
    second = pantile.autotune(CONFIGS, key=["n"], warmup=1, rep=1)(scale_kernel)
    second[grid](x, out, 100, 5.0)
    assert second.timings == {}
    assert second.best[(100,)] is second.configs[CONFIGS.index(first.best[(100,)])]
    np.testing.assert_array_equal(out, x * 5.0)


def test_prune_configs_by_perf_model_and_early_prune() -> None:
    seen = []

    def early(configs, named):
        seen.append(named["n"])
        return [c for c in configs if c.kwargs["BLOCK"] <= 64]

    def model(**kw):
        return -kw["BLOCK"]

    tuner = Autotuner(scale_kernel, CONFIGS, key=["n"],
                      prune_configs_by={"early_config_prune": early, "perf_model": model, "top_k": 1})
    kept = tuner.prune_configs({"n": 10})
    assert kept == [CONFIGS[1]]
    assert seen == [10]


def test_reset_to_zero_runs_each_benchmark_from_zero() -> None:
    tuned = pantile.autotune(CONFIGS, key=["n"], reset_to_zero=["acc_ptr"], warmup=1, rep=1)(accumulate_kernel)
    acc = np.full(300, 7.0, dtype=np.float32)
    grid = lambda meta: (pantile.cdiv(meta["n"], meta["BLOCK"]),)  # noqa: E731
    tuned[grid](acc, 300)
    # Benchmarks start from zero each time; the final launch then adds one.
    np.testing.assert_array_equal(acc, np.full(300, 2.0, dtype=np.float32))


def test_restore_value_puts_the_input_back_before_the_real_launch() -> None:
    tuned = pantile.autotune(CONFIGS, key=["n"], restore_value=["acc_ptr"], warmup=1, rep=1)(accumulate_kernel)
    acc = np.full(300, 7.0, dtype=np.float32)
    grid = lambda meta: (pantile.cdiv(meta["n"], meta["BLOCK"]),)  # noqa: E731
    tuned[grid](acc, 300)
    np.testing.assert_array_equal(acc, np.full(300, 8.0, dtype=np.float32))


def test_heuristics_set_meta_parameters_from_arguments() -> None:
    kernel = pantile.heuristics({"BLOCK": lambda args: pantile.next_power_of_2(args["n"])})(scale_kernel)
    x = np.arange(37, dtype=np.float32)
    out = np.zeros_like(x)
    kernel[(1,)](x, out, 37, 2.0)
    np.testing.assert_array_equal(out, x * 2.0)


def test_compile_only_for_a_gpu_target_without_its_hardware() -> None:
    art = pantile.compile(scale_kernel, signature={"x_ptr": "*fp32", "out_ptr": "*fp32", "n": "i32",
                                                   "factor": "fp32"},
                          constexprs={"BLOCK": 128}, target="cuda:sm_90a")
    assert art.target == "cuda:sm_90a"
    assert [a.name for a in art.args] == ["x_ptr", "out_ptr", "n", "factor"]
    assert [a.writes for a in art.args] == [False, True, False, False]


def test_compile_rejects_an_incomplete_signature() -> None:
    with pytest.raises(TypeError) as e:
        pantile.compile(scale_kernel, signature={"x_ptr": "*fp32"}, constexprs={"BLOCK": 128})
    assert str(e.value) == "compile(scale_kernel): no type for out_ptr, n, factor in signature"


def test_compile_rejects_an_unknown_type_string() -> None:
    with pytest.raises(ValueError) as e:
        pantile.compile(scale_kernel, signature=["*fp32", "*fp32", "int", "fp32"], constexprs={"BLOCK": 128})
    assert str(e.value).startswith("unknown type 'int' in signature: use one of ")
