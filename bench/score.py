"""`python -m bench.score GOLD OUT [--json FILE]`: the same report as `courtdoc eval`.

GOLD is a gold manifest or a folder of them (e.g. bench/work/pages), OUT a
courtdoc output folder or one manifest.json. See courtdoc.evaluate for what
each number means.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from courtdoc.evaluate import eval_main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.score", description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="gold manifest or folder of them")
    parser.add_argument("out", type=Path, help="courtdoc output folder or manifest.json")
    parser.add_argument("--json", type=Path, help="also write the full report as JSON")
    args = parser.parse_args(argv)
    report, table = eval_main(args.gold, args.out)
    print(table)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
