"""Run `python -m hplint ...` and write the process's peak RSS (KiB) to $HPLINT_RSS_FILE.

Used by the reliability tests as `python tests/reliability/_measured.py check ...`: the same as
`python -m hplint check ...` (runpy), plus one number for the memory bound.
"""

from __future__ import annotations

import os
import resource
import runpy
import sys


def _peak_rss_kib() -> int:
    """This process image's peak RSS. `VmHWM` belongs to the address space, which `exec`
    replaces; `ru_maxrss` survives `fork` + `exec`, so a child of a large pytest process would
    report the parent's size instead of its own."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    sys.argv = ["hplint", *sys.argv[1:]]
    try:
        runpy.run_module("hplint", run_name="__main__", alter_sys=True)
    finally:
        target = os.environ.get("HPLINT_RSS_FILE")
        if target:
            with open(target, "w", encoding="ascii") as stream:
                stream.write(str(_peak_rss_kib()))
