#!/usr/bin/env python3
"""Every on-screen label the engine derives from a script's words, and the ones a reader would see as a cut
piece of a sentence (issue 20, item 3). Printed, not asserted: the measure for tuning the phrase rules.

A label is flagged when it
  - ends on a function word (an article, preposition, determiner, auxiliary, pronoun that needs what follows);
  - starts in the middle of a clause (on "and", "which", "because", ... with no main clause after it);
  - is the opening of a narration sentence cut at a word count: the sentence goes on with no break
    (no punctuation, no new constituent) right after the label's last word;
  - is a formula the words go on writing ("C = 2" where the narration says "C = 2πr");
  - breaks off in an ellipsis or leaves a bracket open.
Labels the author gave as they are (on-screen lines, labels quoted in the `anim` note, the script's title)
are listed as "given" and not judged: they are the author's words.

    PYTHONPATH=$PWD .venv/bin/python scripts/phrase_audit.py [--side tune|heldout|all|fresh|seeds] [--flagged]
        [NAME ...]

Tune only on the tune half (tests/corpus/split.json); the heldout half is judged once, at the end.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "corpus"

_WORD = re.compile(r"[\w'’]+")
_MID = {"and", "or", "but", "nor", "which", "whose", "whom", "because", "although", "though", "whereas",
        "unless", "until", "while", "since", "so", "then", "than"}
_AUX = {"is", "are", "was", "were", "has", "have", "had", "can", "will", "would", "may", "might", "must", "should",
        "does", "do", "did", "could"}
_DETERMINER = {"the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "our", "your", "my",
               "some", "any", "each", "every", "no", "that"}


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("’", "'")))


def _math_text(label: str) -> str:
    """A math label as its words would write it: '$C = 2$' -> 'C = 2'."""
    s = label.strip("$")
    s = re.sub(r"\\(?:frac)\{([^}]*)\}\{([^}]*)\}", r"\1/\2", s)
    s = re.sub(r"_\{?(\w+)\}?", r"\1", s)
    s = re.sub(r"\\(?:cdot|times)", "*", s)
    s = re.sub(r"\\[a-zA-Z]+", "", s).replace("{", "").replace("}", "")
    return " ".join(s.split())


def flags(label: str, kind: str, sentences: list[str], text: str) -> list[str]:
    from vidgen.author.complete import BOUNDARY, DANGLING, whole_ending
    from vidgen.service.viewer import cut_phrase

    out = []
    if kind == "equation" or label.strip().startswith("$"):
        m = _math_text(label)
        chars = [c for c in m if not c.isspace()]
        if not chars:
            return out
        if re.match(r"[=+×*/^·]", m):
            out.append(f"formula starts in the middle ('{m}')")
        # the formula as the words write it, spaces anywhere; what follows it there: more of the formula (an
        # operator, a number, a lone letter) means the label stopped inside it; a word or a stop is its end
        pattern = re.compile(r"\s*".join(re.escape(c) for c in chars) + r"(?P<rest>\s*\S{0,6})")
        for hit in pattern.finditer(text):
            if re.search(r"[+\-−×*/^=·(]\s*$", text[:hit.start()]):
                before = text[max(0, hit.start() - 6):hit.start()]
                out.append(f"formula cut: the words write more before it ('…{before}{m}')")
                break
            rest = hit["rest"].strip()
            if rest and re.match(r"[+\-−×*/^=·√(π²³0-9]|[A-Za-z](?![A-Za-z])", rest):
                out.append(f"formula cut: the words go on '{m} {rest}…'")
                break
        return out
    why = cut_phrase(label)
    if why:
        out.append(why)
    words = _WORD.findall(label.lower().replace("’", "'"))
    if not words:
        return out
    last = label.split()[-1].strip(".,;:!?\"'”’)") if label.split() else ""
    # ('far more', 'a million or more': a comparison that ends where its meaning does)
    compared = words[-1] in ("more", "less") and len(words) > 1 and \
        words[-2] in ("far", "much", "even", "once", "no", "or")
    if len(words) > 1 and words[-1] in DANGLING and not last[:1].isupper() and not why and not compared \
            and not whole_ending(words):
        out.append(f'ends on "{words[-1]}"')
    if kind == "title" and re.match(r"^(?:the|a|an|one|this|that|another)\s+(?:\w+\s+)?(?:news|point|thing|key|"
                                    r"trick|catch|answer|result|idea|moment|reason|problem|question|example|"
                                    r"secret|lesson|takeaway|upshot|twist|solution)$", label.strip(), re.I):
        out.append("says nothing alone: it points at what the sentence goes on to say")
    if words[0] in _MID and len(words) > 1:
        out.append(f'starts mid-clause ("{words[0]} …")')
    if kind != "equation" and re.match(r"\s*[=+×*/^·]", label):
        out.append("starts in the middle of a formula")
    # half a range: 'rated from Category 1' where the words go on 'to 5'
    flat = " ".join(text.split())
    at = flat.lower().find(label.lower())
    after = flat[at + len(label):at + len(label) + 40].lower() if at >= 0 else ""
    if (re.search(r"\bfrom\b(?!.*\bto\b)", label, re.I) and re.match(r"\s*(?:to|through|until)\b", after)) or \
            (re.search(r"\bbetween\b(?!.*\band\b)", label, re.I) and re.match(r"\s*and\b", after)):
        out.append(f"half a range (the words go on '{after.split(',')[0].strip()} …')")
    # the last items of a list: 'India and China' where the words say 'Babylon, Egypt, India and China'
    if at > 0 and re.search(r"\w+,\s*\w+,\s*$", flat[:at]):
        out.append("the last items of a list, without the list")
    # a list cut after its first item: 'Notes C' where the words say 'notes C, D, E, F'
    if at >= 0 and len(words[-1]) <= 3 and re.match(r",\s*\w{1,3},\s*\w", flat[at + len(label):]):
        out.append("a list cut after its first item")
    out += _torn(label, words, sentences)
    # the opening of a sentence, cut at a word count: the sentence runs on with no break after the label
    n = _norm(label)
    for s in sentences:
        ws = _WORD.findall(s)
        ns = _norm(s)
        if n and ns.startswith(n + " ") and len(n.split()) >= 2:
            k = len(n.split())
            if k < len(ws):
                raw_before = s.split()[k - 1] if k - 1 < len(s.split()) else ""
                nxt = ws[k].lower()
                # stopped before the noun phrase its verb needs ('It says that the | square ...'): a subject
                # before its verb ('The demand curve | shows') is a whole noun phrase, and a phrase before a
                # preposition or conjunction ends where a new constituent starts
                if not raw_before.endswith((",", ";", ":", "—", "–")) and nxt not in BOUNDARY \
                        and (nxt in _DETERMINER or nxt[:1].isdigit()):
                    out.append(f"sentence cut at a word count (it goes on '{ws[k]} …')")
                # a leading phrase and a subject, cut from the verb ('With 70 people, the chance | is ...')
                tail = re.split(r",(?!\d)", label)[-1].split()
                verbish = nxt in _AUX or (nxt.endswith("s") and not nxt.endswith("ss"))
                if re.search(r",(?!\d)", label) and (len(tail) <= 2 or (len(tail) <= 4 and verbish)) \
                        and not raw_before.endswith((",", ";", ":")):
                    out.append(f"a leading phrase and a subject cut from its verb (it goes on '{ws[k]} …')")
                # an opening phrase without the clause it leads ('In a room of just 23 people' , the chance ...)
                if raw_before.endswith(",") and words[0] in BOUNDARY | {"with", "without", "in", "on", "at"}:
                    out.append("the phrase before a clause, without the clause")
            break
    return out


_VERB = _AUX | {"be", "been", "lies", "lie", "sounds", "sound", "turn", "turns", "divides", "divide", "reads",
                 "read", "travels", "affects", "aims", "land", "lands", "come", "comes", "fixes", "mix", "push", "take",
                 "makes", "make", "gives", "give", "says", "shows", "means", "goes", "go", "gets", "get", "put",
                 "predict", "show", "score", "depends", "depend", "happened", "built", "finished", "found", "showed"}
_QUANTIFIER = {"every", "each", "neither", "either", "both", "all", "most", "some", "none", "any"}
_SUBORDINATOR = {"depending", "according", "working", "suppose", "imagine", "whenever", "wherever", "because",
                 "although", "though", "if", "when", "while", "since", "unless", "as", "after", "before", "once"}


def _verbish(word: str, prev: str) -> bool:
    """A word that reads as a finite verb here (no tagger: the auxiliaries, common verbs, and '-s'/'-ed' words
    that do not follow a determiner or preposition)."""
    if word in _VERB:
        return True
    return bool(re.fullmatch(r"[a-z]{3,}(?:ed|es|s)", word)) and not word.endswith(("ss", "us", "is", "ous")) \
        and prev not in _DETERMINER | BOUNDARY_WORDS | _COUNT and not prev.isdigit()


_COUNT = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "many", "several", "few", "both"}
BOUNDARY_WORDS = {"of", "in", "on", "at", "by", "for", "with", "from", "into", "to", "about", "than", "as"}


def _torn(label: str, words: list[str], sentences: list[str]) -> list[str]:  # noqa: C901
    from vidgen.author.complete import leads

    """A label torn from a sentence (issue 20, fresh judging): its first words cut off ('Step is transcription'
    from 'The first step is transcription'), a prefix that stops before its verb's complement ('Reason lies',
    'Suppose a siren sounds' at 700 hertz), a leading phrase without its clause ('Sooner or later'), a subject
    that says nothing alone ('Neither country'), a timeline mark with no subject ('1455: Was finished around')."""
    out: list[str] = []
    body = re.sub(r"^\s*\d{3,4}\s*:\s*", "", label)
    if body != label:
        first = _WORD.findall(body.lower())[:1]
        if first and (first[0] in _AUX or first[0] in _MID):
            out.append("a timeline mark whose words have no subject")
        if first and len(_WORD.findall(body)) > 1 and body.split()[-1].lower().strip(".,") in \
                BOUNDARY_WORDS | {"around", "about"}:
            out.append("a timeline mark cut before its object")
        label, words = body, _WORD.findall(body.lower().replace("’", "'"))
    n = _norm(label)
    if len(words) < 2 or not n:
        return out
    if words[0] in _QUANTIFIER and len(words) <= 4 and \
            not any(_verbish(w, p) for p, w in zip(words, words[1:], strict=False)):
        out.append("a quantifier's subject with no verb says nothing alone")
    for s in sentences:
        ws = _WORD.findall(s.lower().replace("’", "'"))
        ns = " ".join(ws)
        at = f" {ns} ".find(f" {n} ")
        if at < 0:
            continue
        k = len(ns[:at].split())
        end = k + len(n.split())
        before = ws[:k]
        opening = _DETERMINER | {"first", "second", "third", "last", "next", "one"}
        if before and not re.search(r"[,;:]", " ".join(s.split()[:k])) and all(w in opening for w in before) \
                and len(before) <= 2:
            out.append(f"its first words were cut off ('{' '.join(before)} …')")
        if end < len(ws):
            # what follows the label in the sentence as written: punctuation there is a break
            m = re.search(r"[\W_]+".join(re.escape(w) for w in _WORD.findall(label)), s, re.I)
            after = s[m.end():] if m else ""
            broken = bool(re.match(r"\s*[,;:—–(]", after))
            has_verb = any(_verbish(w, p) or p in ("they", "it", "we", "you", "he", "she", "i")
                           for p, w in zip([""] + words, words, strict=False))
            nxt = after.split()[0] if after.split() else ws[end]
            if not broken and k == 0 and has_verb and not _verbish(ws[end], words[-1]):
                out.append(f"stops before the sentence's point (it goes on '{nxt} …')")
            elif broken and k == 0 and not has_verb and (words[0] in _SUBORDINATOR or leads(label)):
                out.append("a leading phrase without the clause it leads")
        break
    return out


def labels_of(visual, derived: bool):  # type: ignore[no-untyped-def]
    from vidgen.service.viewer import WORDED

    out = []
    if visual.title:
        out.append(("title", "title", visual.title))
    for el in visual.elements:
        if el.caption:
            out.append((f"{el.id} caption", "caption", el.caption))
        for j, it in enumerate(el.items):
            at = f"{el.id}.{it.id or j}"
            if el.kind in WORDED or el.kind == "equation":
                if it.label.strip():
                    out.append((at, el.kind, it.label))
                if it.detail and el.kind not in ("compare",):
                    out.append((f"{at} detail", el.kind, it.detail))
    return out


def side_files(side: str) -> list[Path]:
    if side == "fresh":  # a second held-out set, written after the rules (tests/corpus/fresh)
        return sorted((CORPUS / "fresh").glob("*.json"))
    if side == "seeds":  # the six fixture scripts
        from scripts.judge_corpus import SEEDS
        return sorted(SEEDS.glob("*.json"))
    split = json.loads((CORPUS / "split.json").read_text())
    sides = ["tune", "heldout"] if side == "all" else [side]
    return [CORPUS / f for s in sides for f in split[s]["scripts"]]


def audit(files: list[Path]) -> list[tuple[str, str, str, str, list[str]]]:
    """(script, scene, where, label, why) of every derived label; `why` empty when it reads whole, None-like
    'given' when the author wrote it as it is."""
    from vidgen.author import phrases as ph
    from vidgen.author.describe import visual_of
    from vidgen.script.model import parse_script
    from vidgen.script.sentences import sentences_or_text

    out = []
    for path in files:
        script = parse_script(json.loads(path.read_text()))
        scenes = script.ordered_scenes()
        for i, scene in enumerate(scenes):
            visual, derived = visual_of(scene, i, len(scenes), script.title)
            if not derived:
                continue
            theirs = {_norm(x) for x in [*scene.on_screen_lines(), *ph.quoted(scene.anim or ""), script.title]}
            sentences = sentences_or_text(scene.text)
            text = f"{scene.text}\n{scene.anim or ''}"
            for where, kind, label in labels_of(visual, derived):
                if _norm(ph.plain(label)) in theirs:
                    out.append((path.stem, f"s{scene.seq}", where, label, ["given"]))
                else:
                    out.append((path.stem, f"s{scene.seq}", where, label, flags(label, kind, sentences, text)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--side", default="tune", choices=["tune", "heldout", "all", "fresh", "seeds"])
    parser.add_argument("--flagged", action="store_true", help="print only the flagged labels")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    files = side_files(args.side)
    if args.names:
        files = [f for f in files if f.stem in args.names]
    rows = audit(files)
    for name, seq, where, label, why in rows:
        mark = "given" if why == ["given"] else "CUT" if why else "ok"
        if mark == "CUT":
            print(f"  CUT      {name} {seq} {where:<12} {label!r}: {'; '.join(why)}")
        elif not args.flagged:
            print(f"  {mark:<8} {name} {seq} {where:<12} {label}")
    cut = [r for r in rows if r[4] and r[4] != ["given"]]
    given = [r for r in rows if r[4] == ["given"]]
    print(f"{args.side}: {len(files)} scripts, {len(rows)} derived labels ({len(given)} given by the author), "
          f"{len(cut)} flagged as cut, in {len({(r[0], r[1]) for r in cut})} scenes")


if __name__ == "__main__":
    main()
