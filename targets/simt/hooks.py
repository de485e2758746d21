"""The hook set a GPU target gives the shared SIMT lowering.

The lowering (targets/simt/lower.py) turns a laid-out module into LLVM IR
through llvmlite's IR builder. Everything that differs between GPU targets
goes through one `SimtHooks` object: how a thread learns its ids, how it
synchronises and exchanges values, where shared and global memory live,
which math instructions exist, how a kernel is declared and how it prints or
aborts. Every method receives the llvmlite `IRBuilder` positioned where the
code must go and returns llvmlite values.

Contract (kept stable for every target built on it):
- a program is one 1-D group of `num_warps * warp_size` threads; the lowering
  asks only for the x thread id and computes lane and warp from it;
- values exchanged by `shuffle_*` are i32 (the lowering splits and bitcasts
  other types);
- shared memory is one scratch buffer per kernel, reused by every layout
  conversion and reduction, separated by `barrier`;
- math functions come from `math_library()`, a `pantile.targets.llvm.MathLib`
  whose methods the target overrides where it has better instructions.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Optional, Sequence

from llvmlite import ir as llir

from pantile.targets.llvm import MathLib
from pantile.targets.llvm.atomic_access import atomic_load, atomic_store

I32 = llir.IntType(32)
_ORDERING = {"relaxed": "monotonic", "acquire": "acquire", "release": "release", "acq_rel": "acq_rel"}


def llvm_ordering(hooks: "SimtHooks", sem: str, scope: str) -> str:
    """LLVM's memory ordering for pantile's `sem` at `scope`, with the target's syncscope."""
    sync = hooks.atomic_scope(scope)
    return (f'syncscope("{sync}") ' if sync else "") + _ORDERING[sem]


