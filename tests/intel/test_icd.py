"""The ICD set-up that makes the pip Intel OpenCL runtime visible with no manual step."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pantile.targets.cache_dir import CacheWarning
from pantile.targets.intel.icd import (INTEL_ICD_NAME, IcdEntry, installed_intel_library, plan_vendors,
                                       write_vendors_folder)


def _vendors(tmp_path: Path, files: dict) -> Path:
    folder = tmp_path / "vendors"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def test_pip_runtime_is_found():
    lib = installed_intel_library()
    assert lib is not None, "intel-opencl-rt is not installed: pip install pantile[intel-cpu]"
    assert lib.name.startswith("libintelocl.so") and lib.is_file()


def test_user_platforms_are_kept_next_to_intel(tmp_path):
    folder = _vendors(tmp_path, {"pocl.icd": "libpocl.so.2\n", "notes.txt": "ignored"})
    lib = tmp_path / "libintelocl.so"
    assert plan_vendors({"OCL_ICD_VENDORS": str(folder)}, lib) == [
        IcdEntry("pocl.icd", "libpocl.so.2"), IcdEntry(INTEL_ICD_NAME, str(lib))]


def test_an_icd_file_given_as_ocl_icd_vendors_is_kept(tmp_path):
    folder = _vendors(tmp_path, {"mine.icd": "/opt/vendor/libmine.so"})
    lib = tmp_path / "libintelocl.so"
    assert plan_vendors({"OCL_ICD_VENDORS": str(folder / "mine.icd")}, lib) == [
        IcdEntry("mine.icd", "/opt/vendor/libmine.so"), IcdEntry(INTEL_ICD_NAME, str(lib))]


def test_nothing_is_written_when_the_loader_already_knows_intel(tmp_path):
    lib = installed_intel_library()
    folder = _vendors(tmp_path, {"intel.icd": f"{lib}\n"})
    assert plan_vendors({"OCL_ICD_VENDORS": str(folder)}, lib) is None


def test_explicit_icd_filenames_and_a_missing_runtime_are_left_alone(tmp_path):
    lib = tmp_path / "libintelocl.so"
    assert plan_vendors({"OCL_ICD_FILENAMES": "/opt/libOpenCL-vendor.so"}, lib) is None
    assert plan_vendors({"OCL_ICD_VENDORS": str(tmp_path)}, None) is None


def test_vendors_folder_is_named_by_content_and_reused(tmp_path):
    entries = [IcdEntry("a.icd", "/x/liba.so"), IcdEntry(INTEL_ICD_NAME, "/y/libintelocl.so")]
    first = write_vendors_folder(tmp_path, entries)
    assert sorted(p.name for p in first.iterdir()) == ["a.icd", INTEL_ICD_NAME]
    assert (first / INTEL_ICD_NAME).read_text() == "/y/libintelocl.so\n"
    assert write_vendors_folder(tmp_path, entries) == first
    assert write_vendors_folder(tmp_path, entries[1:]) != first


def test_fresh_process_finds_the_intel_platform(tmp_path):
    """A process with no OpenCL configuration at all gets Intel's CPU platform through pantile."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OCL_ICD", "OPENCL_VENDOR"))}
    env["PANTILE_CACHE_DIR"] = str(tmp_path)
    code = ("import json, os\n"
            "from pantile.targets.intel.device import opencl_runtime\n"
            "rt = opencl_runtime()\n"
            "print(json.dumps([rt.info.platform, os.environ['OCL_ICD_VENDORS']]))\n")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    platform, vendors = json.loads(done.stdout.strip().splitlines()[-1])
    assert platform == "Intel(R) OpenCL"
    assert Path(vendors).parent == tmp_path


def test_a_loader_initialised_too_early_gets_a_clear_message(tmp_path):
    """pyopencl asked for platforms before pantile could point the loader at Intel's runtime."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OCL_ICD", "OPENCL_VENDOR"))}
    env["PANTILE_CACHE_DIR"] = str(tmp_path)
    code = ("import pyopencl\n"
            "try:\n    pyopencl.get_platforms()\nexcept pyopencl.Error:\n    pass\n"
            "from pantile.targets.intel.device import OpenCLUnavailable, opencl_runtime\n"
            "try:\n    opencl_runtime()\nexcept OpenCLUnavailable as err:\n    print(err)\n")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    (folder,) = [p for p in tmp_path.iterdir() if p.name.startswith("opencl-vendors-")]
    assert done.stdout.strip() == (
        f"no OpenCL device accepts SPIR-V here (found: no OpenCL device); pantile pointed OCL_ICD_VENDORS at "
        f"{folder}, which lists Intel's runtime; if pyopencl was initialised earlier in this process, start "
        f"Python with OCL_ICD_VENDORS={folder}")


def test_vendors_folder_goes_to_a_temporary_folder_when_the_cache_cannot_be_written(tmp_path):
    root = tmp_path / "cache-file"
    root.write_text("the user's file")
    entries = [IcdEntry("a.icd", "/x/liba.so"), IcdEntry(INTEL_ICD_NAME, "/y/libintelocl.so")]
    with pytest.warns(CacheWarning) as record:
        folder = write_vendors_folder(root, entries)
    assert [str(w.message) for w in record] == [
        f"pantile cannot write its cache folder {root} (it is a file, not a folder): compiled kernels are not kept "
        f"on disk, so each process compiles them again; point PANTILE_CACHE_DIR at a writable folder"]
    assert sorted(p.name for p in folder.iterdir()) == ["a.icd", INTEL_ICD_NAME]
    assert (folder / INTEL_ICD_NAME).read_text() == "/y/libintelocl.so\n"
    assert root.read_text() == "the user's file"
