"""The `pantile` command: each subcommand's output and exit status, install hints written for a clone and for
a wheel, TargetUnavailable in a few lines, and the one-line note when a kernel comes from the cache."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import pantile
from pantile.cli import main
from pantile.runtime.availability import Install, install_command
from pantile.targets.base import EXECUTE, Requirement
from pantile.targets.registry import available_families

ROOT = Path(pantile.__file__).resolve().parent.parent
# Hides a package from the process, as if it were not installed.
HIDE = "import sys; sys.modules[{name!r}] = None; "


@pytest.fixture(autouse=True)
def environment_restored():
    """`pantile run` sets PANTILE_TARGET and the instrumentation variables for its process: undo that here."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def python_as_typed() -> str:
    """The interpreter as the hint writes it: relative to the clone when the venv lives inside it."""
    exe = Path(sys.executable).absolute()
    return str(exe.relative_to(ROOT)) if exe.is_relative_to(ROOT) else str(exe)


def pantile_in_subprocess(args, hide=None, env=None, timeout=300):
    code = (HIDE.format(name=hide) if hide else "") + f"from pantile.cli import main; sys.exit(main({args!r}))"
    return subprocess.run([sys.executable, "-c", "import sys; " + code], capture_output=True, text=True,
                          timeout=timeout, env=dict(os.environ, **(env or {})))


def test_targets_lists_every_registered_target_with_its_tier(capsys):
    assert main(["targets"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"target\s+here\s+from", out[0])
    rows = {line.split()[0]: line for line in out if line and not line.startswith(" ")}
    assert re.fullmatch(r"cpu\s+can execute\s+built-in", rows["cpu"])
    assert re.fullmatch(r"cuda:sm_80, cuda:sm_90a\s+can (validate|execute|compile)\s+built-in", rows["cuda:sm_80,"])
    assert "intel:spirv" in rows
    label, _, executing = out[-1].partition(": ")
    assert label == "kernels execute here on" and "cpu" in executing.split(", ")


def test_targets_gives_the_clone_install_command_for_a_missing_intel_runtime():
    done = pantile_in_subprocess(["targets"], hide="pyopencl")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("intel:spirv"))
    assert re.fullmatch(r"intel:spirv\s+can validate\s+built-in", lines[row])
    assert lines[row + 1].split() == ["missing", "pyopencl", "and", "an", "OpenCL", "device", "that", "runs",
                                      "SPIR-V", "(to", "execute):", "pyopencl", "is", "not", "installed"]
    assert lines[row + 2].strip() == (f"to get it: cd {ROOT} && {python_as_typed()} -m pip install -e "
                                      f"'.[intel-cpu]'")
    assert "intel:spirv" not in lines[-1]


PLUGIN = '''
from pantile.targets.base import CONTRACT_VERSION, EXECUTE, Requirement
from pantile.targets.cpu import make_target as host


class Board(type(host("cpu"))):
    name, arch, contract_version = "board", "board:v2", {version}

    def requirements(self):
        return (Requirement("the board's driver", EXECUTE, missing="not loaded", pip=("board-driver==2.0",)),)


def make_target(arch):
    return Board()
'''


def plug_in(site: Path, name: str, version: str) -> None:
    """A distribution `name` 0.3 in `site` whose target family `name` is PLUGIN with contract `version`."""
    (site / f"{name}.py").write_text(PLUGIN.format(version=version))
    info = site / f"{name}-0.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.3\n")
    (info / "entry_points.txt").write_text(f"[pantile.targets]\n{name} = {name}:make_target\n")


