"""A long fuzz run of the engine and `--fix` (the CI suite runs the same properties briefly).

    python scripts/fuzz.py --examples 40000

Generates YAML/JSON documents from random trees and mutated real configs (examples/ and the
shared corpus), plus random bytes, and checks on each: the engine never raises nor reports an
internal error, every span lies inside the text, and safe fixes keep the file parseable and are
idempotent (`tests/reliability/test_fuzz.py::check_document`). Prints how many inputs ran clean.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "server")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20_000, help="generated documents")
    parser.add_argument("--bytes-examples", type=int, default=None, help="random byte strings")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()

    from hypothesis import HealthCheck, given, seed, settings
    from hypothesis import strategies as st
    from tests.reliability.helpers import assert_spans_inside
    from tests.reliability.test_fuzz import check_document, documents

    from hplint.document.loader import decode
    from hplint.engine import lint

    counts = {"documents": 0, "tuning": 0, "bytes": 0}
    common = {"deadline": None, "database": None, "suppress_health_check": list(HealthCheck)}

    @settings(max_examples=args.examples, **common)  # type: ignore[arg-type]
    @given(documents())
    def fuzz_documents(case: tuple[str, str]) -> None:
        check_document(*case)
        counts["documents"] += 1
        counts["tuning"] += lint(case[0], path=case[1]).is_tuning_config

    @settings(max_examples=args.bytes_examples or args.examples // 4, **common)  # type: ignore[arg-type]
    @given(st.binary(max_size=2000))
    def fuzz_bytes(data: bytes) -> None:
        text, _ = decode(data)
        for path in ("b.yaml", "b.json"):
            result = lint(text, path=path)
            assert not result.internal_errors, result.internal_errors
            assert_spans_inside(result)
        counts["bytes"] += 1

    started = time.monotonic()
    for test in (fuzz_documents, fuzz_bytes):
        run = seed(args.seed)(test) if args.seed is not None else test
        run()
    elapsed = time.monotonic() - started
    print(
        f"clean: {counts['documents']} documents ({counts['tuning']} detected as tuning configs) "
        f"and {counts['bytes']} byte strings in {elapsed:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
