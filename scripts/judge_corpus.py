"""Contact sheets for judging the corpus (issue 20, item 8): for each script, one sheet with every
scene's finished picture beside its narration and `anim`, and a count file to fill in.

    PYTHONPATH=$PWD .venv/bin/python scripts/judge_corpus.py [--side tune|heldout|all] [--out DIR]
                                                             [--only NAME ...] [--seeds]

Sheets go to test-artifacts/corpus/{tune,heldout}/NAME.png; `counts.json` beside them is a template
with one entry per scene ("shows_subject", "other_subject", "cut_phrase": null until a judge fills
them in). `--seeds` draws the six fixture scripts too (test-artifacts/corpus/seeds/), to compare
them before and after a change. Pictures are drawn by the same code as the storyboard: the
scene's own visual, else the one derived from its words.

Tune only on the tune half; the heldout half is judged once, at the end, by someone who has not
read the derivation rules (tests/corpus/README.md).
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SEEDS = ROOT / "tests" / "fixtures" / "seed-scripts"
W, H = 640, 360
TEXT_W = 760
# held-out sets kept in a folder of their own
FOLDERS = ("fresh", "unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6", "unseen7", "unseen8", "unseen9",
           "unseen10", "unseen11", "unseen12", "unseen13", "unseen14", "unseen15", "unseen16",
           "unseen17", "unseen18", "unseen19", "unseen20", "unseen21", "unseen22", "unseen23", "unseen24", "unseen25",
           "unseen26", "unseen27", "unseen28", "unseen29", "unseen30")


def _font(size: int):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def scene_pictures(script, home: Path) -> list:  # type: ignore[no-untyped-def]
    """Every scene's final picture at W x H, drawn as the storyboard draws it."""
    from vidgen.draw.pictures import SceneTiming, scene_picture
    from vidgen.draw.theme import Theme
    from vidgen.render.timing import estimated_plan
    from vidgen.script.sentences import sentences_or_text as sentences_of

    scenes = script.ordered_scenes()
    theme = Theme.for_script(script.title, W, H)
    out = []
    for i, scene in enumerate(scenes):
        p = estimated_plan(i, scene.seq, sentences_of(scene.text), 25, scene.duration_sec)
        timing = SceneTiming([(s.text, s.start, s.duration) for s in p.sentences], p.frames, 25)
        out.append(scene_picture(scene, i, len(scenes), script.title, theme, timing, None, home).final())
    return out


def sheet(script, pictures: list, why: list[str]):  # type: ignore[no-untyped-def]
    """One row per scene: its picture, then its number, narration, anim and on-screen lines."""
    from PIL import Image, ImageDraw

    body, small, head = _font(15), _font(13), _font(22)
    rows = []
    for n, (scene, pic) in enumerate(zip(script.ordered_scenes(), pictures, strict=True)):
        row = Image.new("RGB", (W + TEXT_W + 36, H + 24), (250, 250, 247))
        row.paste(pic, (12, 12))
        d = ImageDraw.Draw(row)
        y = 12
        parts = [(f"Scene {n + 1} ({scene.effective_layout})", head, (20, 20, 20), 60),
                 ("NARRATION: " + scene.text, body, (30, 30, 30), 92)]
        if scene.anim:
            parts.append(("ANIM: " + scene.anim, small, (90, 70, 40), 104))
        if scene.on_screen_lines():
            parts.append(("ON SCREEN: " + " | ".join(scene.on_screen_lines()), small, (40, 70, 110), 104))
        if why and why[n]:
            parts.append(("CHOSEN: " + why[n], small, (110, 110, 110), 104))
        for text, font, colour, width in parts:
            for line in textwrap.wrap(text, width):
                if y > H:
                    break
                d.text((W + 24, y), line, font=font, fill=colour)
                y += font.size + 4
            y += 6
        rows.append(row)
    title_h = 44
    out = Image.new("RGB", (rows[0].width, title_h + sum(r.height for r in rows)), (220, 220, 214))
    ImageDraw.Draw(out).text((12, 10), script.title, font=_font(24), fill=(0, 0, 0))
    y = title_h
    for r in rows:
        out.paste(r, (0, y))
        y += r.height
    return out


