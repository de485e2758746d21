"""Block pointers and tensor descriptors: tiles of ranks 1 to 3 loaded and stored at the tensor's edges, with
negative offsets, partial boundary checks, zero and NaN padding, and K loops carrying them."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pantile.tools.tensor_descriptor import TensorDescriptor

from .case import Case, Output
from .formats import INTEGERS, storage_of
from .kernels_tensor_memory import (descriptor_arg_kernel, descriptor_atomic_kernel, tile_loop_kernel,
                                    tile_move_kernel)
from .tolerance import exact
from .values import any_values, integers

SENTINEL = 7


@dataclass(frozen=True)
class Geometry:
    """A strided tensor, the tile shape, where tile 0 starts, and the dimensions checked for bounds."""

    shape: tuple[int, ...]
    strides: tuple[int, ...]
    block: tuple[int, ...]
    offsets: tuple[int, ...]
    check: tuple[int, ...]

    @property
    def grid(self) -> tuple[int, ...]:
        """Tiles per dimension: past the edge on checked dimensions, exactly the tensor on the others."""
        return tuple(-(-(s - o) // b) + 1 if d in self.check else s // b
                     for d, (s, b, o) in enumerate(zip(self.shape, self.block, self.offsets)))

    @property
    def dense_shape(self) -> tuple[int, ...]:
        return tuple(g * b for g, b in zip(self.grid, self.block))

    @property
    def extent(self) -> int:
        """Elements of the buffer that holds the strided tensor."""
        return sum((s - 1) * t for s, t in zip(self.shape, self.strides)) + 1

    def placement(self) -> tuple[np.ndarray, np.ndarray]:
        """For each element of the dense side: whether it falls inside the tensor, and where it is there."""
        coords = np.indices(self.dense_shape)
        valid = np.ones(self.dense_shape, bool)
        flat = np.zeros(self.dense_shape, np.int64)
        for d in range(len(self.shape)):
            at = coords[d] + self.offsets[d]
            inside = (at >= 0) & (at < self.shape[d])
            assert d in self.check or inside.all(), "unchecked dimensions must stay inside the tensor"
            valid &= inside
            flat += np.where(inside, at, 0) * self.strides[d]
        return valid, flat

    def args(self) -> list[int]:
        """The kernel's s*, t* and o* arguments (rank padded to 3)."""
        pad = 3 - len(self.shape)
        return [*self.shape, *[1] * pad, *self.strides, *[1] * pad, *self.offsets, *[0] * pad]

    def constexprs(self) -> tuple[tuple[str, object], ...]:
        block = self.block + (1,) * (3 - len(self.block))
        check = "all" if len(self.check) == len(self.shape) else {(1,): "dim1", (): "none"}[self.check]
        return (("RANK", len(self.shape)), ("CHECK", check), ("B0", block[0]), ("B1", block[1]),
                ("B2", block[2]))


GEOMETRIES = {
    "1d": Geometry((100,), (1,), (32,), (0,), (0,)),
    "1d_strided_negative": Geometry((70,), (3,), (16,), (-5,), (0,)),
    "2d_edges": Geometry((37, 53), (64, 1), (16, 16), (0, 0), (0, 1)),
    "2d_shifted": Geometry((37, 53), (64, 1), (16, 16), (-3, 5), (0, 1)),
    # rows a multiple of 16 bytes long with padding after them, tiles a whole tile into the rows and 3 rows up
    "2d_aligned": Geometry((37, 64), (80, 1), (16, 16), (-3, 16), (0, 1)),
    "2d_column_major": Geometry((29, 37), (1, 32), (8, 16), (0, 0), (0, 1)),
    "3d": Geometry((5, 9, 13), (144, 16, 1), (2, 4, 8), (0, -1, 2), (0, 1, 2)),
}
# Only block pointers check some dimensions and not others.
PARTIAL = {
    "2d_check_dim1": Geometry((32, 53), (64, 1), (16, 16), (0, 0), (1,)),
    "2d_no_check": Geometry((32, 48), (48, 1), (16, 16), (0, 0), ()),
}
DTYPES = INTEGERS[:4] + ("f16", "f32", "f64")


def _padding_value(padding: str, dtype: str) -> object:
    return np.array(np.nan if padding == "nan" else 0).astype(storage_of(dtype))


def tile_case(via: str, store: bool, label: str, geo: Geometry, dtype: str, padding: str = "zero") -> Case:
    """One tile move through a block pointer or a descriptor, compared element for element."""
    def inputs(rng: np.random.Generator) -> list:
        if store:
            x = any_values(dtype, rng, int(np.prod(geo.dense_shape)), with_specials=False)
            out = np.full(geo.extent, SENTINEL, storage_of(dtype))
        else:
            x = any_values(dtype, rng, geo.extent, with_specials=False)
            out = np.zeros(int(np.prod(geo.dense_shape)), storage_of(dtype))
        return [x, out, *geo.args()]

    def expected(args: list) -> list:
        x, out = args[0], args[1]
        valid, flat = geo.placement()
        if store:
            result = out.copy()
            result[flat[valid]] = x.reshape(geo.dense_shape)[valid]
            return [result]
        return [np.where(valid, x[flat], _padding_value(padding, dtype)).ravel()]

    kind = "store" if store else "load"
    name = f"tensor_memory/{via}/{kind}/{label}" + ("" if padding == "zero" else f"_{padding}") + f"/{dtype}"
    return Case(name, "tensor_memory", tile_move_kernel, inputs, expected, (Output(1, dtype, exact()),),
                geo.grid + (1,) * (3 - len(geo.grid)),
                (("VIA", via), ("STORE", store), ("PADDING", padding)) + geo.constexprs(), dtypes=(dtype,))


