"""Splitting narration into sentences: one rule for the voice, the captions and visual steps.

A visual step names the sentence that starts it by index, so the split must be the same
everywhere; this leaf module is that one place.
"""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9¿¡])")
# abbreviations that never end a sentence: a title before a name, "e.g." before an example, "Ramos v. Louisiana"
_JOINS = {"mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "mt.", "vs.", "v.", "e.g.", "i.e.", "cf."}
# ... and those that do not end one before a number ("No. 5", "approx. 3 km"); "etc." may end one
_JOINS_NUMBER = {"no.", "nos.", "fig.", "approx.", "ca.", "p.", "pp.", "vol.", "ch."}


# words that open a sentence, not a surname ('Plan B. Then ...')
_OPENERS = frozenset("""the a an this that these those it its he she his her they their we you i there then but and
so in on at for to from when while if after before as once now today here what why how who which one some many
most all each every no yet still also next finally first later soon""".split())  # noqa: SIM905


def _quoted(text: str) -> list[tuple[int, int]]:
    """The spans of quotations ('"Vancouver! Vancouver! This is it!"'): a sentence ends in one only when it does."""
    spans = []
    straight = [m.start() for m in re.finditer('"', text)]
    spans += [(a, b) for a, b in zip(straight[::2], straight[1::2], strict=False)]
    spans += [(m.start(), m.end() - 1) for m in re.finditer("“[^“”]*”", text)]
    # (and in single marks, a quotation said whole, "said, 'Pish! A woman might piss it out.'": it opens on a capital
    # and closes after its own full stop, so an apostrophe, 'the owners' consent', is never taken for one)
    spans += [(m.start(), m.end() - 1) for m in re.finditer(r"(?<![\w'’])['‘](?=[A-Z])(?:[^'‘’\n]|(?<=\w)['’](?=\w))"
                                                            r"{1,200}?[.!?]['’](?![\w'’])", text)]
    return [(a, b) for a, b in spans if b - a <= 300]   # (a stray mark opens no quotation of a whole page)


def _pieces(text: str) -> list[str]:
    quoted = _quoted(text)
    pieces, start = [], 0
    for m in _SENTENCE.finditer(text):
        if any(a < m.start() < b for a, b in quoted):
            continue
        pieces.append(text[start:m.start()])   # (as a split: the closing marks go with the break)
        start = m.end()
    pieces.append(text[start:])
    return pieces


_MAKER = (r"\b(?:[a-z]+(?:maker|smith|wright|ist|ian)|inventor|engineer|poet|author|writer|painter|composer|"
          r"publisher|printer|founder|firm|company|brothers|scientist|pioneer)")


def split_sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in _pieces(" ".join(text.split())):
        piece = piece.strip()
        if not piece:
            continue
        last = out[-1].rsplit(" ", 1)[-1].lower() if out else ""
        # a name's initials ('E. O. Wilson', 'J. R. R. Tolkien'): an initial before another initial, or a second
        # initial before the surname, ends no sentence ('vitamin C. It ...' still does)
        # (nor does a middle initial between two names, 'Harry R. Truman', unless what follows opens a sentence)
        initials = bool(out) and (re.search(r"(?:^|\s)[A-Z]\.$", out[-1]) is not None
                                  and re.match(r"[A-Z]\.(?:\s|$)", piece) is not None
                                  or re.search(r"(?:^|\s)[A-Z]\. [A-Z]\.$", out[-1]) is not None
                                  or re.search(r"\s[A-Z][a-z]+ [A-Z]\.$", out[-1]) is not None
                                  and re.match(r"[A-Z][a-z]+\b", piece) is not None
                                  and piece.split()[0].strip(",;:").lower() not in _OPENERS
                                  # (or closed up, 'the submarine H.L. Hunley', 'W.E.B. Du Bois'; not a country's,
                                  # 'the U.S.', whose full stop may end the sentence)
                                  or re.search(r"(?:^|\s)(?<!\bthe )(?:[A-Z]\.){2,3}$", out[-1]) is not None
                                  and re.match(r"[A-Z][a-z]+\b", piece) is not None
                                  and piece.split()[0].strip(",;:").lower() not in _OPENERS
                                  # (or one after a word for a maker, 'the gunmaker E. Remington and Sons'; not
                                  # 'vitamin C. Doctors ...')
                                  or re.search(_MAKER + r" [A-Z]\.$", out[-1]) is not None
                                  and re.match(r"[A-Z][a-z]+\b", piece) is not None
                                  and piece.split()[0].strip(",;:").lower() not in _OPENERS)
        if last in _JOINS or (last in _JOINS_NUMBER and piece[0].isdigit()) or initials:
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def sentences_or_text(text: str) -> list[str]:
    """The sentences, else the whole text as one (a narration with no sentence break is one sentence)."""
    return split_sentences(text) or [text]


def sentence_count(text: str) -> int:
    """How many sentences a narration has (at least 1: a text without a full stop is one)."""
    return max(1, len(split_sentences(text)))


# *word* or **words**: emphasis a writer (or a model) typed in Markdown. The voice does not say the stars
# and the captions do not show them; a lone star ("2 * 3", "x*y") is not emphasis.
EMPHASIS = re.compile(r"(?<![\w*])\*{1,2}([^*\s](?:[^*]*?[^*\s])?)\*{1,2}(?![\w*])")


def without_emphasis(text: str) -> str:
    return EMPHASIS.sub(r"\1", text)


WORDS_PER_SECOND = 2.6   # a narrator's pace, for timing a scene before its voice exists


def spoken_seconds(text: str) -> float:
    return max(0.6, len(text.split()) / WORDS_PER_SECOND)

# the marker that opens a numbered part of a countdown or a list ('Fact three', 'Number 10', 'Tip 4', '#2'): the
# author layer reads a scene's parts by it, and a list whose points all carry one is not numbered again
NUMBERED_PART = re.compile(
    r"(?:(?:the\s+)?(?:fact|number|tip|step|rule|reason|myth|check|sign|lesson|mistake|habit|stage|phase|part)\s+"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|#?\d{1,2})|#\d{1,2})\b", re.I)


# the verbs an instruction starts with ('Mix', 'Check the tyre', 'Pay on time')
_DO = frozenset("""add adjust apply ask avoid bake beat blend boil book bring brush build buy call check choose chop
clean clear click close collect combine compare connect cook cool copy count cover cross cut decide delete dial divide
do drain draw dry eat enter fill find finish fold follow fry get give go grab heat hold insert keep knead lather lay
leave let lift list load look lower make mark measure melt mix move multiply note open pack pay peel pick place plan
plug point pour preheat press print pull pump push put raise read record reduce remove repeat replace rest rinse roll
run save scrub seal season select send set shake share simmer sit slice sort spread squeeze start stir stop store
subtract switch take tap tell test tilt tip turn twist type unplug use wait walk wash watch wet whisk wipe
write""".split())  # noqa: SIM905


def instruction(line: str) -> bool:
    """The line opens on an instruction's verb: it tells the viewer what to do."""
    first = line.split()[0] if line.split() else ""
    return re.sub(r"[^a-z]", "", first.lower()) in _DO
