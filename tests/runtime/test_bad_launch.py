"""Bad launches are refused before anything runs, with a message naming the argument."""
import numpy as np
import pytest

import pantile
import pantile.language as pl


@pantile.jit
def copy_kernel(src_ptr, dst_ptr, n, BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    pl.store(dst_ptr + offs, pl.load(src_ptr + offs, mask=offs < n), mask=offs < n)


def _arrays(n: int = 10):
    return np.arange(n, dtype=np.float32), np.zeros(n, dtype=np.float32)


def test_too_many_arguments() -> None:
    src, dst = _arrays()
    with pytest.raises(TypeError) as e:
        copy_kernel[(1,)](src, dst, 10, 16, 3)
    assert str(e.value) == "copy_kernel() takes 4 arguments (src_ptr, dst_ptr, n, BLOCK) but 5 were given"


def test_missing_argument() -> None:
    src, dst = _arrays()
    with pytest.raises(TypeError) as e:
        copy_kernel[(1,)](src, dst, BLOCK=16)
    assert str(e.value) == "copy_kernel() missing argument 'n'"


def test_missing_constexpr() -> None:
    src, dst = _arrays()
    with pytest.raises(TypeError) as e:
        copy_kernel[(1,)](src, dst, 10)
    assert str(e.value) == ("copy_kernel() missing constexpr argument 'BLOCK': pass it as a keyword, "
                            "e.g. BLOCK=...")


def test_unexpected_keyword() -> None:
    src, dst = _arrays()
    with pytest.raises(TypeError) as e:
        copy_kernel[(1,)](src, dst, 10, BLOCK=16, BLOKC=3)
    assert str(e.value) == "copy_kernel() got an unexpected keyword argument 'BLOKC'"


def test_constexpr_given_a_runtime_value() -> None:
    src, dst = _arrays()
    with pytest.raises(TypeError) as e:
        copy_kernel[(1,)](src, dst, 10, BLOCK=np.array([16]))
    assert str(e.value) == ("argument 'BLOCK' of copy_kernel() is a tl.constexpr and needs a compile-time value "
                            "(int, float, bool, str, dtype, None or a tuple of them), got ndarray")


@pytest.mark.parametrize("num_warps", [3, 0, 12])
def test_num_warps_must_be_a_power_of_two(num_warps) -> None:
    src, dst = _arrays()
    with pytest.raises(AssertionError) as e:
        copy_kernel[(1,)](src, dst, 10, BLOCK=16, num_warps=num_warps)
    assert str(e.value) == f"launch of copy_kernel(): num_warps must be a power of 2, got {num_warps!r}"
    with pytest.raises(AssertionError, match=r"^compile\(copy_kernel\): num_warps must be a power of 2, got 6$"):
        pantile.compile(copy_kernel, ["*fp32", "*fp32", "i32"], {"BLOCK": 16}, num_warps=6)
    copy_kernel[(1,)](src, dst, 10, BLOCK=16, num_warps=2)
    np.testing.assert_array_equal(dst[:10], src[:10])


def test_unsupported_dtype() -> None:
    src = np.zeros(10, dtype=np.complex64)
    with pytest.raises(TypeError) as e:
        copy_kernel[(1,)](src, src, 10, BLOCK=16)
    assert str(e.value) == ("argument 'src_ptr' of copy_kernel(): arrays of dtype complex64 are not supported; "
                            "use one of bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float16, "
                            "float32, float64, bfloat16, float8_e4m3fn, float8_e5m2, float8_e4m3fnuz, float8_e5m2fnuz")


def test_unsupported_scalar() -> None:
    src, dst = _arrays()
    with pytest.raises(TypeError) as e:
        copy_kernel[(1,)](src, dst, "10", BLOCK=16)
    assert str(e.value) == ("argument 'n' of copy_kernel(): cannot pass a value of type str; pass an array, "
                            "an int, a float, a bool, None or a tuple of them")


def test_read_only_array_stored_through() -> None:
    src, dst = _arrays()
    dst.flags.writeable = False
    with pytest.raises(ValueError) as e:
        copy_kernel[(1,)](src, dst, 10, BLOCK=16)
    assert str(e.value) == ("argument 'dst_ptr' of copy_kernel(): the kernel stores through this pointer but the "
                            "array is read-only; pass a writable array (e.g. its .copy())")


def test_read_only_array_only_read_is_fine() -> None:
    src, dst = _arrays()
    src.flags.writeable = False
    copy_kernel[(1,)](src, dst, 10, BLOCK=16)
    np.testing.assert_array_equal(dst, src)


@pytest.mark.parametrize("grid, dim, bad", [((0,), 0, "0"), ((4, -1), 1, "-1"), ((2.5,), 0, "2.5")])
def test_empty_or_negative_grid(grid, dim, bad) -> None:
    src, dst = _arrays()
    with pytest.raises(ValueError) as e:
        copy_kernel[grid](src, dst, 10, BLOCK=16)
    assert str(e.value) == (f"grid {grid} of copy_kernel(): every dimension must be a positive integer, "
                            f"got {bad} in dimension {dim}")


def test_grid_of_four_dimensions() -> None:
    src, dst = _arrays()
    with pytest.raises(ValueError) as e:
        copy_kernel[(1, 1, 1, 1)](src, dst, 10, BLOCK=16)
    assert str(e.value) == "grid (1, 1, 1, 1) of copy_kernel() has 4 dimensions; use 1 to 3"


class _DeviceArray:
    """An array that says it lives on a GPU (as a torch CUDA tensor does: DLPack device kDLCUDA)."""

    dtype = np.dtype(np.float32)
    device = "cuda:0"

    def data_ptr(self) -> int:
        return 4096

    def __dlpack_device__(self) -> tuple[int, int]:
        return (2, 0)


def test_array_on_another_device() -> None:
    src, dst = _arrays()
    with pantile.target("cpu"), pytest.raises(ValueError) as e:
        copy_kernel[(1,)](_DeviceArray(), dst, 10, BLOCK=16)
    assert str(e.value) == ("argument 'src_ptr' of copy_kernel(): the array is on device cuda:0 but the kernel "
                            "runs on target cpu; move it to host memory or run on a target that owns it")
