"""Ahead-of-time bundles: the vector-add and softmax examples built for every target that validates offline here,
loaded in a process where the compiler cannot be imported and run on the targets that execute here; damaged
bundles and bundles of a newer format refused by name."""
import json
import os
import struct
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import pantile
from pantile.aot import KernelSpec
from pantile.examples.softmax import softmax_kernel
from pantile.examples.vector_add import add_kernel
from pantile.runtime.bundle.format import FORMAT_VERSION, BundleError
from pantile.targets.registry import get_target

# PANTILE_BUNDLE_TARGETS narrows the list where a target's offline tools cannot be installed: the GPU machine's
# carry limit leaves no room for LLVM 22's lld and readelf, which hip:gfx942 validates with (dev/gpu/check.sh).
TARGETS = os.environ.get("PANTILE_BUNDLE_TARGETS", "cpu,intel:spirv,cuda:sm_80,cuda:sm_90a,hip:gfx942").split(",")
ADD_SIGNATURES = ["*fp32:16,*fp32:16,*fp32:16,i32", "*fp32,*fp32,*fp32,i32"]
SOFTMAX_SIGNATURE = "*fp32,*fp32,i32,i32,i32,i32"

# Run in a new process: importing the frontend or the passes raises, and the kernel cache must stay empty.
LOAD = textwrap.dedent("""
    import os, sys

    class Forbidden:
        def find_spec(self, name, path=None, target=None):
            if name.startswith(("pantile.frontend", "pantile.passes")):
                raise ImportError(f"{name} imported while loading a bundle")
            return None

    sys.meta_path.insert(0, Forbidden())
    import numpy as np
    import pantile

    kernels = pantile.load_bundle(sys.argv[1])
    x = np.arange(3000, dtype=np.float32)
    y = np.full(3000, 0.5, np.float32)
    out = np.zeros_like(x)
    kernels.add_kernel[(3,)](x, y, out, 3000)
    assert (out == x + y).all(), out
    rows = np.random.default_rng(0).standard_normal((37, 781)).astype(np.float32)
    probs = np.zeros_like(rows)
    kernels.softmax_kernel[(8,)](probs, rows, 781, 781, 37, 781)
    e = np.exp(rows - rows.max(axis=1, keepdims=True))
    np.testing.assert_allclose(probs, e / e.sum(axis=1, keepdims=True), rtol=1e-5, atol=1e-7)
    # compiled kernels are cached under the first two hex digits of their key (a driver's own cache aside)
    cached = [entry for entry in os.listdir(os.environ["PANTILE_CACHE_DIR"]) if len(entry) == 2]
    (loaded,) = kernels.softmax_kernel._loaded.values()
    compiler = sorted(m for m in sys.modules if m.startswith(("pantile.frontend", "pantile.passes")))
    print("ran", loaded.variant.target, compiler, cached)
""")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """The two examples for every target, in one bundle file."""
    path = tmp_path_factory.mktemp("bundle") / "kernels.ptb"
    return pantile.aot.compile([KernelSpec(add_kernel, ADD_SIGNATURES, [{"BLOCK_SIZE": 1024}]),
                                KernelSpec(softmax_kernel, [SOFTMAX_SIGNATURE], [{"BLOCK_SIZE": 1024}])],
                               targets=TARGETS, output=path)


def _manifest(path) -> dict:
    data = path.read_bytes()
    length = struct.unpack_from("<Q", data, 12)[0]
    return json.loads(data[52:52 + length])


def test_the_manifest_describes_every_variant(bundle):
    manifest = _manifest(bundle)
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["compiler"]["pantile"] == pantile.__version__
    assert [k["name"] for k in manifest["kernels"]] == ["add_kernel", "softmax_kernel"]
    assert manifest["kernels"][0]["params"] == ["x_ptr", "y_ptr", "out_ptr", "n_elements", "BLOCK_SIZE"]
    archs = sorted({v["target"] for v in manifest["variants"]})
    assert {a for a in archs if not a.startswith("cpu:")} == set(TARGETS) - {"cpu"}
    assert len(manifest["variants"]) == 3 * len(archs)       # two add signatures and one softmax, per arch
    add = next(v for v in manifest["variants"] if v["kernel"] == "add_kernel" and v["target"] == "cuda:sm_90a")
    assert add["signature"] == dict(zip(["x_ptr", "y_ptr", "out_ptr", "n_elements"], ADD_SIGNATURES[0].split(",")))
    assert add["constexprs"] == {"BLOCK_SIZE": 1024} and add["num_warps"] == 4
    artifact = add["artifact"]
    assert artifact["format"] == "cubin" and artifact["metadata"]["arch"] == "sm_90a"
    assert [a["name"] for a in artifact["args"]] == ["x_ptr", "y_ptr", "out_ptr", "n_elements"]
    assert len(artifact["binary"]["sha256"]) == 64 and "ptx" in artifact["asm"]