def descriptor_arg_case(label: str, geo: Geometry, dtype: str) -> Case:
    """A tile copy between two TensorDescriptor arguments over strided buffers: every element inside the
    shape copied, the buffer's stride padding left alone."""
    def inputs(rng: np.random.Generator) -> list:
        x = any_values(dtype, rng, geo.extent, with_specials=False)
        out = np.full(geo.extent, SENTINEL, storage_of(dtype))
        descs = [TensorDescriptor(a, geo.shape, geo.strides, geo.block) for a in (x, out)]
        return [*descs, *geo.offsets, *[0] * (3 - len(geo.shape))]

    def expected(args: list) -> list:
        x, out = args[0].base, args[1].base
        valid, flat = geo.placement()
        result = out.copy()
        result[flat[valid]] = x[flat[valid]]
        return [result]

    return Case(f"tensor_memory/descriptor_arg/{label}/{dtype}", "tensor_memory", descriptor_arg_kernel, inputs,
                expected, (Output(1, dtype, exact()),), geo.grid + (1,) * (3 - len(geo.grid)),
                tuple(c for c in geo.constexprs() if c[0] != "CHECK"), dtypes=(dtype,))


_COMBINE = {"add": np.add, "max": np.maximum, "xor": np.bitwise_xor}


def descriptor_atomic_case(op: str, dtype: str) -> Case:
    """desc.atomic_<op> of whole tiles at shifted offsets: each element inside the tensor combined once (exact),
    the others and the stride padding left alone."""
    geo = GEOMETRIES["2d_shifted"]

    def inputs(rng: np.random.Generator) -> list:
        x = integers(dtype, rng, int(np.prod(geo.dense_shape)), -1000, 1000) if dtype != "f32" else \
            any_values(dtype, rng, int(np.prod(geo.dense_shape)), with_specials=False)
        out = integers(dtype, rng, geo.extent, -1000, 1000) if dtype != "f32" else \
            any_values(dtype, rng, geo.extent, with_specials=False)
        return [x, out, *geo.shape, geo.strides[0], *geo.offsets]

    def expected(args: list) -> list:
        x, out = args[0], args[1]
        valid, flat = geo.placement()
        result = out.copy()
        result[flat[valid]] = _COMBINE[op](out[flat[valid]], x.reshape(geo.dense_shape)[valid])
        return [result]

    kind = "fadd" if op == "add" and dtype == "f32" else op
    return Case(f"tensor_memory/tensor_desc/atomic_{op}/2d_shifted/{dtype}", "tensor_memory", descriptor_atomic_kernel,
                inputs, expected, (Output(1, dtype, exact()),), geo.grid + (1,),
                (("OP", op), ("B0", geo.block[0]), ("B1", geo.block[1])), dtypes=(dtype,), atomics=(kind,), atomic_dtypes=(dtype,))


M, K, STRIDE_M, BM, BK = 37, 100, 104, 16, 32


def loop_case(via: str) -> Case:
    """Row sums over a K loop that carries a block pointer or reads a descriptor (exact in int32)."""
    def inputs(rng: np.random.Generator) -> list:
        return [integers("i32", rng, M * STRIDE_M, -1000, 1000), np.zeros(M, np.int32), M, K, STRIDE_M]

    def expected(args: list) -> list:
        x = args[0].reshape(M, STRIDE_M)[:, :K]
        return [x.sum(1, dtype=np.int64).astype(np.int32)]

    return Case(f"tensor_memory/{via}/k_loop/i32", "tensor_memory", tile_loop_kernel, inputs, expected,
                (Output(1, "i32", exact()),), (-(-M // BM),), (("VIA", via), ("BM", BM), ("BK", BK)),
                dtypes=("i32",))


def cases() -> list[Case]:
    """Every geometry both ways through both kinds and between TensorDescriptor arguments, the edge case on every
    storage type, NaN padding, loops."""
    found = []
    for via in ("block_ptr", "tensor_desc"):
        for store in (False, True):
            for label, geo in GEOMETRIES.items():
                for dtype in (DTYPES if label == "2d_edges" else ("f32",)):
                    found.append(tile_case(via, store, label, geo, dtype))
            if via == "block_ptr":
                found += [tile_case(via, store, label, geo, "f32") for label, geo in PARTIAL.items()]
        found.append(tile_case(via, False, "2d_shifted", GEOMETRIES["2d_shifted"], "f16", "nan"))
        found.append(loop_case(via))
    found += [descriptor_arg_case(label, geo, dtype) for label, geo in GEOMETRIES.items()
              for dtype in (DTYPES if label == "2d_edges" else ("f32",))]
    found += [descriptor_atomic_case(op, dtype) for op, dtype in (("add", "i32"), ("add", "f32"), ("max", "i32"),
                                                                  ("xor", "i64"))]
    return found

