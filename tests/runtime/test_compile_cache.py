"""The compile cache key changes exactly when the code would; damaged entries recompile; concurrency is safe."""
import importlib.util
import multiprocessing as mp
import sys
from pathlib import Path

import numpy as np
import pytest

from pantile.ir import f32, i32
from pantile.runtime.cache import DiskCache
from pantile.runtime.compiler import Specialization, cache_key
from pantile.targets.base import CompileOptions
from pantile.targets.registry import get_target

SOURCE = '''
import pantile
import pantile.language as pl

SCALE: pl.constexpr = {scale}
UNUSED = 7


@pantile.jit
def helper(x):
    return x * {factor}


@pantile.jit
def kernel(x_ptr, out_ptr, n, BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    x = pl.load(x_ptr + offs, mask=offs < n)
    pl.store(out_ptr + offs, helper(x) + SCALE, mask=offs < n)
'''

_counter = [0]


def write_module(tmp_path: Path, scale: float = 1.0, factor: float = 2.0, unused: int = 7) -> Path:
    """A new module file with the given constants."""
    _counter[0] += 1
    path = tmp_path / f"v{_counter[0]}" / "cache_key_kernel.py"
    path.parent.mkdir()
    path.write_text(SOURCE.format(scale=scale, factor=factor).replace("UNUSED = 7", f"UNUSED = {unused}"))
    return path


def import_kernel(path: Path):
    """Import the module at `path` and return its kernel."""
    name = path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module.kernel


def load_kernel(tmp_path: Path, **constants):
    """Import a fresh copy of the module with the given constants and return its kernel."""
    return import_kernel(write_module(tmp_path, **constants))


SPEC = Specialization((("x_ptr", f32), ("out_ptr", f32), ("n", i32)), (("BLOCK", 128),), ())


def key_of(kernel, spec=SPEC, arch="cpu", options=CompileOptions()) -> str:
    return cache_key(kernel, spec, get_target(arch), options)


def test_same_code_same_key(tmp_path: Path) -> None:
    # A different file path is a different module, yet the key depends on the code alone.
    assert key_of(load_kernel(tmp_path)) == key_of(load_kernel(tmp_path))


def test_a_debug_build_is_keyed_by_where_its_source_lies(tmp_path: Path) -> None:
    # Its asserts and bounds checks name the file and line: a copy elsewhere, or the kernel moved down its
    # file, must not reuse an artifact that names the old place.
    debug = CompileOptions(debug=True)
    first, copy = load_kernel(tmp_path), load_kernel(tmp_path)
    assert key_of(first, options=debug) != key_of(copy, options=debug)
    path = write_module(tmp_path)
    before = import_kernel(path)
    path.write_text("\n" + path.read_text())
    moved = import_kernel(path)
    assert key_of(moved, options=debug) != key_of(before, options=debug)
    assert key_of(moved) == key_of(before) == key_of(first)


def test_a_target_whose_every_build_names_locations_is_keyed_by_them(tmp_path: Path) -> None:
    # The interpreter's bounds errors name the file and line in every build, debug or not (a CI run once
    # reported the path of another checkout's copy of a test, from the shared kernel cache).
    first, copy = load_kernel(tmp_path), load_kernel(tmp_path)
    assert key_of(first, arch="interp") != key_of(copy, arch="interp")
    assert key_of(first) == key_of(copy)


def test_sm90a_builds_are_keyed_by_location(tmp_path: Path) -> None:
    """A kernel making tensor descriptors names its line when launched without an allocator (a run of the
    suite in a second checkout once named the first checkout's file, from the shared kernel cache)."""
    first, copy = load_kernel(tmp_path), load_kernel(tmp_path)
    assert key_of(first, arch="cuda:sm_90a") != key_of(copy, arch="cuda:sm_90a")
    assert key_of(first, arch="cuda:sm_80") == key_of(copy, arch="cuda:sm_80")


def test_unrelated_global_does_not_change_the_key(tmp_path: Path) -> None:
    assert key_of(load_kernel(tmp_path, unused=7)) == key_of(load_kernel(tmp_path, unused=8))


def test_called_function_source_changes_the_key(tmp_path: Path) -> None:
    assert key_of(load_kernel(tmp_path, factor=2.0)) != key_of(load_kernel(tmp_path, factor=3.0))


def test_constexpr_global_changes_the_key(tmp_path: Path) -> None:
    assert key_of(load_kernel(tmp_path, scale=1.0)) != key_of(load_kernel(tmp_path, scale=2.0))


def test_specialization_changes_the_key(tmp_path: Path) -> None:
    k = load_kernel(tmp_path)
    aligned = Specialization(SPEC.signature, SPEC.constexprs, (("x_ptr", (("divisibility", 16),)),))
    other_block = Specialization(SPEC.signature, (("BLOCK", 256),), ())
    keys = {key_of(k), key_of(k, aligned), key_of(k, other_block)}
    assert len(keys) == 3


def test_target_and_options_change_the_key(tmp_path: Path) -> None:
    k = load_kernel(tmp_path)
    keys = {key_of(k), key_of(k, arch="cuda:sm_80"), key_of(k, options=CompileOptions(num_warps=8)),
            key_of(k, options=CompileOptions(num_stages=2)), key_of(k, options=CompileOptions(debug=True))}
    assert len(keys) == 5


def _run(tmp_path: Path, kernel) -> np.ndarray:
    x = np.arange(300, dtype=np.float32)
    out = np.zeros_like(x)
    kernel[(3,)](x, out, 300, BLOCK=128)
    return out


def test_corrupted_entry_recompiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(cache))
    expected = np.arange(300, dtype=np.float32) * 2 + 1
    np.testing.assert_array_equal(_run(tmp_path, load_kernel(tmp_path)), expected)
    [pickle_file] = cache.rglob("object.pkl")
    pickle_file.write_bytes(pickle_file.read_bytes()[:20])
    np.testing.assert_array_equal(_run(tmp_path, load_kernel(tmp_path)), expected)
    [entry] = [p.parent for p in cache.rglob("MANIFEST.json")]
    assert DiskCache(cache).get(entry.name) is not None


def _compile_and_run(cache: str, module_path: str, queue) -> None:
    import os
    os.environ["PANTILE_CACHE_DIR"] = cache
    kernel = import_kernel(Path(module_path))
    queue.put(_run(Path(module_path).parent, kernel).tolist())


def test_eight_processes_compile_the_same_kernel(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    module = write_module(tmp_path)
    procs = [ctx.Process(target=_compile_and_run, args=(str(cache), str(module), queue)) for _ in range(8)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=300) for _ in procs]
    for p in procs:
        p.join()
    expected = (np.arange(300, dtype=np.float32) * 2 + 1).tolist()
    assert all(p.exitcode == 0 for p in procs)
    assert results == [expected] * 8
    entries = [p.parent for p in cache.rglob("MANIFEST.json")]
    assert len(entries) == 1
    assert DiskCache(cache).get(entries[0].name) is not None
    assert not [p for p in cache.rglob("*") if p.name.startswith(".")]


def test_device_cache_tag_changes_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    k = load_kernel(tmp_path)
    target = get_target("cpu")
    before = key_of(k)
    monkeypatch.setattr(type(target), "cache_tag", lambda self: "another device")
    assert key_of(k) != before
