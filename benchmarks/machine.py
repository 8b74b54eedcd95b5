"""What the benchmarks ran on, for their results files: CPU, cores, memory, OS, Python."""

from __future__ import annotations

import platform


def describe() -> str:
    from khaldun.batch import cores

    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(
                line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            kb = int(next(line.split()[1] for line in fh if line.startswith("MemTotal")))
        mem = f", {kb / 1024**2:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass
    return (f"{cpu}, {cores()} cores{mem}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")  # fmt: skip
