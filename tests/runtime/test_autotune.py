"""@autotune, Config and @heuristics behave as Triton's; the cost model picks what is benchmarked; configs compile
in worker processes; the choice is kept on disk for the next process."""
import importlib
import io
import os
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import numpy as np
import pytest

import pantile
import pantile.language as pl
from pantile.runtime.autotune import Autotuner, AutotunerError
from pantile.runtime.autotune_log import Progress
from pantile.runtime.compile_pool import CompileJob, ProcessCompilePool, set_compile_pool, worth_compiling

autotune_module = importlib.import_module("pantile.runtime.autotune")   # pantile.runtime.autotune is the decorator


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
EVERY = {"top_k": 1.0}      # benchmark every config (no ranking)
FAST = {"warmup": 1, "rep": 1}


def grid(meta):
    return (pantile.cdiv(meta["n"], meta["BLOCK"]),)


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PANTILE_COMPILE_WORKERS", "1")     # the pool's own tests turn it on
    monkeypatch.delenv("PANTILE_PRINT_AUTOTUNING", raising=False)
    monkeypatch.delenv("TRITON_PRINT_AUTOTUNING", raising=False)


def fixed_bench(times_ms):
    """A do_bench that runs the launch once and reports the next of `times_ms` (in benchmark order)."""
    left = list(times_ms)

    def bench(call, quantiles):
        call()
        t = left.pop(0)
        return [t, t, t]
    return bench


def test_config_repr_str_and_identity() -> None:
    c = pantile.Config({"BLOCK": 64}, num_warps=2, num_stages=4)
    assert repr(c) == "Config(BLOCK: 64, num_warps: 2, num_stages: 4)"
    assert str(c) == "BLOCK: 64, num_warps: 2, num_ctas: 1, num_stages: 4, maxnreg: None"
    assert c.all_kwargs() == {"BLOCK": 64, "num_warps": 2, "num_ctas": 1, "num_stages": 4}
    assert c == pantile.Config({"BLOCK": 64}, num_warps=2, num_stages=4)
    assert hash(c) == hash(pantile.Config({"BLOCK": 64}, num_warps=2, num_stages=4))
    assert c != pantile.Config({"BLOCK": 64}, num_warps=4, num_stages=4)


def test_the_decorator_and_the_autotuner_take_tritons_arguments() -> None:
    import inspect
    assert list(inspect.signature(pantile.autotune).parameters) == [
        "configs", "key", "prune_configs_by", "reset_to_zero", "restore_value", "pre_hook", "post_hook", "warmup",
        "rep", "use_cuda_graph", "do_bench", "cache_results"]
    assert list(inspect.signature(Autotuner).parameters)[:8] == [
        "fn", "arg_names", "configs", "key", "reset_to_zero", "restore_value", "pre_hook", "post_hook"]
    tuned = Autotuner(scale_kernel, scale_kernel.arg_names, [], ["n"], None, None)
    assert tuned.configs == [pantile.Config({})] and tuned.keys == ["n"] and tuned.arg_names == scale_kernel.arg_names


def test_warmup_compiles_the_configs_a_tuning_would_benchmark_without_launching() -> None:
    tuned = pantile.autotune(CONFIGS, key=["n"], prune_configs_by=EVERY)(scale_kernel)
    x = np.ones(100, dtype=np.float32)
    out = np.zeros_like(x)
    compiled = tuned.warmup(x, out, 100, 1.0, grid=grid)
    assert [c.metadata.num_warps for c in compiled] == [1, 2, 4]
    assert (out == 0).all() and tuned.cache == {}


def test_no_choice_is_kept_on_disk_without_cache_results_or_with_a_config_hook(tmp_path: Path) -> None:
    x = np.ones(100, dtype=np.float32)
    for configs, keep in ((CONFIGS, False), ([pantile.Config({"BLOCK": 16}, pre_hook=lambda kw: None), CONFIGS[1]],
                                              True)):
        for _ in range(2):
            tuned = pantile.autotune(configs, key=["n"], prune_configs_by=EVERY, cache_results=keep,
                                     do_bench=fixed_bench([1.0, 2.0, 3.0]))(scale_kernel)
            tuned[grid](x, np.zeros_like(x), 100, 1.0)
            assert set(tuned.configs_timings) == set(configs)    # benchmarked again each time


