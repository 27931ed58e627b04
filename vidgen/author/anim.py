"""Reading an `anim` note as a description of a picture, not as text to show.

Scripts from LLMs and from the replaced system carry a note for an animator: "A 'Laptop' box; an
arrow leads to a 'Resolver' box", "Split screen. Left: ... Right: ...", "A bar chart comparing
'Version A' at 4.8% with 'Version B' at 5.4%", "A table with columns ...". Those patterns are
general, so each is read into data here; the words that direct the animator ("animated",
"appears", "scene transitions", "camera", "Flowchart:") are never content. Pure functions on
strings: `choose` turns what they find into candidate pictures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vidgen.author import phrases as ph
from vidgen.author.complete import DANGLING, is_cut
from vidgen.author.draft import GLYPHLESS

MAX_ANIM = 4000  # an animator's note longer than this is not a description; read only its start

# words that direct the animator: never a label, a bullet or a headline
DIRECTION = re.compile(
    r"\b(?:split[- ]screen|animat\w*|appears?|appearing|fades? (?:in|out)|scene transitions?|transitions? to|"
    r"text overlays?|overlay|narration (?:mentions|says)|camera|zooms?(?: in| out)?|pans?|cut to|close-?up|"
    r"flowchart|on[- ]screen text|caption|label(?:led|s)?|highlight\w*|voice-?over|b-roll|montage|"
    r"final shot|title card|lower third|graphic|icons?)\b", re.I)
_ONLY_DIRECTION = re.compile(
    r"^(?:(?:animated|simple|short|quick)\s+)?(?:text definitions?|text overlays?|split screen|flowchart"
    r"(?::\s*\w+)?|diagram|animation|title card|transition|summary card|text)$", re.I)


@dataclass
class Quote:
    """A quoted label in the note, and the note's sentence it sits in."""

    text: str
    sentence: str


@dataclass
class Halves:
    left: str
    right: str
    left_labels: list[str] = field(default_factory=list)
    right_labels: list[str] = field(default_factory=list)
    names: tuple[str, str] = ("", "")   # the halves' own names ("Onside", "Before") when the note gives them


def bounded(anim: str) -> str:
    """The note as something to read: printable text, at most MAX_ANIM characters (junk is not a description)."""
    if not anim:
        return ""
    text = anim[:MAX_ANIM]
    printable = sum(c.isprintable() or c in "\n\t" for c in text)
    if printable < 0.9 * len(text):
        return ""
    return text


# circa's full stop ends no sentence ("'5th c. BC – ...'"), nor a numbered label's ("'1. Isothermal expansion'")
NOT_CIRCA = r"(?<!\sc\.)(?<!\sca\.)(?<!['‘\"“]\d\.)(?<!['‘\"“]\d\d\.)"


