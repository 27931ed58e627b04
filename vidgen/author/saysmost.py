"""The sentence that says a scene's point, beside the lines the key-point picture has.

The point often sits in a scene's longest sentence, and a short opener beside it is only its set-up or its teaser
('Cloud seeding began almost by accident' beside Schaefer's dry ice dropped into a supercooled cloud). A line holds
a sentence of up to 32 words (195 characters) at every aspect, so the sentence that says most is shown whole.
"""

from __future__ import annotations

import re

from vidgen.author import phrases as ph
from vidgen.author.antecedent import VERBISH
from vidgen.author.complete import NEGATION, is_cut, unmarked, without_asides
from vidgen.author.draft import Ctx, Draft
from vidgen.author.pointing import REPORTED, SET_UP, answers, informative_order, informative_sentence, leans
from vidgen.author.teasers import FORWARD

_HALF = re.compile(r"(?:and|or|but|nor|which|because|although|though|whereas|unless|until|while|since|so|then)\b",
                   re.I)
Line = tuple[str, str | None, int]   # a line's label, its detail, and the index of the sentence it shows


def condensed(sentence: str) -> str:
    """A sentence too long for a line (over 32 words or 195 characters) without its trailing participle phrase
    (', waving coloured flags at pilots'), a description set beside a noun (', a cushion of fibers ... thick, and'),
    or its asides, when that is short enough and reads whole; else the sentence as it is."""
    if len(sentence.split()) <= 32 and len(sentence) <= 195:
        return sentence
    short = without_asides(sentence)
    short = re.sub(r",\s+(?:a|an)\s+[^,;:()]{3,60}?,\s+(?=(?:and|but|so|while)\b)", ", ", short)
    # (and who someone was, 'Eduardo Álvarez, trained in Juan Vucetich's new system, used ...')
    short = re.sub(r"(?<=[a-zà-ÿ]),\s+(?:trained|born|known|based|educated|raised)\s+(?:in|at|as|by|from)\b[^,;:]*,\s+"
                   r"(?=[a-z]+(?:ed|s)?\b)", " ", short)
    short = re.sub(r",\s+(?!(?:and|but|or|so|nor|yet|bring|thing|spring|string|king|ceiling|morning|evening)\b)"
                   r"[a-z]+ing\b[^,;:]*(?=[.!?]?\s*$)", "", short).rstrip()
    # (and an afterthought with no verb of its own, ', and even earlier when down by two')
    tail = re.search(r",\s+and\s+(?:even|also|especially|often|sometimes|usually)\s+[^,;:]*?(?=[.!?]?\s*$)", short)
    if tail and not _says(tail.group()[5:]):
        short = short[:tail.start()]
    # (still too long: its first clause, when a second joins on with 'and it ...', 'and then ...')
    first = re.split(r",\s+and\s+(?=(?:it|they|this|that|then|so|he|she|the|in|by|around)\b)", short, maxsplit=1)[0]
    if len(short.split()) > 32 and first != short and len(first.split()) >= 8:
        short = first.rstrip(" ,")
    short = short if short.endswith((".", "!", "?")) else short + "."
    # (and never without a denial the sentence makes: shorter, it would say the opposite)
    fits = len(short.split()) <= 32 and len(short) <= 195 and not is_cut(short.rstrip(" .")) and \
        (not NEGATION.search(sentence) or len(NEGATION.findall(short)) == len(NEGATION.findall(sentence)))
    return short if fits else sentence


# where a long sentence parts into two that read whole: a semicolon, a colon, a dash, or ', and' before a new subject
_PARTS = re.compile(r"\s*(?:;|:(?!\d)|\s[—–]\s|—)\s*|,\s+(?=(?:and|while|because|so)\s+(?:it|they|he|she|the|a|an|"
                    r"its|their|his|her|those|these|(?:in|around|by|after|before|on|at)\s+\d+|[A-Z])\b)")


_OBJECT = frozenset(["a", "an", "the", "his", "her", "its", "their", "every", "each", "all", "some", "no", "this",
                     "these", "those", "up", "out", "into"])


def _says(part: str) -> bool:
    """Whether a part says something of its own: a verb in its first 14 words that is not a relative clause's ('A
    quarter inch of scruff that didn't look like ...' names a thing and says nothing of it)."""
    words = re.findall(r"[\w'’-]+", part)[:14]
    # (or a verb in -s before what it acts on: 'a shamisen player provides the music', not 'crystals of iron')
    acts = [len(w) > 3 and w.endswith("s") and not w.endswith("ss") and k + 1 < len(words) and
            words[k + 1].lower() in _OBJECT for k, w in enumerate(words)]
    verb = [bool(VERBISH.fullmatch(w)) or w.endswith(("n't", "n’t")) or acts[k] for k, w in enumerate(words)]
    return any(v and (k == 0 or words[k - 1].lower() not in ("that", "which", "who", "whose"))
               for k, v in enumerate(verb))


