"""The fuzz tests run once per target, chosen as the execution tests choose them (PANTILE_TEST_TARGETS)."""
from targets_under_test import exec_target, on_exec_target, pytest_generate_tests, requires  # noqa: F401
