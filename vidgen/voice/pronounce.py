"""How narration is *said*: numbers, units, symbols, abbreviations and simple math as a person reads them.

`reading(text, language)` rewrites one sentence for the voice only, and pairs each written word
with what is said for it (`Reading.units`); captions are made from the script text separately
and keep what the writer wrote. `speakable` is the rewritten text alone.

English has the full set of rules. Another language that num2words knows has its numbers read
(`numbers.words_for`: "3,5" in German is "drei Komma fünf", a bare 1666 a year) and its
percent sign; everything else in it is left to the voice (a wrong reading is worse than the
voice's own). A language num2words does not know is read as written.

The English rules run in a fixed order, each a regular expression over the whole sentence:
symbols that hide structure first (superscripts, fractions, Greek), abbreviations, then readings
that need a number's context (money, percent, units, years, ordinals, times), then math
operators, and the plain numbers last.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from vidgen.script.sentences import without_emphasis
from vidgen.voice import lexicon as lx
from vidgen.voice.numbers import cardinal, family, number, ordinal, words_for, year
from vidgen.voice.tracked import Tracked, Unit, units


def _plural_decade(n: int) -> str:
    word = year(n) if n >= 1000 else cardinal(n)
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def fraction(num: int, den: int) -> str:
    """1/2 -> 'one half', 3/4 -> 'three quarters', 7/100 -> 'seven hundredths', 13/27 -> 'thirteen over
    twenty-seven'."""
    if den == 0 or not (den <= 20 or den in (100, 1000)) or den == 1:
        return f"{cardinal(num)} over {cardinal(den)}"
    name = {2: "half", 4: "quarter"}.get(den) or ordinal(den)
    if num != 1:
        name = "halves" if den == 2 else name + "s"
    return f"{cardinal(num)} {name}"


NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"


def _money(m: re.Match) -> str:
    """"$4.50" -> "four dollars fifty", "$0.50" -> "fifty cents", "£1.2 million" -> "one point two million pounds"."""
    one, many, cent, cents = lx.CURRENCY[m["cur"]]
    amount, scale = m["amt"].replace(",", ""), m["scale"]
    sign = "minus " if m["neg"] else ""
    many = one if lx.NAMES_A_KIND.search(m.string[:m.start()]) and "." not in amount and one else many
    if scale:
        return f"{sign}{number(amount)} {lx.MAGNITUDE[scale.strip()]} {many}"
    whole, _, frac = amount.partition(".")
    if len(frac) == 2 and cent:
        w, c = int(whole or 0), int(frac)
        if w and c:
            return f"{sign}{cardinal(w)} {one if w == 1 else many} {cardinal(c)}"
        if c:
            return f"{sign}{cardinal(c)} {cent if c == 1 else cents}"
        return f"{sign}{cardinal(w)} {one if w == 1 else many}"
    return f"{sign}{number(amount)} {one if amount == '1' else many}"


def _range(m: re.Match) -> str:
    return m[0] if "=" in m.string else f"{m[1]} to "  # in an equation it is a minus sign


def _bare_year(m: re.Match) -> str:
    """A bare 1100-2099 is a year ("1666 was"), unless it counts something ("1500 people")."""
    after = re.match(r"\s+([A-Za-z]+)", m.string[m.end():])
    word = after[1] if after else ""
    counted = word.islower() and (word in lx.IRREGULAR_PLURALS or (
        word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in lx.NOT_PLURAL))
    return number(m[0]) if counted else year(int(m[0]))


def _abbreviations() -> list[tuple[str, Callable[[re.Match], str]]]:
    # an abbreviation that ends the sentence keeps the full stop it shares with it ("pears, etc." -> "et cetera.")
    def reader(said: str) -> Callable[[re.Match], str]:
        return lambda m: said + _end(m)

    return [(pattern, reader(said)) for pattern, said in lx.ABBREVIATIONS]