def in_two(sentence: str) -> list[str]:
    """A sentence too long for one line as two lines that each read whole, parted where it parts itself (';', ':',
    ' — ', ', and they ...'), the parts as even as can be; [] when no such place leaves two of 6 to 32 words."""
    text = unmarked(sentence).strip().rstrip(" .!")
    best: tuple[int, str, str] | None = None
    for m in _PARTS.finditer(text):
        a, b = text[:m.start()].strip(" ,"), re.sub(r"^(?:and|while|because|so)\s+", "", text[m.end():].strip(" ,"))
        # (not the last item of a list, '... high capital cost, planned subsidence ..., and the need for ...')
        if m.group().startswith(",") and a.count(",") >= 2 and re.match(r"and\s+(?:the|a|an)\b", text[m.end():]):
            continue
        # (both halves whole, and each keeps what it denies: the two together say what the sentence says)
        # (not a lead-in before a colon, 'First, a quick reminder of how they form:', which only heads the rest)
        if all(6 <= len(x.split()) <= 32 and len(x) <= 195 and not is_cut(x) for x in (a, b)) and _says(b) and not (
                m.group().strip() == ":" and len(a.split()) < 9) and (
                best is None or abs(len(a.split()) - len(b.split())) < best[0]):
            best = (abs(len(a.split()) - len(b.split())), a, b)
    return [ph.cap(best[1]), ph.cap(best[2])] if best else []