def _why(script) -> list[str]:  # type: ignore[no-untyped-def]
    """What the derivation says about each scene's choice (empty when it cannot say)."""
    try:
        from vidgen.author.describe import why_lines
    except ImportError:
        return []
    scenes = script.ordered_scenes()
    return ["; ".join(why_lines(s, i, len(scenes), script.title)) for i, s in enumerate(scenes)]


def write_template(split: dict, side: str, target: Path) -> int:
    """A count file for a judge to fill in, one entry per scene, from the split's scene counts (nothing drawn)."""
    sides = ("tune", "heldout") if side == "all" else (side,)
    files = {Path(rel).stem: [{"scene": n + 1, "shows_subject": None, "other_subject": None, "cut_phrase": None}
                              for n in range(split["scripts"][rel]["scenes"])]
             for s in sides for rel in split[s]["scripts"]}
    totals = {"scenes": sum(len(v) for v in files.values()), "shows_subject": None, "other_subject": None,
              "cut_phrase": None}
    target.write_text(json.dumps({"side": side, "judge": None, "date": None,
                                  "how": "from the contact sheets only: for each scene, does the picture show what "
                                         "the scene says (shows_subject), show another subject (other_subject), "
                                         "or put a cut piece of a sentence on screen (cut_phrase)?",
                                  "totals": totals, "files": files}, indent=1, ensure_ascii=False) + "\n")
    print(f"{target}: {totals['scenes']} scenes", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    import tempfile

    from vidgen.script.model import parse_script

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--side", choices=("tune", "heldout", "all", *FOLDERS), default="tune",
                    help="fresh: tests/corpus/fresh/, a second held-out set written after the first judging; "
                         "unseen, unseen2 ... unseen17: tests/corpus/unseen*/, written after the rules were "
                         "fixed, each judged once")
    ap.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "corpus")
    ap.add_argument("--only", nargs="*", default=[], help="file names (without .json) to draw")
    ap.add_argument("--seeds", action="store_true", help="also draw the six fixture scripts")
    ap.add_argument("--template", type=Path, help="only write a count template for --side (no drawing) to this file")
    args = ap.parse_args(argv)
    split = json.loads((CORPUS / "split.json").read_text())
    if args.template and args.side not in FOLDERS:
        return write_template(split, args.side, args.template)
    jobs: list[tuple[str, Path]] = []
    if args.side in FOLDERS:
        jobs = [(args.side, p) for p in sorted((CORPUS / args.side).glob("*.json"))]
    for side in ("tune", "heldout") if args.side == "all" else (args.side,) if args.side not in FOLDERS else ():
        jobs += [(side, CORPUS / rel) for rel in split[side]["scripts"]]
    if args.seeds:
        jobs += [("seeds", p) for p in sorted(SEEDS.glob("*.json"))]
    if args.only:
        jobs = [(s, p) for s, p in jobs if p.stem in args.only]
    home = Path(tempfile.mkdtemp(prefix="vidgen-judge-"))
    counts: dict[str, dict[str, list]] = {}
    for side, path in jobs:
        script = parse_script(json.loads(path.read_text()))
        pictures = scene_pictures(script, home)
        folder = args.out / side
        folder.mkdir(parents=True, exist_ok=True)
        blind = side in ("heldout", *FOLDERS)  # a judge sees the pictures, never the derivation's reasons
        sheet(script, pictures, [] if blind else _why(script)).save(folder / f"{path.stem}.png")
        counts.setdefault(side, {})[path.stem] = [
            {"scene": n + 1, "shows_subject": None, "other_subject": None, "cut_phrase": None}
            for n in range(len(pictures))]
        print(f"{side}/{path.stem}.png  {len(pictures)} scenes", file=sys.stderr)
    for side, by_file in counts.items():
        target = args.out / side / "counts.json"
        if not target.exists():  # a judge's filled-in counts are never overwritten
            target.write_text(json.dumps({"how": "per scene: true/false for each question, from the sheet only",
                                          "files": by_file}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
