#!/usr/bin/env python3
"""Times commands side by side, taking turns run by run, and writes the
results in hyperfine's JSON shape (for report.py).

hyperfine runs all of one command's runs before the next command's: when the
host's speed drifts during a sitting (a shared virtual machine's does, by
10-20% within minutes), the drift lands on one side of a comparison. Taking
turns (A B, then B A, and so on) spreads it over both.

    interleave.py --runs 15 --export-json out.json \\
        --command-name previous "cmd A ..." --command-name this "cmd B ..."

Commands are split like a shell would (shlex) and run without one. A
command that exits with a status other than 0 is accepted with
--ignore-failure (a rule set with no rules finds nothing and exits 1).
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import time


def run_once(arguments):
    """Wall seconds, user and system CPU seconds, and the exit status of one run."""
    started = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    return wall, usage.ru_utime, usage.ru_stime, os.waitstatus_to_exitcode(status)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, required=True)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--export-json", required=True)
    parser.add_argument("--ignore-failure", action="store_true")
    parser.add_argument("--command-name", nargs=2, action="append", metavar=("NAME", "COMMAND"), required=True)
    arguments = parser.parse_args()

    commands = [(name, shlex.split(command)) for name, command in arguments.command_name]
    for _ in range(arguments.warmup):
        for _, command in commands:
            run_once(command)
    times = {name: [] for name, _ in commands}
    for turn in range(arguments.runs):
        order = commands if turn % 2 == 0 else list(reversed(commands))
        for name, command in order:
            wall, user, system, status = run_once(command)
            if status != 0 and not arguments.ignore_failure:
                raise SystemExit(f"interleave.py: {name} exited with status {status}")
            times[name].append((wall, user, system))
    results = []
    for name, _ in commands:
        walls = [wall for wall, _, _ in times[name]]
        results.append({
            "command": name,
            "mean": statistics.mean(walls),
            "median": statistics.median(walls),
            "min": min(walls),
            "max": max(walls),
            "user": statistics.mean(user for _, user, _ in times[name]),
            "system": statistics.mean(system for _, _, system in times[name]),
            "times": walls,
        })
    with open(arguments.export_json, "w") as file:
        json.dump({"results": results}, file, indent=2)


if __name__ == "__main__":
    main()
