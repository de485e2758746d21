"""apple:spirv's driver calls under the shared launcher, through wgpu: numpy spans copied into storage buffers and
written ones read back; scalars, array offsets, the grid size and the kernel's constant tables as i32 words of
binding 0."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Callable, Optional

import numpy as np

from pantile.ir import PointerType
from pantile.targets.base import Artifact
from pantile.targets.host_staging import HostSpan
from pantile.targets.launch.binding import ParamLayout, Slot
from pantile.targets.launch.runtime import STAGE, DeviceRuntime, Params

from .device import WgpuRuntime

# Scalars as the kernel reads them from the words: narrow integers widened to a whole word.
WORD_CODES = {"i1": "i", "i8": "i", "i16": "i", "i32": "i", "u8": "I", "u16": "I", "u32": "I", "i64": "q",
              "u64": "Q", "f16": "e", "f32": "f", "f64": "d"}

# The f32 bits of NaN, +inf and -inf, words after the grid size (naga refuses non-finite float literals, so
# kernels read them; logical.NON_FINITE names them in this order).
NON_FINITE_BITS = (0x7FC00000, 0x7F800000, 0xFF800000)


def _padded(data: np.ndarray) -> np.ndarray:
    """Bytes padded to a multiple of 4 (and at least 4), as wgpu wants buffer sizes."""
    raw = np.frombuffer(np.ascontiguousarray(data).tobytes(), np.uint8)
    return np.concatenate([raw, np.zeros(-len(raw) % 4 or (4 if len(raw) == 0 else 0), np.uint8)])


@dataclass
class Pipeline:
    """One loaded artifact: its compute pipeline, its bindings (binding, argument; -1: the words) and words."""

    layout: Any
    pipeline: Any
    bindings: list
    pointer_words: list             # (argument, word of its byte offset)
    grid_word: int
    constant_word: int              # where the constant tables start
    constants: np.ndarray           # their words


class AppleRuntime(DeviceRuntime):
    """wgpu's calls on the process's device (one queue; launches and reads are serialised by its lock)."""

    arrays = "a numpy array"

    def __init__(self, rt: WgpuRuntime) -> None:
        self.rt = rt

    def param_layout(self, artifact: Artifact) -> ParamLayout:
        """Each scalar at its first word; the array offsets (written by launch), grid size, non-finite words and
        constant tables after them."""
        words = artifact.metadata["scalar_words"]
        slots = []
        for i, spec in enumerate(artifact.args):
            code = "" if isinstance(spec.type, PointerType) else WORD_CODES.get(spec.type.name)
            if code is None:
                raise TypeError(f"argument '{spec.name}' of {artifact.kernel_name}: scalar arguments of type "
                                f"{spec.type} cannot be passed to apple:spirv; pass a pointer to it instead")
            slots.append(Slot(4 * int(words[str(i)]), code))
        return ParamLayout(tuple(slots), 4 * int(artifact.metadata["constant_word"]) +
                           len(artifact.metadata["constants"]) // 2)

    def load(self, artifact: Artifact) -> Pipeline:
        """The compute pipeline (built once per module, by its hash)."""
        bindings = artifact.metadata["bindings"]
        key = hashlib.sha256(artifact.binary).hexdigest()
        rt = self.rt
        if key not in rt.pipelines:
            wgpu, device = rt.wgpu, rt.device
            layout = device.create_bind_group_layout(entries=[
                {"binding": b, "visibility": wgpu.ShaderStage.COMPUTE,
                 "buffer": {"type": wgpu.BufferBindingType.storage}} for b, _ in bindings])
            shader = device.create_shader_module(code=artifact.binary)
            pipeline = device.create_compute_pipeline(
                layout=device.create_pipeline_layout(bind_group_layouts=[layout]),
                compute={"module": shader, "entry_point": artifact.kernel_name})
            rt.pipelines[key] = (layout, pipeline)
        words = artifact.metadata["scalar_words"]
        pointers = [(i, int(words[str(i)])) for i, spec in enumerate(artifact.args)
                    if isinstance(spec.type, PointerType)]
        return Pipeline(*rt.pipelines[key], bindings, pointers, int(artifact.metadata["grid_word"]),
                        int(artifact.metadata["constant_word"]),
                        np.frombuffer(bytes.fromhex(artifact.metadata["constants"]), np.uint32))

    def reader(self, array: Any) -> Optional[Callable[[Any], Any]]:
        """Only numpy arrays, staged."""
        return STAGE if isinstance(array, np.ndarray) else None

    def stage(self, span: HostSpan) -> Any:
        """A storage buffer holding a copy of the span."""
        usage = self.rt.wgpu.BufferUsage
        return self.rt.device.create_buffer_with_data(data=_padded(span.view()[:span.nbytes]),
                                                      usage=usage.STORAGE | usage.COPY_SRC | usage.COPY_DST)

    def pointer(self, allocation: Any, offset: int, name: str) -> Any:
        """The buffer the argument is bound to, and its byte offset there (the kernel reads it from its word)."""
        return allocation, offset

    def copy_out(self, host: np.ndarray, allocation: Any) -> None:
        """Read the buffer back (after the queue's work)."""
        with self.rt.lock:
            data = np.frombuffer(self.rt.device.queue.read_buffer(allocation), np.uint8)
        host[:] = data[:host.nbytes]

    def launch(self, kernel: Pipeline, grid: tuple[int, int, int], params: Params, stream: Any) -> None:
        """Workgroups of `local_size` invocations, one per program, with the words as binding 0's buffer."""
        words = np.frombuffer(params.buffer, np.uint32)
        for i, word in kernel.pointer_words:
            words[word] = params.values[i][1]
        words[kernel.grid_word:kernel.grid_word + 3] = grid
        words[kernel.grid_word + 3:kernel.grid_word + 3 + len(NON_FINITE_BITS)] = NON_FINITE_BITS
        words[kernel.constant_word:] = kernel.constants
        wgpu, device = self.rt.wgpu, self.rt.device
        usage = wgpu.BufferUsage.STORAGE | wgpu.BufferUsage.COPY_SRC | wgpu.BufferUsage.COPY_DST
        word_buffer = device.create_buffer_with_data(data=words, usage=usage)
        entries = []
        for b, arg in kernel.bindings:
            buf = word_buffer if arg < 0 else params.values[arg][0]
            entries.append({"binding": b, "resource": {"buffer": buf, "offset": 0, "size": buf.size}})
        with self.rt.lock:
            group = device.create_bind_group(layout=kernel.layout, entries=entries)
            encoder = device.create_command_encoder()
            compute = encoder.begin_compute_pass()
            compute.set_pipeline(kernel.pipeline)
            compute.set_bind_group(0, group)
            compute.dispatch_workgroups(*grid)
            compute.end()
            device.queue.submit([encoder.finish()])