def _unit(m: re.Match) -> str:
    value, unit, power, per = m["num"], m["unit"], m["pow"], m["per"]
    if len(unit) == 1 and not m["sp"] and not per and (unit.isupper() or "=" in m.string):
        return m[0]  # "3N = 9", "2X": a coefficient and a variable, not newtons
    one, many = lx.UNITS[unit]
    name = one if value in ("1", "-1") else many
    if power in ("2", "3") and unit not in ("s", "h", "min"):
        name = ("square " if power == "2" else "cubic ") + name
    elif power:
        name += " to the power of " + number(power)
    spoken = f"{number(value)} {name}"
    if per:
        spoken += " per " + lx.PER[per]
    return spoken


def _power(m: re.Match) -> str:
    exp = m["exp"].strip("()")
    if exp == "2":
        return f"{m['base']} squared"
    if exp == "3":
        return f"{m['base']} cubed"
    return f"{m['base']} to the power of {exp}"


def _magnitude(m: re.Match) -> str:
    inner = m[1].strip()
    what = "the absolute value of" if re.fullmatch(r"-?(?:" + NUM + ")", inner) else "the magnitude of"
    return f" {what} {inner} "


def _time(m: re.Match) -> str:
    hour, minute = int(m[1]), int(m[2])
    if minute == 0:
        spoken = f"{cardinal(hour)} o'clock" if not m[3] else cardinal(hour)
    else:
        spoken = f"{cardinal(hour)} {'oh ' if minute < 10 else ''}{cardinal(minute)}"
    if m[3]:
        spoken += " " + " ".join(m[3].replace(".", "").strip().upper()) + _end(m)
    return spoken


def _end(m: re.Match) -> str:
    """The full stop a reading took with it ("p.m.") when it was also the sentence's."""
    return "." if m[0].endswith(".") and not m.string[m.end():].strip() else ""


def _year_range(m: re.Match) -> str:
    return f"{m['cue']} {year(int(m['a']))} to {year(int(m['b']))}" if m["cue"] else \
        f"{year(int(m['a']))} to {year(int(m['b']))}"


Rule = tuple[re.Pattern, "str | Callable[[re.Match], str]"]


