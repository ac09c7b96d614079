"""Run `python -m hplint ...` and write the process's peak RSS (KiB) to $HPLINT_RSS_FILE.

Used by the reliability tests as `python tests/reliability/_measured.py check ...`: the same as
`python -m hplint check ...` (runpy), plus one number for the memory bound.
"""

from __future__ import annotations

import os
import resource
import runpy
import sys

if __name__ == "__main__":
    sys.argv = ["hplint", *sys.argv[1:]]
    try:
        runpy.run_module("hplint", run_name="__main__", alter_sys=True)
    finally:
        target = os.environ.get("HPLINT_RSS_FILE")
        if target:
            with open(target, "w", encoding="ascii") as stream:
                stream.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