def test_targets_lists_plug_ins_and_a_plug_in_that_fails_to_load(tmp_path):
    plug_in(tmp_path, "board", "CONTRACT_VERSION")
    plug_in(tmp_path, "stale", "0")
    done = pantile_in_subprocess(["targets"], env={"PYTHONPATH": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    row = lines.index(next(line for line in lines if line.startswith("board:v2")))
    assert re.fullmatch(r"board:v2\s+can validate\s+plug-in board 0.3", lines[row])
    assert lines[row + 1].split() == ["missing", "the", "board's", "driver", "(to", "execute):", "not", "loaded"]
    assert lines[row + 2].strip() == f"to get it: cd {ROOT} && {python_as_typed()} -m pip install board-driver==2.0"
    row = lines.index(next(line for line in lines if line.startswith("stale")))
    assert re.fullmatch(r"stale\s+unavailable\s+plug-in stale 0.3", lines[row])
    assert lines[row + 1].startswith("  missing  the target's package (stale:make_target) (to compile): loading it "
                                     "failed: ") and "contract version 0" in lines[row + 1]


# pyopencl stays; Intel's runtime package is not found, and the OpenCL loader reads an empty vendors folder.
NO_INTEL_RUNTIME = ("import importlib.metadata as md; real = md.distribution; "
                    "md.distribution = lambda name: (_ for _ in ()).throw(md.PackageNotFoundError(name)) "
                    "if name == 'intel-opencl-rt' else real(name); ")


def test_targets_names_the_missing_intel_runtime_and_its_clone_command(tmp_path):
    code = NO_INTEL_RUNTIME + "from pantile.cli import main; sys.exit(main(['targets']))"
    done = subprocess.run([sys.executable, "-c", "import sys; " + code], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, OCL_ICD_VENDORS=str(tmp_path)))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("intel:spirv"))
    assert lines[row + 1] == ("  missing  pyopencl and an OpenCL device that runs SPIR-V (to execute): no OpenCL "
                              "device runs SPIR-V and Intel's CPU runtime (intel-opencl-rt) is not installed")
    assert lines[row + 2].strip() == (f"to get it: cd {ROOT} && {python_as_typed()} -m pip install -e "
                                      f"'.[intel-cpu]'")


def test_install_commands_for_a_wheel_and_for_a_clone():
    runtime = Requirement("pyopencl", EXECUTE, missing="not installed", extra="intel-cpu")
    wheel = Install(clone=None, python="python3")
    clone = Install(clone=Path("/src/pantile"), python=".venv/bin/python")
    assert install_command(runtime, wheel) == f"python3 -m pip install 'pantile[intel-cpu]=={pantile.__version__}'"
    assert install_command(runtime, clone) == "cd /src/pantile && .venv/bin/python -m pip install -e '.[intel-cpu]'"
    tool = Requirement("ptxas", EXECUTE, missing="not found", pip=("--no-deps", "nvidia-cuda-nvcc==13.0.88"))
    assert install_command(tool, wheel) == "python3 -m pip install --no-deps nvidia-cuda-nvcc==13.0.88"
    gpu = Requirement("a GPU", EXECUTE, missing="none found", advice="an NVIDIA GPU with its driver")
    assert install_command(gpu, clone) == "an NVIDIA GPU with its driver"


