#!/usr/bin/env python3
"""Notes -> script figures, printed (never asserted in tests).

For each size, a notes document made of the test fixtures repeated under numbered headings:
the time to check it (`check_source_text`, which parses it) and to write the three variations
a `vidgen script --from` writes, plus the scenes and visuals they hold. The parse is cached,
so the variations after the first reuse it, as they do in the service.

Usage: python scripts/bench_notes.py [--sizes 5000,100000,1000000]
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def document(size: int) -> str:
    """Fixture notes, their headings numbered, repeated up to about `size` bytes."""
    parts = [p.read_text() for p in sorted((ROOT / "tests" / "fixtures" / "notes").glob("*.md"))]
    out, n = ["# A long set of notes\n"], 0
    while sum(len(x.encode()) for x in out) < size:
        body = parts[n % len(parts)].replace("# ", f"# Part {n} ", 1).replace("## ", f"## {n}. ")
        out.append(body.replace("\n# ", "\n## "))
        n += 1
    text = "\n".join(out)
    return text.encode()[:size].decode(errors="ignore")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="5000,100000,999000")
    args = ap.parse_args()
    from vidgen.script.model import parse_script
    from vidgen.writers.notes import check_source_text, script_from_notes
    from vidgen.writers.notes_parts import parse_notes

    print(f"{'bytes':>9} {'check ms':>9} {'3 variations ms':>16} {'scenes':>14} {'visuals':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        doc = document(size)
        parse_notes.cache_clear()
        t0 = time.perf_counter()
        text = check_source_text(doc)
        t1 = time.perf_counter()
        scripts = [script_from_notes(None, text, style) for style in range(3)]
        t2 = time.perf_counter()
        for s in scripts:
            s.pop("_note")
            parse_script(s)
        scenes = "/".join(str(len(s["scenes"])) for s in scripts)
        visuals = sum(1 for s in scripts for sc in s["scenes"] if "visual" in sc)
        print(f"{len(doc.encode()):>9} {1000 * (t1 - t0):>9.0f} {1000 * (t2 - t1):>16.0f} {scenes:>14} {visuals:>8}")


if __name__ == "__main__":
    main()