class SimtHooks(ABC):
    """Target-specific pieces of the SIMT lowering; subclass once per GPU target."""

    triple: str = ""                 # LLVM target triple
    data_layout: str = ""            # LLVM data layout string ("" lets LLVM choose)
    warp_size: int = 32
    global_addrspace: int = 1
    shared_addrspace: int = 3
    static_shared_limit: int = 48 * 1024   # larger scratch buffers are allocated dynamically
    matrix_operand_alignment: int = 128    # bytes: where matrix-instruction operands start in shared memory
    matrix_slots_in_use: int = 0     # pipelining slots an asynchronous matrix instruction may still read
    printf_long: str = "ll"          # printf's length modifier of 64-bit integers
    fence_atomic_rmw: bool = False   # True: the back end drops atomicrmw's memory order; fences carry it
    # False: `shuffle_*` go through shared memory between barriers, so a reduction combines its lanes' partial
    # results there with its warps', behind one pair of barriers, instead of a shuffle (two barriers) per step
    lane_shuffles: bool = True
    matrix_stores: bool = False      # True: `store_matrices` writes 8x8 matrices of 16-bit elements

    # ids ---------------------------------------------------------------
    @abstractmethod
    def thread_id(self, b: llir.IRBuilder) -> llir.Value:
        """The i32 index of this thread in its program (x dimension)."""

    @abstractmethod
    def program_id(self, b: llir.IRBuilder, axis: int) -> llir.Value:
        """The i32 program id along grid axis 0, 1 or 2."""

    @abstractmethod
    def num_programs(self, b: llir.IRBuilder, axis: int) -> llir.Value:
        """The i32 number of programs along grid axis 0, 1 or 2."""

    # synchronisation and exchange ----------------------------------------
    @abstractmethod
    def barrier(self, b: llir.IRBuilder) -> None:
        """Synchronise the program's threads and order their shared-memory accesses."""

    @abstractmethod
    def shuffle_xor(self, b: llir.IRBuilder, value: llir.Value, lane_mask: int) -> llir.Value:
        """The i32 `value` of the lane whose index is this lane's index xor `lane_mask`."""

    @abstractmethod
    def shuffle_up(self, b: llir.IRBuilder, value: llir.Value, delta: int) -> llir.Value:
        """The i32 `value` of lane (this lane - delta); lanes below `delta` get their own value."""

    @abstractmethod
    def shuffle_idx(self, b: llir.IRBuilder, value: llir.Value, lane: llir.Value) -> llir.Value:
        """The i32 `value` of the lane whose index is the i32 `lane`."""

    # memory ----------------------------------------------------------------
    def static_shared(self, module: llir.Module, nbytes: int) -> llir.Value:
        """A pointer to `nbytes` of program-shared scratch memory fixed at compile time."""
        ty = llir.ArrayType(llir.IntType(8), nbytes)
        g = llir.GlobalVariable(module, ty, "pantile_scratch", addrspace=self.shared_addrspace)
        g.align = 16
        g.linkage = "internal"
        g.initializer = llir.Constant(ty, llir.Undefined)
        return g

    def dynamic_shared(self, module: llir.Module) -> llir.Value:
        """A pointer to the program's dynamic shared memory (sized at launch)."""
        ty = llir.ArrayType(llir.IntType(8), 0)
        g = llir.GlobalVariable(module, ty, "pantile_dynamic_scratch", addrspace=self.shared_addrspace)
        g.align = 16
        g.linkage = "external"
        return g

    def masked_load(self, b: llir.IRBuilder, ptr: llir.Value, typ: llir.Type, mask: Optional[llir.Value],
                    other: Optional[llir.Value], align: int, cache: str = "") -> llir.Value:
        """Load `typ` (a scalar or vector) from global `ptr` where i1 `mask` holds, else `other`."""
        if mask is None:
            ld = b.load(ptr, typ=typ, align=align)
            return ld
        fallback = other if other is not None else llir.Constant(typ, None)
        with b.if_else(mask) as (then, otherwise):
            with then:
                loaded = b.load(ptr, typ=typ, align=align)
                then_block = b.block
            with otherwise:
                else_block = b.block
        phi = b.phi(typ)
        phi.add_incoming(loaded, then_block)
        phi.add_incoming(fallback, else_block)
        return phi

    def shared_load(self, b: llir.IRBuilder, ptr: llir.Value, typ: llir.Type, align: Optional[int],
                    warp_uniform: bool) -> llir.Value:
        """Load `typ` (a scalar or vector) from shared `ptr`; `warp_uniform`: every lane of a warp reads the same
        address, which varies between warps."""
        return b.load(ptr, typ=typ, align=align)

    def masked_store(self, b: llir.IRBuilder, ptr: llir.Value, value: llir.Value, mask: Optional[llir.Value],
                     align: int, cache: str = "") -> None:
        """Store `value` (a scalar or vector) to global `ptr` where i1 `mask` holds."""
        if mask is None:
            b.store(value, ptr, align=align)
            return
        with b.if_then(mask):
            b.store(value, ptr, align=align)

    # asynchronous copies (software pipelining) ----------------------------------------------
    def async_copy(self, b: llir.IRBuilder, dst: llir.Value, src: llir.Value, nbytes: int,
                   mask: Optional[llir.Value]) -> bool:
        """Start copying `nbytes` from global `src` to shared `dst` (zeros where i1 `mask` is false);
        False when the target has no asynchronous copy of that size (the caller copies at once)."""
        return False

    def async_commit(self, b: llir.IRBuilder) -> None:
        """Close this thread's group of started copies."""

    def async_wait(self, b: llir.IRBuilder, pending: int) -> None:
        """Wait until at most `pending` of this thread's groups are unfinished (the caller then synchronises)."""

    # tensor maps a kernel writes for its tile copies (targets/simt/kernel_tensor_maps.py) ------
    def tensor_map_write(self, b: llir.IRBuilder, staging: llir.Value, slot: llir.Value, lane: llir.Value,
                         base: llir.Value, shape: Sequence[llir.Value], strides: Sequence[llir.Value],
                         desc_type: Any) -> None:
        """Run by one whole warp (`lane` its lane id): write at global `slot` the tensor map of the tensor at
        `base` with i32 `shape` and i64 `strides` (in elements, outermost first) copied in boxes of the block of
        `desc_type` (a tensordesc), built in the 128 bytes of shared `staging`, visible to this warp's tile
        copies once written."""
        raise NotImplementedError("this target writes no tensor maps")

    def tensor_map_address(self, b: llir.IRBuilder, slot: llir.Value) -> llir.Value:
        """What tile_copy takes for the tensor map written at global `slot`."""
        raise NotImplementedError("this target writes no tensor maps")

    # whole-tile copies of tensor descriptors (targets/simt/tile_copy.py) --------------------
    tensor_map_type: Optional[llir.Type] = None   # the parameter a copied descriptor arrives as (None: no copies)
    max_tile_box: int = 0            # elements per dimension of one tile copy

    def tile_copy_addressable(self, element: str, base_bytes: int, stride_bytes: int, column_bytes: int,
                              row_bytes: Optional[int]) -> bool:
        """True when the tile-copy unit can copy a tile of a row-major tensor of `element`s (an IR type name) whose
        base is a multiple of `base_bytes`, whose rows start a multiple of `stride_bytes` apart, the tile starting
        a multiple of `column_bytes` into its rows; for a store, rows a multiple of `row_bytes` long (None for
        a load)."""
        return False

    def tile_barrier_init(self, b: llir.IRBuilder, barrier: llir.Value, arrivals: int) -> None:
        """Make the i64 word at shared `barrier` a barrier whose phases complete after `arrivals` arrivals."""
        raise NotImplementedError("this target has no tile copies")

    def tile_barriers_initialised(self, b: llir.IRBuilder) -> None:
        """Make this thread's barrier initialisations visible to the tile-copy unit (before a barrier)."""

    def tile_expect(self, b: llir.IRBuilder, barrier: llir.Value, nbytes: int) -> None:
        """Arrive at `barrier`, which is then to receive `nbytes` from tile copies in this phase."""
        raise NotImplementedError("this target has no tile copies")

    def tile_copy(self, b: llir.IRBuilder, tensor_map: llir.Value, dst: llir.Value, coords: Sequence[llir.Value],
                  barrier: llir.Value) -> None:
        """Start copying the box of `tensor_map` at i32 `coords` (innermost first) into shared `dst`; its bytes
        complete on `barrier`."""
        raise NotImplementedError("this target has no tile copies")

    def tile_barrier_wait(self, b: llir.IRBuilder, barrier: llir.Value, phase: llir.Value) -> None:
        """Wait until `barrier` has completed the phase of parity i32 `phase`."""
        raise NotImplementedError("this target has no tile copies")

    def tile_barrier_release(self, b: llir.IRBuilder, barrier: llir.Value) -> None:
        """Invalidate the barrier at `barrier` (its phases done), so that its memory may be reused."""
        raise NotImplementedError("this target has no tile copies")

    def tile_store_fence(self, b: llir.IRBuilder) -> None:
        """Make this thread's writes to shared memory visible to the tile-copy unit (before a barrier)."""
        raise NotImplementedError("this target has no tile copies")

    def tile_store(self, b: llir.IRBuilder, tensor_map: llir.Value, src: llir.Value,
                   coords: Sequence[llir.Value]) -> None:
        """Start copying the box at shared `src` into the tensor of `tensor_map` at i32 `coords` (innermost
        first), dropping what lies outside the tensor."""
        raise NotImplementedError("this target has no tile copies")

    def tile_stores_read(self, b: llir.IRBuilder) -> None:
        """Wait until the tile stores this thread started have read their shared memory."""
        raise NotImplementedError("this target has no tile copies")

    def atomic_scope(self, scope: str) -> str:
        """The LLVM syncscope for pantile's scope 'cta', 'gpu' or 'sys' ("" is the whole system)."""
        return ""

    def atomic_load(self, b: llir.IRBuilder, ptr: llir.Value, typ: llir.Type, sem: str, scope: str) -> llir.Value:
        """An atomic read of one `typ` in global memory, with memory order `sem` ('acquire' or 'relaxed') at
        pantile's `scope`: LLVM's `load atomic`."""
        return atomic_load(b, ptr, typ, llvm_ordering(self, sem, scope))

    def clock_ns(self, b: llir.IRBuilder) -> llir.Value:
        """The device's clock in nanoseconds, an i64 (targets whose capability record sets `clock`)."""
        raise NotImplementedError(f"{type(self).__name__} reads no clock: its capability record must not set clock")

    def atomic_store(self, b: llir.IRBuilder, value: llir.Value, ptr: llir.Value, sem: str, scope: str) -> None:
        """An atomic write of one value to global memory, with memory order `sem` ('release' or 'relaxed') at
        pantile's `scope`: LLVM's `store atomic`."""
        atomic_store(b, value, ptr, llvm_ordering(self, sem, scope))

    def pointer_space(self, addrspace: int) -> int:
        """The target's address space for IR address space 1 (global) or 3 (shared)."""
        return self.shared_addrspace if addrspace == 3 else self.global_addrspace

    # math --------------------------------------------------------------------
    def math_library(self) -> MathLib:
        """Math functions for f32/f64 values (exp, sqrt_rn, erf ...); override methods of MathLib."""
        return MathLib()

    # matrix instructions -------------------------------------------------------
    def dot_layouts(self, a: Any, b: Any, acc: Any, num_warps: int, chained: bool = False,
                    precision: Optional[str] = None) -> Optional[tuple]:
        """(accumulator layout,) of the target's matrix instruction for a pt.dot with these block types, or
        None to use the shared FMA dot. Its operands are read from shared memory (`operand_swizzle`).
        `chained`: the dot's result feeds another dot's A operand, or its A is another dot's result;
        `precision`: the dot's input_precision (f32 inputs: "tf32", "tf32x3" or "ieee")."""
        return None

    def operand_swizzle(self, operand: int, shape: tuple, elem_bytes: int, num_warps: int, m: int, n: int,
                        chained: bool = False, contiguous_dim: int = 1, element: str = "") -> Any:
        """Where the matrix instruction wants operand `operand` (0: A, 1: B) of an [m, n] dot placed in shared
        memory (a shared_layout offset map), stored row-major or, when `contiguous_dim` is 0, column by column
        (a tile read transposed from global memory); `element`: the operand's element type (f16, f8e4m3 ...)."""
        raise NotImplementedError("this target has no matrix-instruction dot")

    def a_in_registers(self, layout: Any, elem_bytes: int, n: int, num_warps: int, chained: bool = False) -> bool:
        """True when the matrix instruction can take an A operand (of `elem_bytes`-byte elements) held in
        `layout` from registers as it is."""
        return False

    def matrix_operands_stored(self, b: llir.IRBuilder) -> None:
        """Make this thread's ordinary stores and copies to shared memory visible to the matrix instruction
        (called before the barrier that precedes its reads)."""

    def matrix_wait(self, b: llir.IRBuilder, values: list) -> list:
        """Wait until the asynchronous matrix instructions this thread took part in are done; `values`, the
        registers they write, come back as the wait's results, so that nothing reads them before it."""
        return values

    def store_matrices(self, b: llir.IRBuilder, ptr: llir.Value, words: list) -> None:
        """One warp stores len(words) (1, 2 or 4) 8x8 matrices of 16-bit elements: word j of lane l holds
        elements 2 (l % 4) and 2 (l % 4) + 1 of row l / 4 of matrix j; `ptr` of lane l is where row l % 8 of
        matrix l / 8 starts (16 bytes, aligned)."""
        raise NotImplementedError("this target has no matrix stores")

    def lower_dot(self, lw: Any, op: Any, a_tile: Any, b_tile: Any) -> None:
        """Lower a pt.dot whose result has the layout `dot_layouts` chose, its operands in shared memory
        (simt.dot.SharedTile; lw: the SimtLowering)."""
        raise NotImplementedError("this target has no matrix-instruction dot")

    # kernels -----------------------------------------------------------------
    @abstractmethod
    def declare_kernel(self, module: llir.Module, name: str, arg_types: Sequence[llir.Type],
                       num_threads: int) -> llir.Function:
        """Declare the kernel entry with the target's calling convention and attributes."""

    @abstractmethod
    def printf(self, b: llir.IRBuilder, fmt: str, args: Sequence[llir.Value]) -> None:
        """Print C-format `fmt` with `args` (i32, i64 or f64) from this thread."""

    @abstractmethod
    def assert_fail(self, b: llir.IRBuilder, message: str, file: str, line: int, function: str) -> None:
        """Abort the kernel reporting a failed device assertion (called on the failing path)."""
