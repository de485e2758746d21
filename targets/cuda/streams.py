"""Which CUDA stream a launch goes on: the `stream=` it was given (an int handle, or an object with `.cuda_stream`
or `.handle`), else the caller's current torch stream on the launch's device when its arrays are torch tensors,
else the default stream (0). torch is only touched once a launch has read a torch tensor."""
from __future__ import annotations

import sys
from typing import Any, Callable


def stream_handle(stream: Any) -> int:
    """The CUstream handle of a `stream=` given at launch; TypeError for anything that is not a stream."""
    if isinstance(stream, int) and not isinstance(stream, bool):
        return stream
    for name in ("cuda_stream", "handle"):    # torch.cuda.Stream; pycuda's and cuda-python's streams
        handle = getattr(stream, name, None)
        if isinstance(handle, int) and not isinstance(handle, bool):
            return handle
    raise TypeError(f"stream= must be a CUDA stream handle (an int) or a stream object with .cuda_stream or .handle "
                    f"(torch.cuda.Stream, pycuda's Stream), got {type(stream).__name__}")


def default_stream(device: int) -> int:
    """The default stream's handle, whatever the device."""
    return 0


def torch_current_stream() -> Callable[[int], int]:
    """How the caller's current torch stream of a device is read, found once: torch's raw-handle getter where this
    torch has it (a fraction of a microsecond), else `torch.cuda.current_stream(device).cuda_stream`."""
    torch = sys.modules.get("torch")
    if torch is None:     # a tensor-like array without torch loaded
        return default_stream
    raw = getattr(getattr(torch, "_C", None), "_cuda_getCurrentRawStream", None)
    if raw is not None:
        return raw
    current = torch.cuda.current_stream
    return lambda device: current(device).cuda_stream

