"""A cache folder that cannot be used never fails a launch: pantile's own files in the way are repaired,
otherwise the kernel compiles in memory and one warning per process says why."""
import ctypes
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile.runtime.cache import DiskCache
from pantile.targets.cache_dir import CacheWarning
from pantile.targets.reproducer import save_reproducer


def fresh_kernel():
    """A new kernel object, so that each launch below goes to the disk cache, not to the kernel's variants."""
    @pantile.jit
    def double(x_ptr, n, BLOCK: tl.constexpr):
        offs = tl.arange(0, BLOCK)
        tl.store(x_ptr + offs, tl.load(x_ptr + offs, mask=offs < n) * 2, mask=offs < n)
    return double


def launch() -> None:
    x = np.arange(10, dtype=np.float32)
    fresh_kernel()[(1,)](x, 10, BLOCK=16)
    np.testing.assert_array_equal(x, np.arange(10) * 2)


def warning_text(root: Path, why: str) -> str:
    return (f"pantile cannot write its cache folder {root} ({why}): compiled kernels are not kept on disk, so each "
            f"process compiles them again; point PANTILE_CACHE_DIR at a writable folder")


def entries(cache: Path) -> list[Path]:
    return [p.parent for p in cache.rglob("MANIFEST.json")]


@pytest.mark.parametrize("replaced", ("entry", "shard"))
def test_a_cache_file_where_a_folder_should_be_is_repaired(replaced, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(cache))
    launch()
    [entry] = entries(cache)
    in_the_way = entry if replaced == "entry" else entry.parent
    shutil.rmtree(in_the_way)
    in_the_way.write_text("not a folder")
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        launch()
    assert entries(cache) == [entry] and DiskCache(cache).get(entry.name) is not None


def test_a_cache_dir_that_is_a_file_compiles_in_memory_and_warns_once(tmp_path: Path, monkeypatch) -> None:
    not_a_folder = tmp_path / "cache-file"
    not_a_folder.write_text("the user's file")
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(not_a_folder))
    with pytest.warns(CacheWarning) as record:
        launch()
        launch()
    assert [str(w.message) for w in record] == [warning_text(not_a_folder, "it is a file, not a folder")]
    assert not_a_folder.read_text() == "the user's file"


def _without_file_privileges() -> None:
    """Take from this process (before it runs a program) the capabilities that let root ignore file permissions."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):        # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        if libc.prctl(24, capability, 0, 0, 0) != 0:     # PR_CAPBSET_DROP: gone from what the program gets
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


CHILD = """
import numpy as np
import test_unusable_cache as t
t.launch()
t.launch()
print("ran")
"""


def test_a_read_only_cache_dir_compiles_in_memory_and_warns_once(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o555)
    env = {**os.environ, "PANTILE_CACHE_DIR": str(cache), "PYTHONPATH": str(Path(__file__).parent)}
    done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=300,
                          preexec_fn=_without_file_privileges)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ran\n"
    assert done.stderr.count("CacheWarning") == 1, done.stderr
    assert f"CacheWarning: {warning_text(cache, 'Permission denied')}" in done.stderr
    assert list(cache.iterdir()) == []


def test_a_reproducer_goes_to_a_temporary_folder_when_the_cache_cannot_be_written(tmp_path: Path,
                                                                                    monkeypatch) -> None:
    not_a_folder = tmp_path / "cache-file"
    not_a_folder.write_text("the user's file")
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(not_a_folder))
    with pytest.warns(CacheWarning):
        folder = save_reproducer("cpu", {"kernel.ll": b"; a module"})
    assert (folder / "kernel.ll").read_bytes() == b"; a module"
    assert folder.name.startswith("pantile-reproducer-cpu-")
    shutil.rmtree(folder)