def test_autotune_tunes_once_per_key_and_computes_the_result() -> None:
    tuned = pantile.autotune(CONFIGS, key=["n"], prune_configs_by=EVERY, **FAST)(scale_kernel)
    x = np.arange(1000, dtype=np.float32)
    out = np.zeros_like(x)
    tuned[grid](x, out, 1000, 3.0)
    np.testing.assert_array_equal(out, x * 3.0)
    assert set(tuned.configs_timings) == set(CONFIGS)
    assert all(len(t) == 3 and t[1] <= t[0] <= t[2] for t in tuned.configs_timings.values())
    # The key: the key arguments' values, then the dtype of every array argument, as in Triton.
    assert list(tuned.cache) == [(1000, "float32", "float32")]
    assert tuned.best_config is tuned.cache[(1000, "float32", "float32")]
    first = dict(tuned.configs_timings)
    tuned[grid](x, out, 1000, 2.0)
    np.testing.assert_array_equal(out, x * 2.0)
    assert tuned.configs_timings == first          # same key: no new benchmarking
    tuned[grid](x[:500], out[:500], 500, 2.0)
    assert list(tuned.cache) == [(1000, "float32", "float32"), (500, "float32", "float32")]


def test_the_cost_model_picks_the_quarter_that_is_benchmarked(monkeypatch, capsys) -> None:
    configs = [pantile.Config({"BLOCK": 16 * 2 ** (i % 4)}, num_warps=1 + i // 4) for i in range(12)]
    predicted = [5.0, 3.0, 9.0, 1.0, 8.0, 2.0, 7.0, 4.0, 6.0, 12.0, 11.0, 10.0]
    seen = []

    def predict(kernel, launch_grid, args, meta):
        seen.append((kernel, launch_grid, args[2], meta["BLOCK"], meta["num_warps"]))
        return predicted[configs.index(pantile.Config({"BLOCK": meta["BLOCK"]}, num_warps=meta["num_warps"]))]

    monkeypatch.setattr(autotune_module, "predict_seconds", predict)
    tuned = pantile.autotune(configs, key=["n"], **FAST)(scale_kernel)
    x = np.arange(300, dtype=np.float32)
    out = np.zeros_like(x)
    tuned[grid](x, out, 300, 2.0)
    np.testing.assert_array_equal(out, x * 2.0)
    # 12 configs: the 3 predicted fastest (a quarter) are benchmarked, and only they.
    assert set(tuned.configs_timings) == {configs[3], configs[5], configs[1]}
    assert tuned.configs_predicted == dict(zip(configs, predicted))
    assert seen[0][:3] == (scale_kernel, grid, 300) and len(seen) == 12
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"autotune scale_kernel: predict 1/12: {configs[0]}: 5000.0000 ms"
    assert [line.split(":")[1] for line in err] == [f" predict {n}/12" for n in range(1, 13)] + \
        [f" benchmark {n}/3" for n in range(1, 4)]


def test_at_least_two_configs_are_benchmarked_and_a_model_less_launch_benchmarks_all(monkeypatch) -> None:
    monkeypatch.setattr(autotune_module, "predict_seconds", lambda k, g, a, meta: float(meta["BLOCK"]))
    tuned = pantile.autotune(CONFIGS, key=["n"], **FAST)(scale_kernel)
    x = np.ones(100, dtype=np.float32)
    tuned[grid](x, np.zeros_like(x), 100, 1.0)
    assert set(tuned.configs_timings) == {CONFIGS[0], CONFIGS[1]}

    def no_model(*_):
        raise NotImplementedError("no cost model")
    monkeypatch.setattr(autotune_module, "predict_seconds", no_model)
    tuned = pantile.autotune(CONFIGS, key=["n"], cache_results=False, **FAST)(scale_kernel)
    tuned[grid](x, np.zeros_like(x), 100, 1.0)
    assert set(tuned.configs_timings) == set(CONFIGS)

    def broken_model(*_):
        raise KeyError("pt.frobnicate")
    monkeypatch.setattr(autotune_module, "predict_seconds", broken_model)
    tuned = pantile.autotune(CONFIGS, key=["n"], cache_results=False, **FAST)(scale_kernel)
    with pytest.warns(RuntimeWarning) as caught:
        tuned[grid](x, np.zeros_like(x), 100, 1.0)
    assert str(caught[0].message) == (f"autotune scale_kernel: the cost model failed on {CONFIGS[0]} (KeyError: "
                                      f"'pt.frobnicate'); every config is benchmarked")
    assert set(tuned.configs_timings) == set(CONFIGS)


def test_a_users_perf_model_and_top_k_replace_the_cost_model(monkeypatch) -> None:
    def refuse(*_):
        raise AssertionError("the cost model must not be asked")
    monkeypatch.setattr(autotune_module, "predict_seconds", refuse)
    calls = []

    def early(configs, named, **kwargs):
        calls.append((named["n"], sorted(kwargs)))
        return [c for c in configs if c.kwargs["BLOCK"] <= 64]

    def model(**kw):
        return -kw["BLOCK"]

    tuner = Autotuner(scale_kernel, scale_kernel.arg_names, CONFIGS, ["n"],
                      prune_configs_by={"early_config_prune": early, "perf_model": model, "top_k": 1})
    tuner.nargs = {"n": 10}
    assert tuner.prune_configs({"factor": 1.0}) == [CONFIGS[1]]
    assert calls == [(10, ["factor"])]
    tuner.configs_top_k = 0.5     # a float: that share of the configs early pruning kept, at least one
    assert tuner.prune_configs({}) == [CONFIGS[1]]
    tuner.configs_top_k = "two"
    with pytest.raises(TypeError, match="top_k must be either 1\\) a float <= 1.0 or 2\\) an int"):
        tuner.prune_configs({})
    tuner.early_config_prune = lambda configs, named, **kw: []
    assert AutotunerError is pantile.runtime.errors.AutotunerError      # where Triton has it
    with pytest.raises(AutotunerError) as err:
        tuner.prune_configs({})
    assert str(err.value) == ("No valid autotuner configs after pruning. `early_config_prune` should return at "
                              "least one config.")


def test_a_do_bench_of_ones_own_may_answer_one_number() -> None:
    answers = iter([2.0, 1.0])
    tuned = pantile.autotune(CONFIGS[:2], key=["n"], prune_configs_by=EVERY,
                             do_bench=lambda call, quantiles: (call(), next(answers))[1])(scale_kernel)
    x = np.ones(100, dtype=np.float32)
    tuned[grid](x, np.zeros_like(x), 100, 1.0)
    assert tuned.configs_timings == {CONFIGS[0]: [2.0] * 3, CONFIGS[1]: [1.0] * 3}
    assert tuned.best_config == CONFIGS[1]


def test_a_config_that_cannot_run_loses() -> None:
    def too_big(named):
        raise pantile.OutOfResources("out of resource: shared memory")
    configs = [pantile.Config({"BLOCK": 16}, pre_hook=too_big), CONFIGS[1]]
    tuned = pantile.autotune(configs, key=["n"], prune_configs_by=EVERY, **FAST)(scale_kernel)
    x = np.ones(100, dtype=np.float32)
    tuned[grid](x, np.zeros_like(x), 100, 1.0)
    assert tuned.configs_timings[configs[0]] == [float("inf")] * 3
    assert tuned.best_config == CONFIGS[1]


def test_a_meta_parameter_given_twice_is_refused() -> None:
    tuned = pantile.autotune(CONFIGS, key=["n"], prune_configs_by=EVERY, **FAST)(scale_kernel)
    x = np.ones(100, dtype=np.float32)
    with pytest.raises(ValueError) as err:
        tuned[grid](x, np.zeros_like(x), 100, 1.0, BLOCK=32)
    assert str(err.value) == ("Conflicting meta-parameters: BLOCK. Make sure that you don't re-define auto-tuned "
                              "symbols.")


def test_reset_to_zero_runs_each_benchmark_from_zero_and_the_launch_from_zero() -> None:
    tuned = pantile.autotune(CONFIGS, key=["n"], reset_to_zero=["acc_ptr"], prune_configs_by=EVERY,
                             **FAST)(accumulate_kernel)
    acc = np.full(300, 7.0, dtype=np.float32)
    tuned[grid](acc, 300)
    # As in Triton: zeroed before each benchmarked launch and once more after tuning; the real launch adds one.
    np.testing.assert_array_equal(acc, np.full(300, 1.0, dtype=np.float32))


def test_restore_value_puts_the_input_back_before_the_real_launch() -> None:
    tuned = pantile.autotune(CONFIGS, key=["n"], restore_value=["acc_ptr"], prune_configs_by=EVERY,
                             **FAST)(accumulate_kernel)
    acc = np.full(300, 7.0, dtype=np.float32)
    tuned[grid](acc, 300)
    np.testing.assert_array_equal(acc, np.full(300, 8.0, dtype=np.float32))


def test_hooks_see_every_argument_around_each_benchmarked_launch() -> None:
    events = []

    def pre(kwargs, reset_only=False):
        events.append(("pre", kwargs["n"], kwargs["BLOCK"], kwargs["num_warps"], reset_only))

    def post(kwargs, exception):
        events.append(("post", kwargs["BLOCK"], exception))

    def config_hook(kwargs):
        events.append(("config", kwargs["BLOCK"]))
    configs = [pantile.Config({"BLOCK": 16}, num_warps=1, pre_hook=config_hook), CONFIGS[1]]
    tuned = pantile.autotune(configs, key=["n"], pre_hook=pre, post_hook=post, prune_configs_by=EVERY,
                             do_bench=fixed_bench([1.0, 2.0]))(scale_kernel)
    x = np.ones(100, dtype=np.float32)
    tuned[grid](x, np.zeros_like(x), 100, 1.0)
    assert events == [("config", 16), ("pre", 100, 16, 1, False), ("post", 16, None),
                      ("pre", 100, 64, 2, False), ("post", 64, None),
                      ("pre", 100, 16, 1, True),          # after tuning: reset only, for the real launch
                      ("config", 16)]                     # the chosen config's own hook, before the real launch


def test_print_autotuning_prints_the_choice_and_the_timings(monkeypatch, capsys) -> None:
    monkeypatch.setenv("TRITON_PRINT_AUTOTUNING", "1")
    assert pantile.knobs.autotuning.print is True
    monkeypatch.setattr(autotune_module, "predict_seconds",
                        lambda k, g, a, meta: {16: 3e-3, 64: 1e-3, 256: 2e-3}[meta["BLOCK"]])
    tuned = pantile.autotune(CONFIGS, key=["n"], do_bench=fixed_bench([0.5, 0.25]))(scale_kernel)
    x = np.ones(100, dtype=np.float32)
    tuned[grid](x, np.zeros_like(x), 100, 1.0)
    lines = capsys.readouterr().out.splitlines()
    c16, c64, c256 = (str(c) for c in CONFIGS)
    assert lines[:2] == [f"Autotuning kernel scale_kernel with config {c64}",
                         f"Autotuning kernel scale_kernel with config {c256}"]
    assert lines[2:4] == ["pantile autotuning for function scale_kernel,",
                          "with key as (100, 'float32', 'float32'),"]
    assert lines[4].startswith("finished after ") and lines[4].endswith("s,")
    assert lines[5:] == [f"best config selected: {c256};",
                         "  predicted ms  measured ms  config",
                         f"*       2.0000       0.2500  {c256}",
                         f"        1.0000       0.5000  {c64}",
                         f"        3.0000            -  {c16}"]


def test_progress_is_a_line_per_config_in_a_log_and_a_bar_on_a_terminal(capsys) -> None:
    tuned = pantile.autotune(CONFIGS[:2], key=["n"], prune_configs_by=EVERY,
                             do_bench=fixed_bench([1.5, 0.5]))(scale_kernel)
    x = np.ones(100, dtype=np.float32)
    tuned[grid](x, np.zeros_like(x), 100, 1.0)
    assert capsys.readouterr().err.splitlines() == [
        f"autotune scale_kernel: benchmark 1/2: {CONFIGS[0]}: 1.5000 ms",
        f"autotune scale_kernel: benchmark 2/2: {CONFIGS[1]}: 0.5000 ms"]

    class Terminal(io.StringIO):
        def isatty(self):
            return True
    term = Terminal()
    bar = Progress("k", term)
    bar.step("compile", 1, 4, "first")
    bar.step("compile", 4, 4, "last")
    bar.close()
    assert term.getvalue() == ("\rautotune k: compile [######..................] 1/4"
                               "\rautotune k: compile [########################] 4/4\n")


def test_heuristics_set_meta_parameters_from_arguments() -> None:
    kernel = pantile.heuristics({"BLOCK": lambda args: pantile.next_power_of_2(args["n"])})(scale_kernel)
    x = np.arange(37, dtype=np.float32)
    out = np.zeros_like(x)
    kernel[(1,)](x, out, 37, 2.0)
    np.testing.assert_array_equal(out, x * 2.0)


def test_autotune_over_heuristics(monkeypatch) -> None:
    monkeypatch.setattr(autotune_module, "predict_seconds", lambda k, g, a, meta: float(meta["num_warps"]))
    kernel = pantile.heuristics({"BLOCK": lambda args: 64})(scale_kernel)
    configs = [pantile.Config({}, num_warps=w) for w in (1, 2, 4)]
    tuned = pantile.autotune(configs, key=["n"], **FAST)(kernel)
    x = np.arange(300, dtype=np.float32)
    out = np.zeros_like(x)
    tuned[grid](x, out, 300, 2.0)
    np.testing.assert_array_equal(out, x * 2.0)
    assert set(tuned.configs_timings) == set(configs[:2])


class InProcessPool:
    """A compile pool that records its jobs and runs them here."""

    def __init__(self):
        self.jobs = []

    def compile(self, jobs):
        self.jobs.extend(jobs)
        for i, job in enumerate(jobs):
            yield i, job.run()


def test_only_configs_missing_from_the_disk_cache_go_to_the_compile_pool(capsys) -> None:
    pool = InProcessPool()
    set_compile_pool(pool)
    try:
        x = np.ones(100, dtype=np.float32)
        tuned = pantile.autotune(CONFIGS, key=["n"], prune_configs_by=EVERY, cache_results=False, **FAST)(scale_kernel)
        tuned[grid](x, np.zeros_like(x), 100, 1.0)
        assert sorted(dict(j.spec.constexprs)["BLOCK"] for j in pool.jobs) == [16, 64, 256]
        assert [j.options.num_warps for j in pool.jobs] == [1, 2, 4]
        assert "autotune scale_kernel: compile 3/3: " in capsys.readouterr().err
        again = pantile.autotune(CONFIGS, key=["n"], prune_configs_by=EVERY, cache_results=False, **FAST)(scale_kernel)
        again[grid](x, np.zeros_like(x), 100, 1.0)
        assert len(pool.jobs) == 3          # all three were in the disk cache already
    finally:
        set_compile_pool(None)


def _tune_eight_configs_on_a_pool(monkeypatch, tmp_path) -> tuple:
    """(tuned kernel, the in-process pool it used, its 8 configs, x) after one tuning launch, nothing cached before."""
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(tmp_path))
    configs = [pantile.Config({"BLOCK": block}, num_warps=warps) for block in (16, 32, 64, 128) for warps in (1, 2)]
    pool = InProcessPool()
    set_compile_pool(pool)
    try:
        x = np.ones(1000, dtype=np.float32)
        tuned = pantile.autotune(configs, key=["n"], cache_results=False, **FAST)(scale_kernel)
        tuned[grid](x, np.zeros_like(x), 1000, 1.0)
    finally:
        set_compile_pool(None)
    return tuned, pool, configs, x


def test_the_cost_model_ranks_previews_and_only_the_benchmarked_configs_compile(monkeypatch, tmp_path) -> None:
    tuned, pool, _, _ = _tune_eight_configs_on_a_pool(monkeypatch, tmp_path)
    assert len(tuned.configs_predicted) == 8 and len(tuned.configs_timings) == 2
    compiled = {(dict(j.spec.constexprs)["BLOCK"], j.options.num_warps) for j in pool.jobs if j.launch is None}
    assert compiled == {(c.kwargs["BLOCK"], c.num_warps) for c in tuned.configs_timings}


def test_the_pool_predicts_every_config_as_this_process_would(monkeypatch, tmp_path) -> None:
    tuned, pool, configs, x = _tune_eight_configs_on_a_pool(monkeypatch, tmp_path)
    predicted = [j for j in pool.jobs if j.launch is not None]
    assert sorted((dict(j.spec.constexprs)["BLOCK"], j.options.num_warps) for j in predicted) == \
        sorted((c.kwargs["BLOCK"], c.num_warps) for c in configs)
    here = {c: autotune_module.predict_seconds(scale_kernel, grid, (x, np.zeros_like(x), 1000, 1.0), c.all_kwargs())
            for c in configs}
    assert tuned.configs_predicted == here
    set_compile_pool(pool)
    try:        # every preview is in the disk cache now: what is left of a prediction is not worth a pool
        again = pantile.autotune(configs, key=["n"], cache_results=False, **FAST)(scale_kernel)
        again[grid](x, np.zeros_like(x), 1000, 1.0)
    finally:
        set_compile_pool(None)
    assert len([j for j in pool.jobs if j.launch is not None]) == 8 and again.configs_predicted == here


def test_the_process_pool_compiles_in_other_processes_into_the_disk_cache() -> None:
    x = np.ones(64, dtype=np.float32)
    jobs = []
    for block in (16, 32):
        spec, target, options = scale_kernel.compile_request((x, x, 64, 1.0), {"BLOCK": block})
        assert worth_compiling(scale_kernel, spec, target, options)
        jobs.append(CompileJob.of(scale_kernel, spec, target, options))
    pool = ProcessCompilePool(2)
    try:
        results = dict(pool.compile(jobs))
    finally:
        pool.close()
    assert [results[i].error for i in range(2)] == [None, None]
    assert {results[i].pid for i in range(2)}.isdisjoint({os.getpid(), None})
    for job in jobs:
        assert not worth_compiling(scale_kernel, job.spec, get_target_of(job), job.options)


def test_a_worker_process_predicts_a_launch_as_this_process_does() -> None:
    from pantile.runtime.explain import launch_request, predict_launch
    x = np.ones(1000, dtype=np.float32)
    args, meta = (x, np.zeros_like(x), 1000, 1.0), {"BLOCK": 64}
    spec, target, options, shape = launch_request(scale_kernel, grid, args, meta)
    pool = ProcessCompilePool(2)
    try:
        [(_, result)] = pool.compile([CompileJob.of(scale_kernel, spec, target, options, launch=shape)])
    finally:
        pool.close()
    assert result.error is None and result.pid != os.getpid()
    assert result.predicted_s == predict_launch(scale_kernel, grid, args, meta, preview=True)


def get_target_of(job):
    from pantile.targets.registry import get_target
    return get_target(job.arch)


def test_a_kernel_a_worker_could_not_import_is_not_sent_to_one(monkeypatch) -> None:
    @pantile.jit
    def local_kernel(x_ptr):
        pl.store(x_ptr, 1.0)
    x = np.ones(1, dtype=np.float32)
    spec, target, options = local_kernel.compile_request((x,), {})
    assert CompileJob.of(local_kernel, spec, target, options) is None      # defined inside a function
    # A kernel of an interactive session (or python -c): its main module has no file a worker could import.
    monkeypatch.setattr(local_kernel.fn, "__module__", "__main__")
    monkeypatch.setattr(local_kernel.fn, "__qualname__", "local_kernel")
    session = types.ModuleType("__main__")
    session.local_kernel = local_kernel
    monkeypatch.setitem(sys.modules, "__main__", session)
    assert CompileJob.of(local_kernel, spec, target, options) is None
    session.__file__ = "/home/me/tune.py"
    assert CompileJob.of(local_kernel, spec, target, options).module == "__main__"


SCRIPT = """
import numpy as np
import pantile
import pantile.language as pl


@pantile.jit
def double(x_ptr, out_ptr, n, BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    pl.store(out_ptr + offs, pl.load(x_ptr + offs, mask=offs < n) * 2, mask=offs < n)


tuned = pantile.autotune([pantile.Config({"BLOCK": b}) for b in (32, 64, 128)], key=["n"],
                         prune_configs_by={"top_k": 1.0}, warmup=1, rep=1)(double)
x = np.arange(1000, dtype=np.float32)
out = np.zeros_like(x)
tuned[lambda m: (pantile.cdiv(m["n"], m["BLOCK"]),)](x, out, 1000)
assert (out == 2 * x).all()
print("chosen", tuned.best_config)
"""


def test_the_choice_is_kept_on_disk_for_a_new_process(tmp_path: Path) -> None:
    script = tmp_path / "tune_double.py"
    script.write_text(textwrap.dedent(SCRIPT))
    env = {**os.environ, "PANTILE_PRINT_AUTOTUNING": "1"}

    def run():
        done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout.splitlines(), done.stderr.splitlines()
    out1, err1 = run()
    out2, err2 = run()
    chosen = [line for line in out1 if line.startswith("chosen ")]
    assert len([line for line in out1 if line.startswith("Autotuning kernel double")]) == 3
    assert len([line for line in err1 if line.startswith("autotune double: benchmark")]) == 3
    assert out2 == [f"pantile autotuning for function double, with key as (1000, 'float32', 'float32'): best "
                    f"config from the disk cache: {chosen[0][len('chosen '):]};", *chosen]
    assert err2 == []


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


def test_compile_takes_a_constexpr_default_as_a_launch_does() -> None:
    """attention_kernel's CAUSAL defaults to False: compile() needs neither a type nor a value for it."""
    from pantile.examples.attention import attention_kernel
    signature = ["*fp16"] * 4 + ["i32", "fp32", "i32", "i32"]
    given = pantile.compile(attention_kernel, signature, {"HEAD_DIM": 16, "BLOCK_M": 16, "BLOCK_N": 16},
                            target="cpu")
    named = pantile.compile(attention_kernel, signature, {"HEAD_DIM": 16, "BLOCK_M": 16, "BLOCK_N": 16,
                                                          "CAUSAL": False}, target="cpu")
    assert given.asm == named.asm


def test_compile_rejects_an_unknown_type_string() -> None:
    with pytest.raises(ValueError) as e:
        pantile.compile(scale_kernel, signature=["*fp32", "*fp32", "int", "fp32"], constexprs={"BLOCK": 128})
    assert str(e.value).startswith("unknown type 'int' in signature: use one of ")


def test_a_local_pool_starts_only_for_enough_jobs_to_pay_for_its_start() -> None:
    from pantile.runtime.compile_pool import POOL_START_JOBS, worth_pooling
    idle = ProcessCompilePool(2)
    assert not worth_pooling(idle, POOL_START_JOBS - 1) and worth_pooling(idle, POOL_START_JOBS)
    assert worth_pooling(InProcessPool(), 2) and not worth_pooling(InProcessPool(), 1)   # an installed pool
