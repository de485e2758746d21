"""The disk cache publishes entries atomically and treats damaged entries as misses."""
import multiprocessing as mp
from pathlib import Path

from pantile.runtime.cache import DiskCache, make_key


def test_round_trip(tmp_path: Path) -> None:
    c = DiskCache(tmp_path)
    c.put("ab" * 32, {"a.bin": b"\x00\x01", "b.txt": b"hello"})
    assert c.get("ab" * 32) == {"a.bin": b"\x00\x01", "b.txt": b"hello"}
    assert c.get("cd" * 32) is None


def test_truncated_file_is_a_miss_and_removed(tmp_path: Path) -> None:
    c = DiskCache(tmp_path)
    key = make_key("k")
    c.put(key, {"a.bin": b"0123456789"})
    entry = tmp_path / key[:2] / key
    (entry / "a.bin").write_bytes(b"01234")
    assert c.get(key) is None
    assert not entry.exists()
    c.put(key, {"a.bin": b"0123456789"})
    assert c.get(key) == {"a.bin": b"0123456789"}


def test_corrupted_manifest_is_a_miss(tmp_path: Path) -> None:
    c = DiskCache(tmp_path)
    key = make_key("m")
    c.put(key, {"a.bin": b"x"})
    (tmp_path / key[:2] / key / "MANIFEST.json").write_text("{not json")
    assert c.get(key) is None


def test_missing_file_is_a_miss(tmp_path: Path) -> None:
    c = DiskCache(tmp_path)
    key = make_key("f")
    c.put(key, {"a.bin": b"x", "b.bin": b"y"})
    (tmp_path / key[:2] / key / "b.bin").unlink()
    assert c.get(key) is None


def test_object_that_does_not_unpickle_is_a_miss(tmp_path: Path) -> None:
    c = DiskCache(tmp_path)
    key = make_key("o")
    c.put(key, {"object.pkl": b"not a pickle"})
    assert c.get_object(key) is None
    c.put_object(make_key("o2"), {"x": 1})
    assert c.get_object(make_key("o2")) == {"x": 1}


def _writer(root: str, i: int) -> None:
    DiskCache(Path(root)).put(make_key("same"), {"data.bin": b"payload" * 1000})


def test_concurrent_writers_leave_one_valid_entry(tmp_path: Path) -> None:
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), i)) for i in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    assert all(p.exitcode == 0 for p in procs)
    key = make_key("same")
    assert DiskCache(tmp_path).get(key) == {"data.bin": b"payload" * 1000}
    assert [p.name for p in (tmp_path / key[:2]).iterdir()] == [key]
