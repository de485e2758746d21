"""The shared memory of the tensor-descriptor matmul on cuda:sm_90a, offline, with exact numbers: its pipelining
buffers (num_stages + 1 slots of A and of B, each 1024-byte aligned) and the 1 KB buffer of the TMA copies'
mbarriers (8 bytes a slot, 1024-byte aligned) are what the artifact's shared memory says and what a launch gives the
kernel as dynamic shared memory; and pipelining counts those barriers against the device's shared memory: a
config whose buffers fit without them but not with them is pipelined one stage less deep."""
from dataclasses import replace

import pytest

from descriptor_matmul import descriptor_specialization
from pantile.examples.matmul import descriptor_matmul_kernel
from pantile.runtime.cache import DiskCache
from pantile.runtime.compiler import compile_artifact
from pantile.targets.base import CompileOptions
from pantile.targets.cuda import launcher as cuda_launcher
from pantile.targets.registry import get_target

from test_tma_launch import device  # noqa: F401  (the stand-in driver fixture)

# f16 128x256x64 at 8 warps and 3 stages: A's [128, 64] and B's [64, 256] tiles in 4 slots, then the 4 barriers
A_SLOT, B_SLOT, BARRIERS = 128 * 64 * 2, 64 * 256 * 2, 1024
THREE_STAGES = 4 * (A_SLOT + B_SLOT) + BARRIERS          # 197632
TWO_STAGES = 3 * (A_SLOT + B_SLOT) + BARRIERS            # 148480


def _artifact(tmp_path, shared_memory_bytes=None):
    """The matmul compiled afresh (a cache of its own) for sm_90a, the device's shared memory as given."""
    target = get_target("cuda:sm_90a")
    if shared_memory_bytes is not None:
        target.capabilities = replace(target.capabilities, shared_memory_bytes=shared_memory_bytes)
    return compile_artifact(descriptor_matmul_kernel, descriptor_specialization("fp16", 128, 256, 64), target,
                            CompileOptions(num_warps=8, num_stages=3), cache=DiskCache(tmp_path))


def _slots(artifact) -> int:
    return artifact.asm["ptx"].count("mbarrier.init.shared::cta.b64")


@pytest.fixture
def sm90(monkeypatch):
    """cuda:sm_90a's target, its capability record restored after the test."""
    target = get_target("cuda:sm_90a")
    monkeypatch.setattr(target, "capabilities", target.capabilities)
    return target


def test_the_barriers_are_in_the_shared_memory_a_launch_gives_the_kernel(device, tmp_path, sm90) -> None:
    artifact = _artifact(tmp_path)
    assert _slots(artifact) == 4
    assert artifact.shared_memory == THREE_STAGES == 197632 and artifact.metadata["dynamic_shared"]
    kernel = cuda_launcher.launcher_for(artifact).kernel
    assert kernel.shared == THREE_STAGES


@pytest.mark.parametrize("budget,slots,shared", [(THREE_STAGES, 4, THREE_STAGES), (THREE_STAGES - 1, 3, TWO_STAGES),
                                                 (THREE_STAGES - BARRIERS, 3, TWO_STAGES)])
def test_a_config_that_fits_only_without_the_barriers_is_pipelined_a_stage_less(tmp_path, sm90, budget, slots,
                                                                                shared) -> None:
    """A device of `budget` bytes a program: 3 stages take 197632 bytes with the barriers, 196608 without."""
    artifact = _artifact(tmp_path, budget)
    assert (_slots(artifact), artifact.shared_memory) == (slots, shared)
