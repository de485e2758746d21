"""Launching apple:spirv artifacts on wgpu: numpy arrays copied into storage buffers (one per span they cover)
and written spans copied back; scalars, array offsets and the grid size as i32 words of binding 0."""
from __future__ import annotations

import hashlib
from typing import Any, Sequence

import numpy as np

from pantile.ir import PointerType, ScalarType
from pantile.targets.base import Artifact, Launcher
from pantile.targets.host_staging import stage_arrays

from .device import WgpuRuntime

SCALAR_DTYPES = {"i1": np.int32, "i8": np.int32, "i16": np.int32, "i32": np.int32, "u8": np.uint32,
                 "u16": np.uint32, "u32": np.uint32, "i64": np.int64, "u64": np.uint64, "f16": np.float16,
                 "f32": np.float32, "f64": np.float64}

# The f32 bits of NaN, +inf and -inf, words after the grid size (naga refuses non-finite float literals, so
# kernels read them; logical.NON_FINITE names them in this order).
NON_FINITE_BITS = (0x7FC00000, 0x7F800000, 0xFF800000)


def _padded(data: np.ndarray) -> np.ndarray:
    """Bytes padded to a multiple of 4 (and at least 4), as wgpu wants buffer sizes."""
    raw = np.frombuffer(np.ascontiguousarray(data).tobytes(), np.uint8)
    return np.concatenate([raw, np.zeros(-len(raw) % 4 or (4 if len(raw) == 0 else 0), np.uint8)])


class WgpuLauncher(Launcher):
    """Runs one artifact: workgroups of `local_size` invocations, one per program."""

    def __init__(self, rt: WgpuRuntime, artifact: Artifact) -> None:
        self.rt = rt
        self.artifact = artifact
        self.local_size = int(artifact.metadata["local_size"])
        self.bindings = artifact.metadata["bindings"]           # [binding, argument (-1: the words)]
        self.words = artifact.metadata["scalar_words"]          # {argument: first word}
        self.grid_word = int(artifact.metadata["grid_word"])
        key = hashlib.sha256(artifact.binary).hexdigest()
        if key not in rt.pipelines:
            wgpu, device = rt.wgpu, rt.device
            layout = device.create_bind_group_layout(entries=[
                {"binding": b, "visibility": wgpu.ShaderStage.COMPUTE,
                 "buffer": {"type": wgpu.BufferBindingType.storage}} for b, _ in self.bindings])
            shader = device.create_shader_module(code=artifact.binary)
            pipeline = device.create_compute_pipeline(
                layout=device.create_pipeline_layout(bind_group_layouts=[layout]),
                compute={"module": shader, "entry_point": artifact.kernel_name})
            rt.pipelines[key] = (layout, pipeline)
        self.layout, self.pipeline = rt.pipelines[key]

    def __call__(self, grid: tuple[int, int, int], args: Sequence[Any], stream: Any = None) -> None:
        specs = self.artifact.args
        if len(args) != len(specs):
            raise ValueError(f"kernel {self.artifact.kernel_name} takes {len(specs)} arguments, got {len(args)}")
        for spec, arg in zip(specs, args):
            if isinstance(spec.type, PointerType) and not isinstance(arg, np.ndarray):
                raise TypeError(f"argument '{spec.name}' of {self.artifact.kernel_name} must be a numpy array on "
                                f"apple:spirv, got {type(arg).__name__}")
        spans, placed = stage_arrays(specs, args)
        words = np.zeros(self.grid_word + 3 + len(NON_FINITE_BITS), np.uint32)
        for i, (spec, arg) in enumerate(zip(specs, args)):
            first = int(self.words[str(i)] if str(i) in self.words else self.words[i])
            if isinstance(spec.type, PointerType):
                words[first] = placed[i].offset
            else:
                value = np.array([self._scalar(spec.name, spec.type, arg)])
                raw = np.frombuffer(value.tobytes(), np.uint8)
                if len(raw) < 4:   # narrow scalars are extended to a whole word
                    raw = np.frombuffer(np.array([int(arg)] if spec.type.name != "f16" else value.view(np.uint16)
                                                 .astype(np.uint32)).astype(np.uint32).tobytes(), np.uint8)
                w = np.frombuffer(raw.tobytes(), np.uint32)
                words[first:first + len(w)] = w
        words[self.grid_word:self.grid_word + 3] = grid
        words[self.grid_word + 3:] = NON_FINITE_BITS
        wgpu, device = self.rt.wgpu, self.rt.device
        usage = wgpu.BufferUsage.STORAGE | wgpu.BufferUsage.COPY_SRC | wgpu.BufferUsage.COPY_DST
        span_buffers = [device.create_buffer_with_data(data=_padded(span.view()[:span.nbytes]), usage=usage)
                        for span in spans]
        word_buffer = device.create_buffer_with_data(data=words, usage=usage)
        entries = []
        for b, arg in self.bindings:
            buf = word_buffer if arg < 0 else span_buffers[spans.index(placed[arg].span)]
            entries.append({"binding": b, "resource": {"buffer": buf, "offset": 0, "size": buf.size}})
        with self.rt.lock:
            group = device.create_bind_group(layout=self.layout, entries=entries)
            encoder = device.create_command_encoder()
            compute = encoder.begin_compute_pass()
            compute.set_pipeline(self.pipeline)
            compute.set_bind_group(0, group)
            compute.dispatch_workgroups(*grid)
            compute.end()
            device.queue.submit([encoder.finish()])
            for span, buf in zip(spans, span_buffers):
                if span.written and span.nbytes:
                    data = np.frombuffer(device.queue.read_buffer(buf), np.uint8)
                    span.view()[:] = data[:span.nbytes]

    def _scalar(self, name: str, typ: Any, arg: Any) -> Any:
        dtype = SCALAR_DTYPES.get(typ.name) if isinstance(typ, ScalarType) else None
        if dtype is None:
            raise TypeError(f"argument '{name}' of {self.artifact.kernel_name}: scalar arguments of type {typ} "
                            f"cannot be passed to apple:spirv; pass a pointer to it instead")
        return dtype(arg)