def _rules() -> list[Rule]:
    raw: list[tuple[str, str | Callable[[re.Match], str]]] = [
        # structure hidden in symbols
        (r"(\d)\s*(" + "|".join(lx.VULGAR) + ")", lambda m: f"{m[1]} and {lx.VULGAR[m[2]]}"),
        ("(" + "|".join(lx.VULGAR) + ")", lambda m: lx.VULGAR[m[1]]),
        (r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+", lambda m: "^" + m[0].translate(lx.SUPERSCRIPT)),
        (r"[₀₁₂₃₄₅₆₇₈₉]+", lambda m: " " + m[0].translate(lx.SUBSCRIPT)),
        (r"\b([A-Za-z])_\{?(\w+)\}?", r"\1 \2"),
        *_abbreviations(),
        # readings that need a number's context
        (r"\b(1[1-9]\d0|20[0-9]0)s\b", lambda m: _plural_decade(int(m[1]))),
        (r"(?:(?<=[Tt]he )|(?<=[Tt]he ')|(?<=\s'))([2-9]0)s\b", lambda m: _plural_decade(int(m[1]))),
        # a range of numbers, before any reading takes its second end ("3–5%", "3-5 km", "$5–$10")
        # (a spaced hyphen is a minus sign: "2 - 3i")
        (r"(?<![\w.,])(" + NUM + r")(?:\s?[–—]\s?|-)(?=[$€£¥₹]?(?:" + NUM + r"))", _range),
        (r"(?P<neg>-)?(?P<cur>[$€£¥₹])\s?(?P<amt>" + NUM + r")"
         r"(?P<scale>\s?(?:thousand|million|billion|trillion|bn|[kKmMb])\b)?", _money),
        (r"(?<![\w.])(-?)(" + NUM + r")\s?%", lambda m: f"{'minus ' if m[1] else ''}{number(m[2])} percent"),
        (r"(" + NUM + r")\s?°\s?C\b", lambda m: f"{number(m[1])} degrees Celsius"),
        (r"(" + NUM + r")\s?°\s?F\b", lambda m: f"{number(m[1])} degrees Fahrenheit"),
        (r"(" + NUM + r")\s?°", lambda m: f"{number(m[1])} {'degree' if m[1] == '1' else 'degrees'}"),
        (r"(?<![\w.])(?P<num>-?(?:" + NUM + r"))(?P<sp>\s?)(?P<unit>" + lx.UNIT_RE + r")(?:\^(?P<pow>\d))?"
         r"(?:/(?P<per>" + lx.PER_RE + r"))?(?![\w/^])", _unit),
        ("Ω", " omega "),
        (r"(?<![\w.])(\d+)\s?x\s?(\d+)(?![\w.])", r"\1 by \2"),
        (r"(?<![\w.])(" + NUM + r")x\b", r"\1 times"),
        (r"\b(\d+)(st|nd|rd|th)\b", lambda m: ordinal(int(m[1]))),
        (r"\b(?:(?P<cue>" + lx.YEAR_CUE + r")\s+)?(?P<a>1[1-9]\d\d|20\d\d)\s?[–-]\s?(?P<b>1[1-9]\d\d|20\d\d)\b",
         _year_range),
        (r"\b(?P<cue>" + lx.YEAR_CUE + r")\s+(?P<y>1\d\d\d|20\d\d)\b(?![.,]\d|\s?%)",
         lambda m: f"{m['cue']} {year(int(m['y']))}"),
        (r"\b(\d{3,4})\s?(BC|BCE|AD|CE)\b", lambda m: f"{year(int(m[1]))} {' '.join(m[2])}"),
        (r"\b(\d{1,2}):(\d\d)\b((?:\s?[ap]\.?m\.?)(?!\w))?", _time),
        (r"\b(\d{1,2})\s?([ap])\.?m\b\.?", lambda m: f"{cardinal(int(m[1]))} {m[2].upper()} M{_end(m)}"),
        # a bare year, after every reading that gives a number its own context (money, units, percent, ranges)
        (r"(?<![\w.,'’-])(1[1-9]\d\d|20\d\d)(?![\w'’]|[.,]\d)", _bare_year),
        (r"\b(\d+):(\d+)\b", r"\1 to \2"),
        # math
        (r"\|([^|]{1,40})\|", _magnitude),
        (r"\b(" + "|".join(lx.FUNCTIONS) + r")\s*\(\s*([^()]{1,30}?)\s*\)",
         lambda m: f"{lx.FUNCTIONS[m[1]]} of {m[2]}"),
        (r"(?<![\w)])([a-zA-Z])\(\s*([^()]{1,30}?)\s*\)", r"\1 of \2"),
        (r"(?P<base>\b(?:" + NUM + r")|\b[A-Za-z]\w*|\))\s*\^\s*(?P<exp>\(-?[\w.+ -]+\)|-?[\w.]+)", _power),
        (r"(?<![\w/])(\d+)/(\d+)(?![\w/])", lambda m: fraction(int(m[1]), int(m[2]))),
        (r"\b(\d+|[a-zA-Z]|pi)/(\d+|[a-zA-Z]|pi)\b", r"\1 over \2"),
        (r"([+-])\s*(\d+(?:\.\d+)?|[a-zA-Z])i\b", r"\1 \2 i"),
        (r"(?<![\w.])(\d+(?:\.\d+)?)i\b", r"\1 i"),
        (r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", " "),
        (r"\s*(?:==|=)\s*", " equals "),
        (r"\s+<\s+", " is less than "),
        (r"\s+>\s+", " is greater than "),
        (r"(?<=[\w)])\s*\+\s*(?=[\w(.])", " plus "),
        (r"\s*\*\s*", " times "),
        (r"(?<=[\w)])\s+-\s+(?=[\w(.]*\d|[a-zA-Z]\b|\()", " minus "),
        (r"(?<=\d)\s*[-–]\s*(?=\d)", " to "),
        (r"(?<![A-Za-z])([a-z])\s*-\s*(?=\d|[a-z]\b)", r"\1 minus "),
        (r"(?<=[\w)])\s+/\s+(?=[\w(])", " divided by "),
        (r"\b([A-Za-z]{2,})/([A-Za-z]{2,})\b", r"\1 \2"),
        (r"(?<![\w)])-(?=\.?\d)", "minus "),
        # the remaining numbers and symbols
        (NUM, lambda m: number(m[0])),
        (r"\s*&\s*", " and "),
        (r"\s*@\s*", " at "),
        (r"#\s*(?=\w)", "number "),
        (r"~\s*", "about "),
        (r"\s*\+\s*", " plus "),
        (r"\s*%", " percent"),
        (r"\s*°", " degrees"),
    ]
    return [(re.compile(p), r) for p, r in raw]


_RULES: list[Rule] | None = None
_OTHER_RULES: dict[str, list[Rule]] = {}
_MATH_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")
_MU = re.compile(r"(?<=\d)(\s?)μ(?=[mgsL])")
_SPACE_BEFORE_STOP = re.compile(r"\s+(?=[,.;:!?)])")
_SPACES = re.compile(r"\s{2,}")


@dataclass(frozen=True)
class Reading:
    """A sentence as the voice says it (`text`), and each written word with what is said for it."""

    text: str
    units: list[Unit]


def speakable(text: str, language: str = "en") -> str:
    """The sentence as the voice should read it (Markdown emphasis's stars go, as in the captions)."""
    return reading(text, language).text


def reading(text: str, language: str = "en") -> Reading:
    written = " ".join(without_emphasis(text).split())
    said = Tracked(written)
    if family(language) == "en":
        _english(said)
    else:
        for pattern, repl in _other_rules(family(language)):
            said.sub(pattern, repl)
    said.sub(_SPACE_BEFORE_STOP, "")
    said.sub(_SPACES, " ")
    said.strip()
    return Reading(said.text, units(written, said))


def _english(said: Tracked) -> None:
    global _RULES
    if _RULES is None:
        _RULES = _rules()
    # a Greek mu after a number is the micro prefix (5 μm), which the unit table spells with µ
    said.sub(_MU, "\\1µ")
    for sym, spoken in lx.SYMBOLS.items():
        said.replace(sym, spoken)
    # a Greek letter is a word of its own ("2π" is "two pi"), but keeps its neighbours ("π/2")
    said.sub(lx.GREEK_RE, _greek)
    if "=" in said.text:
        # in an equation a hyphen between digits is a minus sign, not a range ("5-3=2")
        said.sub(_MATH_HYPHEN, " - ")
    for pattern, repl in _RULES:
        said.sub(pattern, repl)


def _greek(m: re.Match) -> str:
    before = " " if m.start() and m.string[m.start() - 1].isalnum() else ""
    after = " " if m.end() < len(m.string) and m.string[m.end()].isalnum() else ""
    return before + lx.GREEK[m[0]] + after


def _other_rules(lang: str) -> list[Rule]:
    """Numbers (and "%") in a language num2words reads; none for one it does not know."""
    if lang not in _OTHER_RULES:
        words = words_for(lang)
        rules: list[Rule] = []
        if words is not None:
            point, group = (",", r"[.\u202f\xa0]") if getattr(words, "decimal_comma", False) else (r"\.", ",")
            num = rf"-?(?:\d{{1,3}}(?:{group}\d{{3}})+(?:{point}\d+)?|\d+(?:{point}\d+)?)"
            edge = r"(?<![\w^$€£¥₹.,/-])"   # not inside a word, a power, an amount of money or another number
            said = words

            def percent(m: re.Match, word: str = lx.PERCENT.get(lang, "%")) -> str:
                return f"{said.number(m[1])} {word}"

            if lang in lx.PERCENT:
                rules.append((re.compile(edge + rf"({num})\s?%"), percent))
            rules.append((re.compile(edge + r"(1[1-9]\d\d|20\d\d)(?![\w.,]?\d)"), lambda m: said.year(int(m[1]))))
            rules.append((re.compile(edge + rf"({num})(?![\w%])(?!\s?[$€£¥₹])"), lambda m: said.number(m[1])))
        _OTHER_RULES[lang] = rules
    return _OTHER_RULES[lang]


def has_words(text: str) -> bool:
    """Whether a voice has anything to say (a lone '…' or '—' has nothing)."""
    return any(ch.isalnum() for ch in text)