def with_the_point(ctx: Ctx, draft: Draft, lines: list[Line], leaning: list[Line], spoken: bool) -> list[Line]:
    """`lines` with the scene's most informative sentence among them, when they leave it out. `leaning`: lines left
    out for leaning on a sentence not shown (one is shown again right after the sentence it leans on); `spoken`:
    the lines are the scene's own sentences, not the note's labels or the author's lines."""
    # (a sentence too long for a line, shown without what it only adds: 'Gravity does almost all of the work' needs
    # no ', folding thousands of tons of steel ... in roughly ten seconds')
    said = [condensed(x) for x in ctx.sentences]
    if not draft.elements and len(lines) <= 1 and not (lines and lines[0][1]) and len(said) > 1:
        # nothing short enough to list, or one line alone ('Redshift', 'Either way, now you know how it works'):
        # the scene's most informative complete sentence beside it, as it is said
        # (up to a line's room, 32 words: the point is often the longest sentence, and a short opener beside it
        # is often only its teaser; not one a line already shows, even a clause of it)
        # (the author's own lines are kept as they chose them: beside them, as before, a sentence of 24 words)
        shown, room = (set(), 24) if ctx.listed else ({s for *_, s in lines}, 32)
        # a heading ('Round two: rough ground') says least: it is the scene's headline, over what says most
        heads = [k for k, s in enumerate(said) if k not in shown and ":" in s and len(s.split()) <= 7]
        best = informative_sentence(["" if ph.is_greeting(s) or len(s) > 195 or k in shown or k in heads[:1] else s
                                     for k, s in enumerate(said)], room)
        if best is None or heads or leans(said[best], True) and not any(best - s == 1 for *_, s in lines):
            # ('It is like watching the planet breathe' alone): a longer sentence that stands alone says more
            standing = informative_order(["" if ph.is_greeting(x) or leans(x) or len(ph.content_words(x)) < 5
                                          or len(x) > 195 or k in heads[:1] else x
                                          for k, x in enumerate(said)], 32)   # (a line's room)
            # (with none, the heading is a line: what follows it leans on it, 'These are the puffy ...')
            best = standing[0] if standing else heads[0] if heads else best
        # a scene that asks and answers ('So how does everything feel simultaneous? The answer is scheduling: ...')
        # says the answer: it is the point, shown with its question (stated.with_antecedents), over the hook
        # (only over a line said before the question, its set-up: one after the answer may say it better; and not an
        # answer that only announces, 'The answer combines three things')
        answer = next((k for k in range(1, len(said)) if answers(said, k) and len(said[k]) <= 195 and
                       len(ph.content_words(said[k])) >= 5 and not REPORTED.search(said[k])
                       and not FORWARD.search(unmarked(said[k]).rstrip(" .!"))), None)
        if answer is not None and not ctx.listed and spoken and all(line[2] < answer - 1 for line in lines) and \
                (best is None or best < answer - 1 or best == answer):
            best, lines = answer, [line for line in lines if line[2] == answer]
        # the point said in a sentence too long for one line ('Before departure, godwits gorge on clams ... and they
        # shrink internal organs ...'), when the line shown says far less, or leans on what it does not show: the
        # sentence in two lines, each a whole part of it
        # (or one shortened to a part that leaves much of it out: its first clause of two, 'The trade routes ... were
        # nicknamed the Silk Road ...' without ', and around 552 AD two monks smuggled silkworm eggs ...')
        spoken_as = ctx.sentences
        cut = [len(spoken_as[k].split()) - len(said[k].split()) >= 8 for k in range(len(said))]
        long = [k for k in informative_order(["" if len(s.split()) <= 32 and len(s) <= 195 or leans(s, True) or
                                              REPORTED.search(s) or SET_UP.match(unmarked(s)) else s
                                              for s in spoken_as], 80)
                if (cut[k] or said[k] == spoken_as[k]) and in_two(spoken_as[k])]
        now = best if best is not None else lines[0][2] if lines else None
        # (a short denial that stands alone, 'Hydraulics never creates energy out of nothing', stays with them)
        denies = bool(long) and now is not None and now != long[0] and bool(NEGATION.search(said[now])) and \
            len(said[now].split()) <= 12 and not leans(said[now])
        if long and (now != long[0] or cut[now]) and not ctx.listed and spoken and (
                now is None or now == long[0] or leans(said[now]) or 1.6 * len(
                    ph.content_words(said[now])) <= len(ph.content_words(spoken_as[long[0]]))):
            kept = [(ph.cap(ph.plain(unmarked(said[now]))).rstrip(" ."), None, now)] if denies and now is not None \
                else []
            return sorted([*kept, *((part, None, long[0]) for part in in_two(spoken_as[long[0]]))], key=lambda x: x[2])
        # (not one that opens on whom or what it is about, 'She was made using ...', away from the line naming it)
        if best is not None and any(len(label.split()) >= 4 for label, _, _ in lines) and \
                leans(said[best], strongly=True) and not any(0 < best - s <= 2 for _, _, s in lines):
            best = None
        # (a clause of it, shown, gives way to it whole: 'one that held out ...' leans on its first half)
        lines = [line for line in lines if best is None or line[2] != best or len(line[0].split()) <= 3 or
                 room == 24 or ph.overlap(line[0], said[best]) < 0.8]
        if best is not None and all((s != best or len(label.split()) <= 3) and
                                    ph.overlap(said[best], label) < 0.8 for label, _, s in lines):
            lines = [*lines, (ph.cap(ph.plain(unmarked(said[best]))).rstrip(" ."), None, best)]
            # (and a line that leans on it, right after it, is shown again: what it points at is now on screen)
            lines += [line for line in leaning if line not in lines and 0 < line[2] - best <= 2
                      and not leans(said[best])][:1]
        lines.sort(key=lambda x: x[2])
    elif spoken and not draft.elements and len(lines) in (2, 3) and not any(d for _, d, _ in lines):
        # two short lines may both be its set-up ('Astronauts installed corrective optics in 1993'): the sentence
        # that says most, when it says more than either and stands alone (or leans on the line before it), is the
        # third; of three, it takes the place of the one that says least ('Mistakes make stamps famous' left out
        # the stamp printed upside down)
        # (and a clause of it shown, 'one that held out ...', leans on its other half: it gives way to it whole)
        shown = {s for *_, s in lines}
        # (not a set-up, 'Picture a farmer ...', nor a belief the scene corrects: the loop left those out; nor one
        # that opens as the second half of a thought, 'Because of the Coriolis effect, ...')
        best = informative_sentence(["" if len(s) > 195 or leans(s) and k - 1 not in shown or ph.is_greeting(s)
                                     or SET_UP.match(unmarked(s)) or REPORTED.search(s) or _HALF.match(unmarked(s))
                                     else s for k, s in enumerate(said)], 32)
        whole = (ph.cap(ph.plain(unmarked(said[best]))).rstrip(" ."), None, best) if best is not None else None
        # (not when it would read as cut: '... come to rest there')
        if whole and any(s == best and len(label) < 0.8 * len(whole[0]) for label, _, s in lines):
            if not is_cut(whole[0]):
                lines = [whole if s == best else (label, d, s) for label, d, s in lines]
        elif whole and best is not None and best not in shown:
            says = [len(ph.content_words(label)) for label, _, _ in lines]
            if len(ph.content_words(said[best])) >= (max(says) if len(lines) == 2 else min(says) + 4):
                weakest = [] if len(lines) == 2 else [lines[says.index(min(says))]]
                # (of three, only a short line with no figure or colon: a teaser, not a short point, 'One light band
                # plus one dark band makes a single annual ring', nor a heading, 'Number two: learn to fall safely')
                if not weakest or len(weakest[0][0].split()) <= 7 and not re.search(r"[\d:]", weakest[0][0]):
                    lines = sorted([*[line for line in lines if line not in weakest], whole], key=lambda x: x[2])
    return lines