def test_a_launch_on_a_target_that_cannot_run_is_a_short_target_unavailable():
    code = (HIDE.format(name="pyopencl") + "import numpy as np, pantile; from pantile.examples.vector_add import add; "
            "pantile.set_target('intel:spirv'); x = np.ones(8, np.float32)\n"
            "try:\n    add(x, x)\nexcept pantile.TargetUnavailable as e:\n    print(e)")
    done = subprocess.run([sys.executable, "-c", "import sys; " + code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "target intel:spirv cannot execute kernels on this machine",
        "  pyopencl and an OpenCL device that runs SPIR-V: pyopencl is not installed",
        f"    to get it: cd {ROOT} && {python_as_typed()} -m pip install -e '.[intel-cpu]'"]


def test_an_example_on_an_unavailable_target_exits_1_in_a_few_lines():
    done = subprocess.run([sys.executable, "-c", "import sys; " + HIDE.format(name="pyopencl") +
                           "import runpy; runpy.run_module('pantile.examples.vector_add', run_name='__main__')"],
                          capture_output=True, text=True, timeout=300, env=dict(os.environ, PANTILE_TARGET="intel:spirv"))
    assert done.returncode == 1
    assert done.stdout == "" and len(done.stderr.splitlines()) == 3, done.stderr
    assert done.stderr.startswith("error: target intel:spirv cannot execute kernels on this machine\n")


def test_doctor_reports_versions_and_answers_for_the_target_asked(capsys):
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"pantile {pantile.__version__} (editable clone at {ROOT}); Python ")
    assert re.search(r"\n  ok       LLVM host \(.*\) back end \(to compile\): llvmlite \d+\.\d+", out)
    assert main(["doctor", "--target", "cpu"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "cpu: can execute here"
    assert main(["doctor", "--target", "nonesuch"]) == 2
    assert "unknown target 'nonesuch'" in capsys.readouterr().err


def test_doctor_exits_1_when_the_target_asked_for_cannot_execute():
    done = pantile_in_subprocess(["doctor", "--target", "cuda:sm_90a"], hide="pycuda")
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == ("cuda:sm_90a: cannot execute here; missing: pycuda, an NVIDIA driver "
                                            "and GPU")
    assert f"to get it: cd {ROOT} && {python_as_typed()} -m pip install -e '.[cuda]'" in done.stdout
    compile_only = pantile_in_subprocess(["doctor", "--target", "cuda:sm_90a", "--for", "compile"], hide="pycuda")
    assert compile_only.returncode == 0 and compile_only.stdout.splitlines()[-1] == "cuda:sm_90a: can compile here"


def test_run_example_prints_one_line_report(capsys):
    assert main(["run", "example", "vector_add", "--target", "cpu", "--size", "1000", "--dtype", "int32"]) == 0
    line, = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"vector_add on cpu: size 1000 int32, \d+\.\d{3} ms, [\d.e+-]+ GB/s, verified against numpy",
                        line)
    assert main(["run", "example", "matmul", "--size", "40x24x16"]) == 0
    assert re.fullmatch(r"matmul on cpu: size 40x24x16 float32, \S+ ms, \S+ TFLOP/s, verified against numpy\n",
                        capsys.readouterr().out)


def test_run_refuses_bad_examples_sizes_and_targets(capsys):
    assert main(["run", "example", "nonesuch"]) == 2
    assert capsys.readouterr().err == ("error: `pantile run example` takes one example name (got nonesuch); "
                                       "examples: attention, layer_norm, matmul, softmax, vector_add\n")
    with pytest.raises(SystemExit) as bad_size:
        main(["run", "example", "softmax", "--size", "12x"])
    assert bad_size.value.code == 2
    assert "'12x': give ROWSxCOLS as positive integers (or one number for all), e.g. 1823x781" in \
        capsys.readouterr().err
    assert main(["run", "example", "softmax", "--target", "nonesuch"]) == 2
    assert "unknown target 'nonesuch'" in capsys.readouterr().err


def test_help_lists_examples_passes_and_targets():
    run_help = pantile_in_subprocess(["run", "--help"])
    assert run_help.returncode == 0
    assert re.search(r"examples:\n  attention\s+--size HEADSxSEQxDIM\s+--dtype float32\|float16\n", run_help.stdout)
    assert f"targets: {', '.join(available_families())} (" in run_help.stdout
    opt_help = pantile_in_subprocess(["opt", "--help"])
    assert opt_help.returncode == 0 and opt_help.stdout.startswith("usage: pantile opt")
    assert re.search(r"\n  licm\s+Loop-invariant code motion for scf.for.\n", opt_help.stdout)
    assert re.search(r"\n  inline\s+Inlines .*\. Options: \{keep_noinline=true\}\n", opt_help.stdout)


CSE_REMOVES = '  %3 = "pt.add"(%0, %0) : (i32, i32) -> i32\n'
TWICE = ('"func.func"() ({\n^bb0(%0: i32, %1: ptr<i32, 1>):\n  %2 = "pt.add"(%0, %0) : (i32, i32) -> i32\n' + CSE_REMOVES +
         '  %4 = "pt.add"(%2, %3) : (i32, i32) -> i32\n  "pt.store"(%1, %4) : (ptr<i32, 1>, i32) -> ()\n'
         '  "func.return"() : () -> ()\n}) {function_type = !(i32, ptr<i32, 1>) -> (), kernel = true, '
         'sym_name = "f"} : () -> ()\n')


def test_conformance_and_opt_run_through_the_command(tmp_path, capsys):
    assert main(["conformance", "--targets", "cpu", "--cases", "grid/7"]) == 0
    assert "cpu     executed  1       0       0" in capsys.readouterr().out
    ir = tmp_path / "k.mlir"
    ir.write_text(TWICE)
    assert main(["opt", str(ir), "--passes", "cse"]) == 0
    assert capsys.readouterr().out == TWICE.replace(CSE_REMOVES, "").replace("%4", "%3").replace("%2, %3", "%2, %2")
    assert main(["opt", str(ir), "--passes", "inline{keep-noinline=false},cse"]) == 0
    assert capsys.readouterr().out == TWICE.replace(CSE_REMOVES, "").replace("%4", "%3").replace("%2, %3", "%2, %2")
    assert main(["opt", str(ir), "--passes", "nonesuch"]) == 2
    assert capsys.readouterr().err.startswith("error: unknown pass 'nonesuch'; known passes: canonicalize, check-atomics, "
                                                  "check-bounds, check-device-assert, check-device-print, check-inline-asm, cse,")
    assert main(["opt", str(ir), "--passes", "cse,inline{keep=1}"]) == 2
    assert capsys.readouterr().err == "error: pass 'inline' has no option 'keep=1'; its options: keep_noinline=true\n"
    assert main(["opt", str(ir), "--passes", "inline{keep_noinline=maybe}"]) == 2
    assert capsys.readouterr().err == "error: pass 'inline', option keep_noinline: 'maybe' is not true or false\n"


SCRIPT = '''
import sys
import numpy as np
import pantile
import pantile.language as pl


@pantile.jit
def double(x_ptr, n, BLOCK: pl.constexpr):
    o = pl.arange(0, BLOCK)
    pl.store(x_ptr + o, pl.load(x_ptr + o, mask=o < n) * 2, mask=o < n)


@pantile.jit
def negate(x_ptr, n, BLOCK: pl.constexpr):
    o = pl.arange(0, BLOCK)
    pl.store(x_ptr + o, -pl.load(x_ptr + o, mask=o < n), mask=o < n)


x = np.ones(100, np.float32)
double[(1,)](x, 100, BLOCK=128)
negate[(1,)](x, 100, BLOCK=128)
print("result", x[0], sys.argv[1:])
'''


def test_run_file_with_a_kernel_dumps_only_that_kernel_and_says_when_the_cache_answered(tmp_path):
    script = tmp_path / "two_kernels.py"
    script.write_text(SCRIPT)
    env = {"PANTILE_CACHE_DIR": str(tmp_path / "cache")}
    first = pantile_in_subprocess(["run", f"{script}:negate", "--dump-ir", str(tmp_path / "ir"), "--", "a"], env=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "result -2.0 ['a']\n" and first.stderr == ""
    dumps = sorted((tmp_path / "ir").iterdir())
    assert dumps[0].name == "01-inline.mlir"
    assert all('sym_name = "negate"' in p.read_text() and "double" not in p.read_text() for p in dumps)
    again = pantile_in_subprocess(["run", str(script), "--timing"], env=env)
    assert again.returncode == 0, again.stderr
    assert again.stderr.splitlines() == [
        f"pantile: {name} for cpu came from the kernel cache ({tmp_path / 'cache'}), so no pass ran for "
        f"PANTILE_TIMING; recompile with PANTILE_NO_CACHE=1 (pantile run --no-cache)" for name in ("double", "negate")]
    fresh = pantile_in_subprocess(["run", str(script), "--timing", "--no-cache"], env=env)
    assert fresh.stderr.count("===-- pantile pass timing --===") >= 2 and "kernel cache" not in fresh.stderr
    missing = pantile_in_subprocess(["run", f"{script}:nonesuch"], env=env)
    assert missing.returncode == 2
    assert missing.stderr == f"error: {script} defines no kernel named 'nonesuch'; its kernels: double, negate\n"


def test_python_dash_m_pantile_is_the_same_command():
    done = subprocess.run([sys.executable, "-m", "pantile", "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert done.stdout.startswith("usage: pantile [-h] COMMAND ...")
    for command in ("targets", "doctor", "run", "opt", "conformance"):
        assert re.search(rf"\n    {command}\s+\S", done.stdout), command


def test_run_file_reports_a_mistake_in_a_kernel_without_a_traceback(tmp_path):
    script = tmp_path / "broken.py"
    script.write_text("import numpy as np\nimport pantile\nimport pantile.language as pl\n\n\n@pantile.jit\n"
                      "def broken(x_ptr, BLOCK: pl.constexpr):\n    o = pl.arange(0, BLOCK)\n"
                      "    pl.store(x_ptr + o, undefined_name)\n\n\nbroken[(1,)](np.zeros(8, np.float32), BLOCK=8)\n")
    done = pantile_in_subprocess(["run", str(script)], env={"PANTILE_CACHE_DIR": str(tmp_path / "cache")})
    assert done.returncode == 1
    assert done.stderr.splitlines()[:3] == [f"{script}:9:25: error: undefined name 'undefined_name'",
                                            "    pl.store(x_ptr + o, undefined_name)",
                                            "                        ^"]
    assert "Traceback" not in done.stderr
