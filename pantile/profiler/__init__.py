"""pantile.profiler, as triton.profiler (proton): sessions of named scopes and kernel launches, timed by the
host's wall clock and written as a tree to `<name>.hatchet`; `pantile.profiler.viewer` reads it back."""
from .scope import cpu_timed_scope, enter_scope, exit_scope, scope
from .session import DEFAULT_PROFILE_NAME, activate, deactivate, finalize, start

__all__ = ["DEFAULT_PROFILE_NAME", "activate", "cpu_timed_scope", "deactivate", "enter_scope", "exit_scope",
           "finalize", "scope", "start"]
