"""The CUDA target's devices for work spread over a host's GPUs (conformance --gpus all)."""
import pytest

from pantile.targets.registry import get_target


def test_a_worker_sees_one_gpu_by_its_number(monkeypatch):
    monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    assert get_target("cuda:sm_90a").device_environment(3) == {"CUDA_VISIBLE_DEVICES": "3"}


def test_a_worker_keeps_the_gpus_this_process_was_given(monkeypatch):
    # GPU 1 of a process started with CUDA_VISIBLE_DEVICES=4,6 is the host's GPU 6
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "4, 6")
    assert get_target("cuda:sm_90a").device_environment(1) == {"CUDA_VISIBLE_DEVICES": "6"}


def test_devices_are_named_where_the_driver_runs_and_empty_elsewhere():
    target = get_target("cuda:sm_90a")
    if target.unavailable() is not None:
        assert target.devices() == []
    else:
        names = target.devices()
        assert names and all(isinstance(n, str) and n for n in names)