def sentences(anim: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])" + NOT_CIRCA + r"\s+(?=[A-Z'‘\"“])|\n+", bounded(anim))
            if s.strip()]


def is_direction(label: str) -> bool:
    """A label that only directs the animator ('Text definitions', 'Flowchart: Compare', 'Animated ...')."""
    s = label.strip(" .:'\"")
    # (a 'vs' between two names joins them: it is no label of its own)
    return bool(_ONLY_DIRECTION.match(s)) or s.lower() in ("vs", "v", "versus", "or", "and", "+", "&", "=") \
        or bool(re.match(r"^(?:animated|scene transitions?|camera|zoom)\b", s, re.I))


def quotes(anim: str) -> list[Quote]:
    """Quoted labels in the note, in order, without stage directions and without duplicates."""
    out: list[Quote] = []
    for s in sentences(anim):
        for q in ph.quoted(s):
            if q and not is_direction(q) and all(o.text != q for o in out) and len(q) <= 80:
                out.append(Quote(q, s))
    return out


def quoted_in(text: str) -> list[str]:
    return [q for q in ph.quoted(text) if q and not is_direction(q)]


# ('Left side labelled 'Summer': ...'): the half's own name may come before its colon
_NAMED = r"(?:labell?ed|titled|headed|named|captioned)"
# ("Left column 'What you see': ..."): or its name in quotes right after it, then its colon
_QUOTED_NAME = r"['‘\"“][^'’\"”]{1,40}['’\"”]\s*:"
_HALF = r"(?:\s+(?:half|side|panel|column|card|box)(?:\s+(?:heading|header|title))?)?\b"
# ("Split screen: left 'Myth: permafrost = ice', right 'Fact: ...'"): or a quote right after it, each half's words
_SAID = r"|(?<=split screen: left)(?=\s+['‘\"“])|(?<=, right)(?=\s+['‘\"“])"
_LEFT = re.compile(r"\bleft" + _HALF + r"(?:\s*[:,(]|(?=\s+" + _NAMED + r"\s+['‘\"“])|(?=\s+" + _QUOTED_NAME + ")" +
                   _SAID + ")", re.I)
_RIGHT = re.compile(r"\bright" + _HALF + r"(?:\s*[:,(]|(?=\s+" + _NAMED + r"\s+['‘\"“])|(?=\s+" + _QUOTED_NAME + ")" +
                    _SAID + ")", re.I)
_BEFORE = re.compile(r"\bbefore\s*[:,]", re.I)
_AFTER = re.compile(r"\bafter\s*[:,]", re.I)


def halves(anim: str) -> Halves | None:
    """The two halves of a split screen (Left: ... Right: ...) or a before/after."""
    text = bounded(anim)
    for a, b, names in ((_LEFT, _RIGHT, ("", "")), (_BEFORE, _AFTER, ("Before", "After"))):
        ma = a.search(text)
        mb = b.search(text, ma.end()) if ma else None
        if not (ma and mb):
            continue
        if re.search(r"\bfrom\b[^.;]{0,60}\b(?:on|at) the left\b[^.;]{0,40}\bto\b[^.;]{0,60}\b(?:on|at) the right\b",
                     text, re.I):
            continue   # ('a gauge sweeps from '300' on the left to '850' on the right'): one scale's ends, not halves
        if re.search(r"\b(?:in the middle|in the centre|in the center|between them)\b", text[ma.start():mb.start()],
                     re.I):
            continue   # ('Sun on the left, Moon in the middle, Earth on the right'): a line of three, not two halves
        left, right = text[ma.end(): mb.start()], text[mb.end():]
        # what the note draws next, or over both halves ('Above both, a shared arrow ...'), is in neither
        right = re.split(r"(?<=[.!?])\s+(?:Scene transitions|Then|Finally|Camera|Text overlays?|(?:Above|Below|Beneath|"
                         r"Over|Across|Between|Under) (?:both|them|the two|each)|Both|"
                         r"Each (?:has|holds|gets|shows|one)|(?:Above|Below|Beneath|Underneath)(?=\s*,)|"
                         # ('A small caption: '4× the data → ½ the width''): a caption under both is in neither
                         r"An? (?:small |short |final |closing )?(?:caption|note|label|banner|title)s?"
                         r"(?=\s*[:'‘\"“])|"
                         # ('A table slides up below with ...'): a table or a chart under both is in neither
                         r"An? (?:small |short |simple |comparison )?(?:table|chart|graph|timeline)\b)\b", right)[0]
        # (nor is what appears 'between them': "A red 'not the same' symbol appears between them")
        # (or 'in the centre': "A clapperboard labelled 'Helvetica (2007)' sits in the centre")
        # (or 'across the top', 'between the columns': "A dotted line between the columns is labelled ...")
        right = re.split(r"(?<=[.!?])\s+(?=[^.!?]*\b(?:(?:between|across|over) (?:them|both|the two|the (?:columns|"
                         r"halves|panels|sides|cards|boxes|pictures|images))|across the (?:top|screen|frame|whole)|"
                         r"in the (?:centre|center|middle))\b)", right)[0]
        # (nor what a clause puts between them: "..., with a finish clock between them counting up to '4:00:00'")
        right = re.split(r",\s+(?:with\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}(?:between|above|below|across) "
                         r"(?:them|both|the two)\b", right)[0]
        left_labels, right_labels = quoted_in(left), quoted_in(right)
        # "'Before: 8.2 s (Seq Scan)' and 'After: 0.4 ms'": each half is the rest of the quote its name opens
        inside = [re.match(r"\s*([^'’\"”]{1,60})['’\"”]", text[m.end():]) if m.start() and text[m.start() - 1] in
                  "'‘\"“" else None for m in (ma, mb)]
        if inside[0] and inside[1]:
            left_labels, right_labels = [inside[0][1].strip()], [inside[1][1].strip()]
        own = (_own_name(left), _own_name(right))
        if own[0] and own[1]:
            names = own
        return Halves(left.strip(" .;"), right.strip(" .;"), left_labels, right_labels, names)
    cols = [(m[1], m[2]) for m in _COLUMN.finditer(text)]
    if len(cols) == 2 and cols[0][0] != cols[1][0]:
        # "'Inelastic' lists icons for petrol, medicine, salt. 'Elastic' lists ...": two named columns, each its things
        # (a thing cut short by a quote it holds, "'Gentle' shows a soft brush with a '2 min' timer", is no item; nor
        # is the article left before one, '... and a '3 min' timer')
        items = [[i.strip(" .") for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", body) if i.strip(" .")
                  and not is_cut(i.strip(" .")) and i.strip(" .").lower() not in DANGLING] for _, body in cols]
        if all(1 <= len(i) <= 6 and all(len(x.split()) <= 6 for x in i) for i in items):
            return Halves(cols[0][1], cols[1][1], [ph.cap(i) for i in items[0]], [ph.cap(i) for i in items[1]],
                          (cols[0][0], cols[1][0]))
    return None


_COLUMN = re.compile(r"['‘\"“]([^'’\"”]{1,30})['’\"”]\s+(?:shows?|lists?|holds?|has|contains?|reads?)\s+"
                     r"(?:(?:icons?|bars?|pictures?|images?|photos?|examples?|entries)\s+(?:for|of)\s+)?([^.;:'‘\"“]+)")


# a half headed by a stamp or a heading ("Left half: a red 'Myth' stamp over two bushes"): that quote names the half
_HEADING = re.compile(r"\s*(?:an?|the)\s+(?:[a-z]+\s+){0,2}?['‘\"“]([^'’\"”]{1,30})['’\"”]\s+(?:stamp|heading|header|"
                      r"title|banner|badge|tag)\b", re.I)


def _own_name(half: str) -> str:
    heading = _HEADING.match(half)
    if heading:
        return heading[1]
    # (read as the note's other quotes are: 'What we don't see' keeps its apostrophe)
    m = re.match(r"\s*(?:(?:\w+\s+){0,2}?" + _NAMED + r"\s+)?(?=" + _QUOTED_NAME + "|['‘\"“])", half, re.I)
    if m and not m.group(0).strip() and not re.match(r"\s*" + _QUOTED_NAME, half):
        return ""   # a half that opens on a quote is named by it only when its colon follows
    if not m:
        return ""
    names = quoted_in(half[m.end():])
    return names[0] if names and len(names[0]) <= 30 and half[m.end() + 1:].startswith(names[0]) else ""


_PCT = r"(−|-)?\s*[$£€¥]?\s*(\d[\d,]*(?:\.\d+)?)\s*(%|percent)?"  # ('$74,017': money is a value too)
# what may follow a bar's number: how many times over ('20 million') and the unit it is in ('km/s', 'g')
_MAGNITUDE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
UNIT = (r"m/s²|m/s2|km/s|m/s|km/h|mph|kWh|kcal|mmHg|mg/dL|°[CF]|[kMG]?Hz|[kMG]?W|[kM]?J|[kmcµn]?m|[kmµ]?g|mL|ml|L|"
         r"min|ms|s|h|hours?|days?|years?|[VAKN]|Ω|dB|lb|oz|ft|mi|cents?|dollars?|euros?|pounds?|people|votes")
_TAIL = r"(?:\s*(thousand|million|billion|trillion)\b)?(?:\s*(" + UNIT + r")(?![\w/]))?"


def bars(anim: str) -> list[tuple[str, float, str]]:
    """A bar chart described: 'Version A' at 4.8% with 'Version B' at 5.4%; 'Target: 2%', 'US 1980: 13.5%';
    'Vacuum' (300,000 km/s). The third of each is its unit ('%', 'km/s', 'millions'), shared by all or empty."""
    text = bounded(anim)
    # a pie's slices are shares of one whole: as bars of their percentages they say the same, on one scale
    pie = bool(re.search(r"\bpie(?:\s+chart)?\b|\bdonut chart\b", text, re.I))
    if not re.search(r"\bbar (?:chart|graph)|\bbars?\b|\bhistogram\b", text, re.I) and not pie:
        return []
    found: list[tuple[str, float, str, str, str]] = []
    if re.search(r"\btwo (?:bar )?(?:charts|graphs)\b", text, re.I):   # (the first: on one scale, bars are misread)
        text = re.split(r";|\.\s|\bright\s*[,:]", text[text.lower().find("left") + 4:] if "left" in text.lower()
                        else text, maxsplit=1)[0] + " bar chart"
    # ("'Flood' ~60%": an approximate share needs no word before it)
    for m in re.finditer(r"['‘\"“]([^'’\"”]{1,40})['’\"”]\s*(?:(?:at|of|with|:|=|\()\s*(?:about\s+|around\s+|~\s*)?|"
                         r"[~≈]\s*(?=[\d.,]+\s*%))" + _PCT + _TAIL, text):
        found.append((m[1], _num(m[2], m[3]), m[4] or "", m[5] or "", m[6] or ""))
    spaced = False   # bars read from 'Name 1,280 m', with no mark between name and number
    # (only in the sentence that draws the chart: 'Mia, 60 kg' on a skater is no bar of 'Mia: 2 m/s²')
    in_chart = {q for x in sentences(text) if re.search(r"\bbar (?:chart|graph)|\bbars?\b|\bhistogram\b", x, re.I)
                for q in quoted_in(x)}
    if len(found) < 2:
        found = []
        for q in quoted_in(text):
            if re.fullmatch(r"\d{1,2}:\d{2}", q.strip()):
                continue   # ('00:00' to '24:00' on a graph's axis): a time of day, not a bar and its value
            if re.fullmatch(r"\d+(?:\.\d+)?\s+:\s+\d+(?:\.\d+)?", q.strip()):
                continue   # ('2 : 1', '8 : 1'): a ratio, not a bar named '2' of height 1
            # ('Bannister 1954 – 3:59.4'): a time in minutes and seconds is one value, not a bar named '... 3'
            g = re.match(r"(.{1,40}?[A-Za-z0-9)])\s*[–—:-]?\s+(\d{1,2}):([0-5]\d(?:\.\d+)?)$", q.strip())
            if g and q in in_chart:
                found.append((g[1], int(g[2]) * 60 + float(g[3]), "", "", "seconds"))
                continue
            # ('Ederle, 1926 – 14 h 39 min'): hours and minutes are one value in hours, not a bar of 39
            g = re.match(r"(.{1,40}?[A-Za-z0-9)])\s*[–—:,-]?\s+(\d{1,3})\s*h(?:ours?|rs?)?\s+(\d{1,2})\s*"
                         r"(?:min|mins|minutes?|m)$", q.strip())
            if g and q in in_chart:
                found.append((g[1], round(int(g[2]) + int(g[3]) / 60, 2), "", "", "h"))
                continue
            # ('Payment history 35%'): a name of words, then its share, is a bar without a colon too
            g = re.match(r"(.{1,40}?):\s*(?:about\s+)?" + _PCT + _TAIL + r"$", q) or re.match(
                r"([A-Za-z][A-Za-z '()-]{1,39}?)\s+(?:about\s+|[~≈]\s*)?(−|-)?\s*(\d[\d,]*(?:\.\d+)?)\s*(%)()()$", q)
            if g:
                found.append((g[1], _num(g[2], g[3]), g[4] or "", g[5] or "", g[6] or ""))
                continue
            # ('Golden Gate 1,280 m', '1915 Çanakkale 2,023 m'): a name, then its number in a unit, in a bar chart
            g = re.match(r"(.{1,40}?[A-Za-z)].{0,10}?)\s+(?:about\s+|≈\s*|~\s*)?(−|-)?(\d[\d,]*(?:\.\d+)?)\s*(" + UNIT +
                         r")$", q.strip())
            if g and not pie and not re.search(r"[<>≤≥]\s*$", g[1]) and q in in_chart:
                found.append((g[1].rstrip(" :,;–-"), _num(g[2], g[3]), "", "", g[4]))
                spaced = True
                continue
            # ('80% easy', '20% Savings & debt'): a share, then what it is a share of
            g = re.match(r"()(\d{1,3}(?:\.\d+)?)\s*(%)\s+([A-Za-z][\w '&()-]{0,39})$", q.strip()) if pie else None
            if g:
                found.append((ph.cap(g[4].strip()), _num(g[1], g[2]), "%", "", ""))
    if len(found) < 2:
        found = _in_turn(text)
    # ("'Approaching': formula f' = 700": a quote mark in a formula pairs with a label's; ': formula f' is no bar)
    found = [b for b in found if re.match(r"[\w(]", b[0])]
    # a chart read in part ('Large roast: ~5–8°C' beside 'Steak: ~3°C') would leave out what it does not read
    charted = [x for x in sentences(text) if any(b[0] in x for b in found)]
    unread = [q for x in charted for q in quoted_in(x) if re.search(r"[A-Za-z]{2}", q) and re.search(r"\d", q)
              and not any(b[0] in q for b in found)]
    if unread and spaced:
        return []
    if len(found) < 2 or len({b[0] for b in found}) != len(found) or re.search(r"\blog(?:arithmic)?[- ]scale",
                                                                               text, re.I):
        return []   # (a log scale asked for: on a straight one the small bars vanish)
    if pie and not (all(b[2] for b in found) and 90 <= sum(b[1] for b in found) <= 110):
        return []   # (slices not given as shares of one whole are not read as bars)
    units = {b[4].lower() for b in found if not b[2]}
    if len(units) > 1:
        return []   # bars in different units ('km/s' and 'mph') on one scale would compare what does not compare
    # '20 million' and '500 billion' on one scale: counted in the smallest magnitude named, never as 20 and 500
    sizes = [_MAGNITUDE.get(b[3].lower(), 1.0) for b in found]
    least = min(sizes)
    values = [b[1] * size / least for b, size in zip(found, sizes, strict=True)]
    if any(abs(v) > 1e9 for v in values):
        return []
    word = next((w for w, size in _MAGNITUDE.items() if size == least), "") if least > 1 else ""
    word = word if not word or found[0][4] else word + "s"   # '147 million km'; '20 millions' of a count
    unit = "%" if any(b[2] for b in found) else " ".join(w for w in (word, found[0][4]) if w)
    return [(b[0], v, unit) for b, v in zip(found, values, strict=True)]


def _in_turn(text: str) -> list[tuple[str, float, str, str, str]]:
    """Bars named in a chart's sentence, then their heights in turn ("x-axis 'Voltage' (values '100 kV', '200 kV',
    '400 kV') ..., bars shrinking from 16 to 4 to 1"): as many heights as names, an axis' own name not one."""
    for x in sentences(text):
        run = re.search(r"\bfrom\s+(\d[\d,]*(?:\.\d+)?)((?:\s*(?:,|to|then|and)\s*\d[\d,]*(?:\.\d+)?)+)", x)
        if not run or not re.search(r"\bbar (?:chart|graph)|\bbars?\b", x, re.I):
            continue
        heights = [run[1], *re.findall(r"\d[\d,]*(?:\.\d+)?", run[2])]
        names = [q for q in quoted_in(x[:run.start()]) if not re.search(
            r"(?:axis|titled|headed|called)\s+(?:labell?ed\s+)?['‘\"“]" + re.escape(q), x)]
        if len(names) == len(heights) >= 2:
            return [(n, _num(None, h), "", "", "") for n, h in zip(names, heights, strict=True)]
    # ("a bar chart comparing '1979–80' with '2023–24' ...: '2.8' versus '≈35'"): the names, then their values
    for x in sentences(text):
        qs = quoted_in(x) if re.search(r"\bbar (?:chart|graph)\b", x, re.I) else []
        value = [bool(re.fullmatch(r"[≈~]?\s*(\d[\d,]*(?:\.\d+)?)\s*(%?)", q)) for q in qs]
        k = len(qs) // 2   # (the values after a colon: names may be years, '1990' with '2020')
        last = x.find(qs[k - 1]) + len(qs[k - 1]) if k else 0
        if k >= 2 and len(qs) == 2 * k and all(value[k:]) and ":" in x[last:x.find(qs[k], last)]:
            return [(n, _num(None, re.sub(r"[≈~\s]", "", v).rstrip("%")), "%" if v.endswith("%") else "", "", "")
                    for n, v in zip(qs[:k], qs[k:], strict=True)]
    return []


def titled(anim: str) -> str:
    """The title the note gives a chart or table ("Bar chart titled 'What goes into a FICO score'"): its heading,
    never one of its items."""
    m = re.search(r"\b(?:(?:chart|graph|table|plot|diagram|gauge|map)\s+(?:titled|entitled|headed|with (?:the )?title)|"
                  r"(?:title|heading) (?:text|card)?\s*)\s*['‘\"“]([^'’\"”]{2,70})['’\"”]", bounded(anim), re.I) or \
        re.search(r"\b(?:chart|graph|table)\s+labell?ed\s+['‘\"“]([^'’\"”]{2,70})['’\"”]\s*:", bounded(anim), re.I)
    # (or the name it is labelled with before its items: "Pie chart labelled 'Venus atmosphere': 'CO₂ 96.5%', ...")
    return m[1].strip() if m else ""


def _num(sign: str | None, digits: str) -> float:
    return (-1 if sign else 1) * float(digits.replace(",", ""))


def timeline(anim: str) -> list[str]:
    """A timeline described: 'Timeline: '16 July: Launch', '19 July: Lunar orbit' ..."""
    text = bounded(anim)
    if not re.search(r"\btime ?line\b", text, re.I):
        return []
    # a mark is a moment: a year, a date, a time, a day or an era ('£100 REWARD' or 'Trump 304' on the same note
    # is a prop or a result, and placed on the line it would read as a date)
    # (nor is a caption or a footnote under it: "Footnote caption: 'Wills Act 1837, s.18'")
    # (a year set before its quote, "1955 'Joe Davis — first official 147'", dates it: it goes inside)
    text = re.sub(r"(?<![\w'’])((?:1\d{3}|20\d{2})s?)(?:\s*[:—–-])?\s+(['‘\"“])(?=[A-Za-z])", r"\2\1 – ", text)
    under = set(re.findall(r"\b(?:caption|footnote|source|credit)s?\s*(?:reads?|says)?\s*:?\s*"
                           r"['‘\"“]([^'’\"”]{1,70})['’\"”]", text, re.I))
    marks = [q for q in quoted_in(text) if _WHEN.search(q) and len(q.split()) <= 10 and q not in under
             and not re.match(r"\s*[+±−-]\s*\d", q)]   # (nor a difference: an hourglass's '+11 min per year')
    # marks that are dates and nothing else ('Year 0', 'Year 50'; '1876', '1888') say nothing happened at them
    worded = [m for m in marks if re.search(r"[A-Za-z]{3,}", _WHEN.sub(" ", m))]
    # (and one that a worded mark already dates, a quill's '1202' beside '1202 — Liber Abaci', is that mark again)
    marks = [m for m in marks if m in worded or not any(w.startswith(m.strip()) for w in worded)]
    return marks if len(marks) >= 2 and len(worded) * 2 >= len(marks) else []


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WHEN = re.compile(
    r"\b(?:1\d{3}|20\d{2})s?\b|^\s*\d{3,4}\s*[:—–-]|\b\d{1,4}\s*(?:BCE?|AD|CE)\b|\b(?:AD|BC)\s*\d|"
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH +
    r"|\b" + _MONTH + r"\s+\d|\b\d{1,2}(?:st|nd|rd|th)\s+(?:century|millennium)|\b\d{1,2}:\d{2}\b|"
    r"\b(?:day|week|month|year|hour|minute|step|stage|phase|age|week|t)\s*[=:]?\s*[−-]?\d|"
    r"\b\d[\d.,]*\s*(?:days?|weeks?|months?|years?|yrs?|hours?|hrs?|h|minutes?|mins?|seconds?|s|ms|"
    r"million years|billion years|mya|ka|ma)\b(?:\s+(?:ago|later|old))?|\bT\s*[−-]\s*\d", re.I)


# what an animator is told a formula does ('V = nRT / P appears, then ...'): never a part of it
_STAGED = (r"appears?|slides?|pops?|fades?|then|flashes|lights? up|morphs?|moves?|rotates?|grows?|shrinks?|"
           r"animates?|is shown|is written|is drawn|types? itself")


# a symbol's gloss in a formula's legend ('ρ = density', 'H = head (height)'): what the symbol stands for, in words,
# is no formula of its own
GLOSS = re.compile(r"(?:[A-Za-zα-ωΑ-Ω][₀-₉0-9a-z]?|[^\w\s=]{1,2})\s*=\s*[a-z][a-z ]*(?:\([a-z ]+\))?")


def formulas(text: str) -> list[str]:
    """Formulas quoted in a note or written in narration: 'E = mc²', 'a² + b² = c²', 'y = 3x + 1'."""
    out: list[str] = []
    for q in ph.quoted(text):
        wordy = re.search(r"\b\w+ \w+ \w+ \w+\b", q)
        # (nor one in letters the video's fonts lack, '津波 = harbour wave': they show as boxes)
        if "=" in q and "\n" not in q and re.search(r"[A-Za-z]", q) and len(q) <= 60 and not wordy \
                and not GLOSS.fullmatch(q.strip()) and not GLYPHLESS.search(q):
            out.append(q.strip())
    # a Greek name too ('β = ...'), or sums of numbers worked out ('120 ÷ 60 = 2 m/s²')
    # (a subscript in braces, 'x_{n+1}', and a derivative's prime, "f'(x_n)", are the formula's own)
    for m in re.finditer(r"(?<![\w'‘])((?:[A-Za-zα-ωΑ-Ω](?:[\w²³⁰¹⁴⁵⁶⁷⁸⁹₀₁₂₃]|[_^]\{[^{}\s]{1,8}\})*|"
                         r"\d+(?:\.\d+)?(?:\s*[×÷*/+−]\s*\d+(?:\.\d+)?){0,3})\s*=\s*"
                         r"(?:[^,.;:!?'\"‘’“”]|\.(?=\d)|(?<=[A-Za-z])'(?=\()){1,40}?)"
                         r"(?=[,.;:!?](?:\s|$)|\s+(?:is|means|gives|where|and|" + _STAGED + r")\b|"
                         r"\s+(?:in|on|at|with|for|from|into|as|until|before|after)\s+(?:a|an|the)\b|$)", text):
        f = m[1].strip()
        if re.search(r"[+\-−×÷±*/^=·(]\s*$", text[:m.start(1)]):
            continue   # the end of a longer formula ('b² = c²' in 'a² + b² = c²'), not one of its own
        # a formula has a symbol on both sides: 'E = mc²', not 'p = about 0.05' said in a sentence
        symbols = re.search(r"[²³+\-−×÷*/^·]|\b[a-z]\b|\d[a-zA-Z]", f)
        if "\n" not in f and symbols and len(f.split()) <= 9 and f not in out:
            out.append(f)
    return said_once(out)


def said_once(formulas: list[str]) -> list[str]:
    """Formulas without repeats: one another holds ('2 × 2 × 2 = 8' in '2 × 2 × 2 = 8 → log₂(8) = 3') is said once,
    whole; so is a sum that an earlier one says with another ending ('4 × 4 × 4 = 64 codons' after '4 × 4 × 4 = 64
    possible codons')."""
    squash = [re.sub(r"\s+", "", f) for f in formulas]

    def repeats(k: int) -> bool:
        left, _, right = squash[k].partition("=")
        for j, other in enumerate(squash):
            if j != k and squash[k] in other and squash[k] != other:
                return True
            if j < k and re.match(r"\d", left) and right[:1].isdigit() and other.startswith(left + "=") \
                    and other.partition("=")[2][:3] == right[:3]:
                return True
        return False

    return [f for k, f in enumerate(formulas) if not repeats(k)]