@pytest.mark.parametrize("arch", ["cpu", "intel:spirv", "cuda"])
def test_a_bundle_runs_in_a_process_that_cannot_import_the_compiler(bundle, tmp_path, arch):
    target = get_target(arch)
    why = target.unavailable()
    if why and target.capabilities.needs_gpu:
        print(f"skipping {arch}: {why}")
        pytest.skip(f"no {arch} device here: {why}")
    env = {**{k: v for k, v in os.environ.items() if k != "PANTILE_TARGET"}, "PANTILE_CACHE_DIR": str(tmp_path)}
    if arch != "cpu":
        env["PANTILE_TARGET"] = arch
    done = subprocess.run([sys.executable, "-c", LOAD, str(bundle)], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, f"{arch}: {done.stderr}"
    held = {v["target"] for v in _manifest(bundle)["variants"]}
    # the exact arch, or the host's highest CPU baseline
    best = min((a for a in held if target.compatibility(a) is not None), key=target.compatibility)
    assert done.stdout == f"ran {best} [] []\n"


def test_the_aligned_variant_is_preferred_and_the_plain_one_takes_the_rest(bundle):
    kernels = pantile.load_bundle(bundle)
    x = np.arange(101, dtype=np.float32)
    out = np.zeros(101, np.float32)
    kernels.add_kernel[(1,)](x, x, out, 101)
    kernels.add_kernel[(1,)](x[1:], x[1:], out[1:], 100)
    np.testing.assert_array_equal(out, np.concatenate([[0], 2 * x[1:]]))
    chosen = [loaded.variant.signature["x_ptr"] for loaded in kernels.add_kernel._loaded.values()]
    assert chosen == ["*fp32:16", "*fp32"]


def test_a_stream_given_at_launch_reaches_the_launcher(bundle):
    kernels = pantile.load_bundle(bundle)
    x, out = np.arange(64, dtype=np.float32), np.zeros(64, np.float32)
    kernels.add_kernel[(1,)](x, x, out, 64)
    (loaded,) = kernels.add_kernel._loaded.values()
    given, launcher = [], loaded.launcher
    loaded.launcher = lambda grid, args, stream=None: (given.append(stream), launcher(grid, args, stream))
    kernels.add_kernel[(1,)](x, x, out, 64, stream=0x70)
    kernels.add_kernel[(1,)](x, x, out, 64)
    assert given == [0x70, None]
    np.testing.assert_array_equal(out, 2 * x)


def test_arguments_no_variant_takes_are_refused_naming_what_the_bundle_holds(bundle):
    kernels = pantile.load_bundle(bundle)
    x = np.zeros(16, np.float64)
    with pytest.raises(TypeError, match=r"no variant of add_kernel in bundle .*kernels.ptb takes these arguments "
                                        r"on cpu \(x_ptr: \*f64:16, .*\); it holds \(\*fp32:16, "):
        kernels.add_kernel[(1,)](x, x, x, 16)
    with pytest.raises(TypeError, match=r"takes these arguments on cpu \(.*BLOCK_SIZE=256\)"):
        kernels.add_kernel[(1,)](x, x, x, 16, BLOCK_SIZE=256)


def test_a_target_the_bundle_lacks_is_refused_naming_the_archs_it_holds(tmp_path):
    path = pantile.aot.compile(add_kernel, "*fp32,*fp32,*fp32,i32", {"BLOCK_SIZE": 64}, targets=["intel:spirv"],
                               output=tmp_path / "intel_only.ptb")   # one signature and one set, given as they are
    kernels = pantile.load_bundle(path)
    x = np.zeros(16, np.float32)
    with pytest.raises(BundleError, match=r"bundle .*intel_only.ptb holds no code of add_kernel that runs on target "
                                          r"cpu: it holds intel:spirv; rebuild it with that target among --targets"):
        kernels.add_kernel[(1,)](x, x, x, 16)


def _damaged(bundle, tmp_path, edit) -> str:
    data = bytearray(bundle.read_bytes())
    edit(data)
    path = tmp_path / "damaged.ptb"
    path.write_bytes(bytes(data))
    return path


def _rewrite_manifest(data: bytearray, change) -> None:
    """Replace the manifest by `change(manifest)`, with a correct length and hash (a consistent but wrong file)."""
    import hashlib
    length = struct.unpack_from("<Q", data, 12)[0]
    manifest = json.loads(data[52:52 + length])
    change(manifest)
    text = json.dumps(manifest).encode()
    data[12:52 + length] = struct.pack("<Q32s", len(text), hashlib.sha256(text).digest()) + text


def test_a_flipped_artifact_byte_is_refused_by_its_hash(bundle, tmp_path):
    manifest = _manifest(bundle)
    length = struct.unpack_from("<Q", bundle.read_bytes(), 12)[0]
    at = 52 + length + manifest["variants"][0]["artifact"]["binary"]["offset"] + 10

    def flip(data):
        data[at] ^= 0xFF
    with pytest.raises(BundleError, match=r"damaged.ptb: corrupted pantile bundle: the SHA-256 of variant 0 "
                                          r"\(add_kernel for .*\) does not match its manifest; copy or rebuild it"):
        pantile.load_bundle(_damaged(bundle, tmp_path, flip))


def test_a_damaged_manifest_is_refused_by_its_hash(bundle, tmp_path):
    def flip(data):
        data[60] ^= 0x01
    with pytest.raises(BundleError, match=r"corrupted pantile bundle \(the manifest's SHA-256 does not match"):
        pantile.load_bundle(_damaged(bundle, tmp_path, flip))


@pytest.mark.parametrize("keep, message", [(30, r"truncated pantile bundle \(30 bytes, shorter than its header\)"),
                                          (200, r"truncated pantile bundle \(its manifest needs \d+ bytes, the file "
                                                r"has 200\)"),
                                          (-1, r"truncated pantile bundle \(its manifest lists \d+ bytes of "
                                               r"artifacts, the file holds \d+\)")])
def test_a_truncated_bundle_is_refused(bundle, tmp_path, keep, message):
    def cut(data):
        del data[keep:]
    with pytest.raises(BundleError, match=message):
        pantile.load_bundle(_damaged(bundle, tmp_path, cut))


def test_a_manifest_that_does_not_match_its_artifacts_is_refused(bundle, tmp_path):
    def retarget(manifest):
        manifest["variants"][0]["target"] = "cuda:sm_90a" if manifest["variants"][0]["target"] != "cuda:sm_90a" \
            else "cpu"
    with pytest.raises(BundleError, match=r"manifest mismatch: variant 0 \(add_kernel for .*\) holds an artifact "
                                          r"for "):
        pantile.load_bundle(_damaged(bundle, tmp_path, lambda data: _rewrite_manifest(data, retarget)))

    def drop_field(manifest):
        del manifest["variants"][1]["artifact"]["args"]
    with pytest.raises(BundleError, match=r"manifest mismatch: a field is missing or malformed \(KeyError: 'args'\)"):
        pantile.load_bundle(_damaged(bundle, tmp_path, lambda data: _rewrite_manifest(data, drop_field)))

    def bad_type(manifest):
        manifest["variants"][1]["artifact"]["args"][0]["type"] = "ptr<"
    with pytest.raises(BundleError, match=r"manifest mismatch: a field is missing or malformed \(ParseError: "):
        pantile.load_bundle(_damaged(bundle, tmp_path, lambda data: _rewrite_manifest(data, bad_type)))


def test_a_bundle_of_a_newer_format_is_refused_by_its_version(bundle, tmp_path):
    def newer(data):
        struct.pack_into("<I", data, 8, FORMAT_VERSION + 1)
    with pytest.raises(BundleError, match=rf"damaged.ptb is a pantile bundle of format version {FORMAT_VERSION + 1}, "
                                          rf"newer than this pantile reads \(version {FORMAT_VERSION}\); upgrade "
                                          r"pantile, or rebuild the bundle with this one"):
        pantile.load_bundle(_damaged(bundle, tmp_path, newer))


def test_a_file_that_is_no_bundle_is_refused(tmp_path):
    path = tmp_path / "kernels.ptb"
    path.write_bytes(b"PK\x03\x04 not a bundle at all, but long enough for a header ...........")
    with pytest.raises(BundleError, match=r"kernels.ptb is not a pantile bundle \(it does not start with "
                                          r"b'PTBUNDLE'\); build one with `pantile bundle`"):
        pantile.load_bundle(path)


def test_constexprs_choose_among_the_variants_and_are_required_where_several_are_held(tmp_path):
    path = pantile.aot.compile(add_kernel, ["*fp32,*fp32,*fp32,i32"], [{"BLOCK_SIZE": 32}, {"BLOCK_SIZE": 64}],
                               targets=["cpu"], output=tmp_path / "blocks.ptb")
    kernels = pantile.load_bundle(path)
    x = np.arange(100, dtype=np.float32)
    out = np.zeros(100, np.float32)
    kernels.add_kernel[lambda meta: (pantile.cdiv(100, meta["BLOCK_SIZE"]),)](x, x, out, 100, BLOCK_SIZE=32)
    np.testing.assert_array_equal(out, 2 * x)
    with pytest.raises(TypeError, match=r"add_kernel\(\) from bundle .*blocks.ptb: pass BLOCK_SIZE \(the bundle holds "
                                        r"variants for BLOCK_SIZE=32 and BLOCK_SIZE=64\)"):
        kernels.add_kernel[(2,)](x, x, out, 100)


def test_a_bundle_loads_from_a_package_resource_inside_a_zip(bundle, tmp_path):
    import zipfile
    archive = tmp_path / "wheel.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(bundle, "mypkg/kernels.ptb")
    kernels = pantile.load_bundle(zipfile.Path(archive) / "mypkg" / "kernels.ptb")
    x = np.arange(64, dtype=np.float32)
    out = np.zeros_like(x)
    kernels.add_kernel[(1,)](x, x, out, 64)
    np.testing.assert_array_equal(out, 2 * x)


def test_a_read_only_array_the_kernel_writes_is_refused(bundle):
    kernels = pantile.load_bundle(bundle)
    x = np.zeros(16, np.float32)
    out = np.zeros(16, np.float32)
    out.flags.writeable = False
    with pytest.raises(ValueError, match=r"^argument 'out_ptr' of add_kernel\(\): the kernel stores through this "
                                         r"pointer but the array is read-only; pass a writable array"):
        kernels.add_kernel[(1,)](x, x, out, 16)


def test_python_scalars_fit_the_types_that_hold_them(tmp_path):
    source = tmp_path / "fill.py"
    source.write_text(textwrap.dedent("""
        import pantile
        import pantile.language as pl

        @pantile.jit
        def fill(out_ptr, value, count, BLOCK: pl.constexpr):
            offs = pl.arange(0, BLOCK)
            pl.store(out_ptr + offs, value + count.to(pl.float64), mask=offs < BLOCK)
    """))
    sys.path.insert(0, str(tmp_path))
    try:
        from fill import fill
    finally:
        sys.path.remove(str(tmp_path))
    path = pantile.aot.compile(fill, ["*fp64,fp64,u32"], [{"BLOCK": 16}], targets=["cpu"], output=tmp_path / "f.ptb")
    kernels = pantile.load_bundle(path)
    out = np.zeros(16)
    kernels.fill[(1,)](out, 0.5, 7)
    np.testing.assert_array_equal(out, np.full(16, 7.5))
    with pytest.raises(TypeError, match=r"no variant of fill in bundle .*f.ptb takes these arguments on cpu \(out_ptr: "
                                        r"\*f64:16, value: f32, count: i32\); it holds \(\*fp64, fp64, u32, BLOCK=16\)"):
        kernels.fill[(1,)](out, 0.5, -7)


def test_a_bundle_for_another_target_contract_is_refused(bundle, tmp_path):
    def older(manifest):
        manifest["compiler"]["target_contract"] = 0
    with pytest.raises(BundleError, match=rf"damaged.ptb was built by pantile {pantile.__version__} for target "
                                          rf"contract version 0, and this pantile's launchers implement version \d+; "
                                          r"rebuild the bundle with this pantile"):
        pantile.load_bundle(_damaged(bundle, tmp_path, lambda data: _rewrite_manifest(data, older)))
