"""pantile-node: make this machine a node of a conformance fleet (a Ray cluster), offering the targets it can run.

    pantile-node --head                       # the first machine: starts the cluster (Ray's head) on port 6379
    pantile-node --address HEAD_HOST:6379     # every other machine joins it
    python -m pantile.conformance --targets cpu,cuda:sm_90a --ray auto   # then, on the head: one matrix

It runs `ray start` with the Ray custom resources of fleet/offers.py: the targets this machine executes (its
registry and devices say which) and those it validates offline. `ray stop` takes the node out again.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from typing import Optional, Sequence

from .fleet.dispatch import ray_module
from .fleet.offers import installed_archs, node_gpus, node_offers
from .where import NODE_VARIABLE, node_name


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    """The command line's options."""
    parser = argparse.ArgumentParser(prog="pantile-node", description="Start a Ray node offering this machine's "
                                     "pantile targets to conformance runs (python -m pantile.conformance --ray).")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--head", action="store_true", help="start a new cluster here (its head node)")
    where.add_argument("--address", help="join the cluster whose head is at HOST:PORT")
    parser.add_argument("--port", type=int, default=6379, help="the head's port (with --head; default 6379)")
    parser.add_argument("--slots", type=int, default=os.cpu_count() or 1,
                        help="cases run at once per target without devices (default: the CPU count)")
    parser.add_argument("--targets", default=None,
                        help=f"comma-separated archs to offer (default: every installed one: "
                             f"{', '.join(installed_archs())})")
    parser.add_argument("--validate-only", action="store_true",
                        help="offer the validated tier only, even for targets that execute here")
    parser.add_argument("--name", default=None, help="this node's name in reports (default: the host name)")
    parser.add_argument("--block", action="store_true", help="stay in the foreground until the node stops")
    parser.add_argument("--dry-run", action="store_true", help="print the ray start command and exit")
    return parser.parse_args(argv)


def ray_start_command(args: argparse.Namespace, offers: dict[str, float], gpus: int) -> list[str]:
    """The `ray start` command line for the options, the resources offered and the GPUs."""
    command = [sys.executable, "-m", "ray.scripts.scripts", "start", f"--resources={json.dumps(offers)}"]
    command += [f"--num-gpus={gpus}"] if gpus else []
    command += [f"--port={args.port}"] if args.head else [f"--address={args.address}"]
    command += ["--head"] if args.head else []
    return command + (["--block"] if args.block else [])


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Start the node (this process becomes `ray start`); 0 after --dry-run, 2 on bad arguments."""
    args = parse_args(argv)
    archs = [a.strip() for a in args.targets.split(",") if a.strip()] if args.targets else None
    try:
        offers = node_offers(args.slots, archs, execute=not args.validate_only)
        gpus = node_gpus(archs, execute=not args.validate_only)
    except ValueError as err:
        print(f"pantile-node: error: {err}", file=sys.stderr)
        return 2
    name = args.name or node_name()
    command = ray_start_command(args, offers, gpus)
    print(f"node {name} offers: {', '.join(f'{k}={v:g}' for k, v in offers.items()) or 'nothing'}")
    print(f"{NODE_VARIABLE}={shlex.quote(name)} {shlex.join(command)}")
    if args.dry_run:
        return 0
    try:
        ray_module()
    except ValueError as err:
        print(f"pantile-node: error: {err}", file=sys.stderr)
        return 2
    if not offers:
        print("pantile-node: error: this machine can neither execute nor validate any target named; "
              "`pantile targets` says what each needs", file=sys.stderr)
        return 2
    # this process becomes `ray start`, so that a signal to it (ending a --block node) reaches Ray itself
    os.execve(sys.executable, command, {**os.environ, NODE_VARIABLE: name})


if __name__ == "__main__":
    sys.exit(main())
