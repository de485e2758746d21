"""`pantile bundle`: kernels from a file or a module, options per kernel, the bundle it writes and what it says;
bad command lines get exit status 2 and one line naming what to write."""
import textwrap

import numpy as np
import pytest

import pantile
from pantile.cli import main

SCALE = textwrap.dedent("""
    import pantile
    import pantile.language as pl

    @pantile.jit
    def scale(x_ptr, out_ptr, n, FACTOR: pl.constexpr, BLOCK: pl.constexpr):
        offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
        pl.store(out_ptr + offs, pl.load(x_ptr + offs, mask=offs < n) * FACTOR, mask=offs < n)

    if __name__ == "__main__":
        raise SystemExit("a bundle loads the file without running its main part")
""")


def test_kernels_from_a_file_and_a_module_with_their_own_options(tmp_path, capsys):
    source = tmp_path / "scale.py"
    source.write_text(SCALE)
    out = tmp_path / "k.ptb"
    status = main(["bundle", f"{source}:scale", "--signature", "*fp32,*fp32,i32", "--constexpr", "FACTOR=3,BLOCK=64",
                   "--constexpr", "FACTOR=0.5,BLOCK=64", "pantile.examples.vector_add:add_kernel",
                   "--signature=*fp32,*fp32,*fp32,i32", "--constexpr", "BLOCK_SIZE=128", "--targets", "intel:spirv",
                   "-o", str(out)])
    assert status == 0
    assert capsys.readouterr().out == (f"wrote {out} ({out.stat().st_size} bytes, format version 1)\n"
                                       f"  scale: 2 variants for intel:spirv\n"
                                       f"  add_kernel: 1 variants for intel:spirv\n")
    kernels = pantile.load_bundle(out)
    x = np.arange(100, dtype=np.float32)
    result = np.zeros_like(x)
    with pantile.target("intel:spirv"):
        kernels.scale[(2,)](x, result, 100, FACTOR=0.5)
    np.testing.assert_array_equal(result, x * 0.5)


@pytest.mark.parametrize("argv, message", [
    (["--signature", "i32", "--targets", "cpu", "-o", "k.ptb"],
     "--signature belongs to a kernel: give FILE:KERNEL before it"),
    (["pantile.examples.vector_add:add_kernel", "--targets", "cpu", "-o", "k.ptb"],
     "pantile.examples.vector_add:add_kernel: give its --signature (its runtime parameters' types in order)"),
    (["pantile.examples.vector_add:nothing", "--signature", "i32", "--targets", "cpu", "-o", "k.ptb"],
     "pantile.examples.vector_add defines no kernel named 'nothing'; its kernels: add_kernel"),
    (["missing.py:k", "--signature", "i32", "--targets", "cpu", "-o", "k.ptb"], "missing.py: no such file"),
    (["pantile.examples.vector_add:add_kernel", "--signature", "*fp32,*fp32,*fp32,i32", "--constexpr", "1024",
      "--targets", "cpu", "-o", "k.ptb"], "--constexpr '1024': write NAME=VALUE[,NAME=VALUE...], e.g. BLOCK=1024"),
])
def test_bad_command_lines_say_what_to_write(argv, message, capsys):
    assert main(["bundle", *argv]) == 2
    assert capsys.readouterr().err == f"pantile bundle: error: {message}\n"


def test_a_signature_that_does_not_fit_the_kernel_fails_naming_its_parameters(tmp_path, capsys):
    status = main(["bundle", "pantile.examples.vector_add:add_kernel", "--signature", "*fp32,i32",
                   "--constexpr", "BLOCK_SIZE=64", "--targets", "cpu", "-o", str(tmp_path / "k.ptb")])
    assert status == 1
    assert capsys.readouterr().err == ("pantile bundle: error: signature '*fp32,i32' of add_kernel has 2 types, but "
                                       "the kernel has 4 runtime parameters (x_ptr, y_ptr, out_ptr, n_elements) "
                                       "besides the constexprs given (BLOCK_SIZE)\n")
    assert not (tmp_path / "k.ptb").exists()


def test_a_file_that_fails_to_load_is_named_with_its_error(tmp_path, capsys):
    source = tmp_path / "kernels.py"
    source.write_text("from .helpers import BLOCK\n")
    assert main(["bundle", f"{source}:k", "--signature", "i32", "--targets", "cpu", "-o", "k.ptb"]) == 2
    assert capsys.readouterr().err == (f"pantile bundle: error: {source}: loading it to find k raised ImportError: "
                                       f"attempted relative import with no known parent package (a file of a "
                                       f"package is loaded on its own: name it as a module, e.g. "
                                       f"mypkg.kernels:KERNEL)\n")
