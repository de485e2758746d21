"""On the GPU, with torch: launches go on the caller's current torch stream (or the `stream=` given) without
synchronising, so they overlap work on other streams; a launch inside `torch.cuda.graph(...)` is recorded and
replays on new inputs; numpy arrays are refused during capture; a kernel inside a `torch.library.custom_op` runs
under `torch.compile(fullgraph=True)`. Skipped, printing why, without a GPU or torch."""
import time

import numpy as np
import pytest

import pantile
import pantile.language as pl

N, BLOCK = 1 << 20, 1024


@pantile.jit
def add(x_ptr, y_ptr, out_ptr, n, BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    mask = offs < n
    pl.store(out_ptr + offs, pl.load(x_ptr + offs, mask=mask) + pl.load(y_ptr + offs, mask=mask), mask=mask)


def _grid(n: int) -> tuple[int]:
    return ((n + BLOCK - 1) // BLOCK,)


@pytest.fixture(scope="module")
def torch(gpu):
    """torch with CUDA, or a skip that says why there is none."""
    try:
        import torch
    except ImportError:
        print("skipping: torch is not installed")
        pytest.skip("torch is not installed")
    if not torch.cuda.is_available():
        print("skipping: torch sees no CUDA device")
        pytest.skip("torch sees no CUDA device")
    return torch


@pytest.fixture
def arrays(torch):
    """x, y and out on the GPU, the kernel compiled and run once (compiling is no part of what is timed)."""
    x, y = torch.randn(N, device="cuda"), torch.randn(N, device="cuda")
    out = torch.empty_like(x)
    add[_grid(N)](x, y, out, N, BLOCK=BLOCK)
    torch.cuda.synchronize()
    return x, y, out


@pytest.mark.parametrize("given", [False, True], ids=["current-stream", "stream-argument"])
def test_a_launch_on_stream_b_completes_while_stream_a_still_runs(torch, arrays, given):
    x, y, out = arrays
    a, b = torch.cuda.Stream(), torch.cuda.Stream()
    with torch.cuda.stream(a):
        torch.cuda._sleep(4_000_000_000)             # about two seconds of spinning on stream A
    with torch.cuda.stream(a if given else b):       # with stream=, the current stream is A and B is given
        add[_grid(N)](x, y, out, N, BLOCK=BLOCK, **({"stream": b} if given else {}))
    done = torch.cuda.Event()
    done.record(b)
    deadline = time.perf_counter() + 1.0
    while not done.query() and time.perf_counter() < deadline:
        time.sleep(0.001)
    finished, a_busy = done.query(), not a.query()
    a.synchronize()
    assert finished, "the launch on stream B did not complete within a second while stream A ran"
    assert a_busy, "stream A's kernel ended before B's launch was checked: the test proves nothing"
    torch.testing.assert_close(out, x + y, rtol=0, atol=0)


def test_a_launch_captured_in_a_cuda_graph_replays_on_new_inputs(torch, arrays):
    x, y, out = arrays
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        add[_grid(N)](x, y, out, N, BLOCK=BLOCK)
    x.copy_(torch.randn(N, device="cuda"))           # the graph reads x where it lies: a new input
    out.zero_()
    graph.replay()
    torch.cuda.synchronize()
    torch.testing.assert_close(out, x + y, rtol=0, atol=0)


def test_numpy_arrays_are_refused_during_capture(torch, arrays):
    """On the GPU's target (numpy arrays alone would run on the host target, which no capture concerns)."""
    host = np.ones(N, np.float32)
    graph = torch.cuda.CUDAGraph()
    with pytest.raises(RuntimeError, match=r"^kernel add was launched with numpy arrays while its stream is "
                                           r"capturing a CUDA graph \(torch.cuda.graph\)"):
        with pantile.target("cuda"), torch.cuda.graph(graph):
            add[_grid(N)](host, host, host, N, BLOCK=BLOCK)


def test_a_kernel_in_a_custom_op_runs_under_torch_compile_fullgraph(torch, arrays):
    @torch.library.custom_op("pantile_tests::add", mutates_args=())
    def pantile_add(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        out = torch.empty_like(x)
        add[_grid(x.numel())](x, y, out, x.numel(), BLOCK=BLOCK)
        return out

    @pantile_add.register_fake
    def _(x, y):
        return torch.empty_like(x)

    @torch.compile(fullgraph=True)
    def step(x, y):
        return torch.relu(pantile_add(x, y)) * 2

    x, y, _ = arrays
    torch.testing.assert_close(step(x, y), torch.relu(x + y) * 2)
