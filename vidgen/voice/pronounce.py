"""How narration is *said*: numbers, units, symbols and simple math as a person reads them aloud.

`speakable(text, language)` rewrites one sentence for the voice only; captions are made
from the script text separately and keep what the writer wrote. The rules are English;
for other languages the text is returned unchanged (a wrong reading is worse than the
voice's own). Number words are written here rather than taken from num2words: English
needs ~60 lines, and owning them keeps the readings (years, fractions, "point five")
consistent with the rules that call them.

The rules run in a fixed order, each a regular expression over the whole sentence:
symbols that hide structure first (superscripts, fractions, Greek), then readings that
need a number's context (money, percent, units, years, ordinals), then math operators,
and the plain numbers last.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from vidgen.script.sentences import without_emphasis

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((10**15, "quadrillion"), (10**12, "trillion"), (10**9, "billion"), (10**6, "million"),
           (1000, "thousand"))
_ORDINAL_END = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                "nine": "ninth", "twelve": "twelfth"}


def cardinal(n: int) -> str:
    """12345 -> 'twelve thousand three hundred forty-five' (American style: no 'and')."""
    if n < 0:
        return "minus " + cardinal(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {cardinal(rest)}" if rest else "")
    for value, name in _SCALES:
        if n >= value:
            high, rest = divmod(n, value)
            if high >= 1000 and value == 10**15:  # beyond quadrillions nobody reads words
                return " ".join(_ONES[int(d)] for d in str(n))
            return f"{cardinal(high)} {name}" + (f" {cardinal(rest)}" if rest else "")
    raise AssertionError(n)  # unreachable: every n >= 1000 matches a scale


def ordinal(n: int) -> str:
    words = cardinal(n)
    head, sep, last = words.rpartition("-" if "-" in words.rsplit(" ", 1)[-1] else " ")
    if last in _ORDINAL_END:
        last = _ORDINAL_END[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def year(n: int) -> str:
    """1980 -> 'nineteen eighty', 1905 -> 'nineteen oh five', 2008 -> 'two thousand eight'."""
    if n < 1000 or n >= 10000 or 2000 <= n < 2010 or n % 1000 == 0:
        return cardinal(n)
    high, low = divmod(n, 100)
    if low == 0:
        return f"{cardinal(high)} hundred"
    return f"{cardinal(high)} {'oh ' if low < 10 else ''}{cardinal(low)}"


def _plural_decade(n: int) -> str:
    word = year(n) if n >= 1000 else cardinal(n)
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def number(text: str) -> str:
    """'3.5' -> 'three point five', '1,200' -> 'one thousand two hundred', '007' -> 'zero zero seven'."""
    text = text.replace(",", "")
    whole, _, frac = text.partition(".")
    if len(whole) > 1 and whole.startswith("0"):
        words = " ".join(_ONES[int(d)] for d in whole)
    else:
        words = cardinal(int(whole)) if whole else ""
    if frac:
        digits = " ".join(_ONES[int(d)] for d in frac)
        words = f"{words} point {digits}" if words else f"point {digits}"
    return words


def fraction(num: int, den: int) -> str:
    """1/2 -> 'one half', 3/4 -> 'three quarters', 7/100 -> 'seven hundredths', 13/27 -> 'thirteen over
    twenty-seven'."""
    if den == 0 or not (den <= 20 or den in (100, 1000)) or den == 1:
        return f"{cardinal(num)} over {cardinal(den)}"
    name = {2: "half", 4: "quarter"}.get(den) or ordinal(den)
    if num != 1:
        name = "halves" if den == 2 else name + "s"
    return f"{cardinal(num)} {name}"


# --- tables ---------------------------------------------------------------------------------------

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SUBSCRIPT = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_VULGAR = {"½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5", "⅛": "1/8", "⅜": "3/8",
           "⅝": "5/8", "⅞": "7/8"}
_SYMBOLS = {"−": "-", "×": " * ", "·": " * ", "⋅": " * ", "∙": " * ", "÷": " divided by ",
            "≈": " is approximately ", "≅": " is approximately ", "≠": " is not equal to ",
            "≤": " is less than or equal to ", "≥": " is greater than or equal to ", "±": " plus or minus ",
            "∞": " infinity ", "√": " the square root of ", "→": " to ", "⇒": " implies ", "∝": " is proportional to ",
            "∠": " angle ", "△": " triangle ", "∈": " in ", "∑": " the sum of ", "∫": " the integral of ",
            "…": "...", "“": '"', "”": '"', "’": "'"}
_GREEK = {"π": "pi", "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "Δ": "delta", "ε": "epsilon",
          "θ": "theta", "λ": "lambda", "μ": "mu", "σ": "sigma", "Σ": "sigma", "τ": "tau", "φ": "phi", "ω": "omega"}
_GREEK_RE = re.compile("[" + "".join(_GREEK) + "]")
_ABBREVIATIONS = [(r"\be\.\s?g\.", "for example"), (r"\bi\.\s?e\.", "that is"), (r"\betc\.", "et cetera"),
                  (r"\bvs\.?(?=\s)", "versus"), (r"\bapprox\.", "approximately"), (r"\bcf\.", "compare"),
                  (r"\bFig\.(?=\s*\d)", "Figure"), (r"\bNo\.(?=\s*\d)", "number"), (r"\bDr\.(?=\s+[A-Z])", "Doctor"),
                  (r"\bMr\.(?=\s+[A-Z])", "Mister"), (r"\bMrs\.(?=\s+[A-Z])", "Missus"),
                  (r"\bSt\.(?=\s+[A-Z])", "Saint")]
# symbol -> (singular, plural); only read as a unit right after a number
_UNITS: dict[str, tuple[str, str]] = {
    "km": ("kilometre", "kilometres"), "m": ("metre", "metres"), "cm": ("centimetre", "centimetres"),
    "mm": ("millimetre", "millimetres"), "µm": ("micrometre", "micrometres"), "nm": ("nanometre", "nanometres"),
    "mi": ("mile", "miles"), "ft": ("foot", "feet"), "yd": ("yard", "yards"), "kg": ("kilogram", "kilograms"),
    "g": ("gram", "grams"), "mg": ("milligram", "milligrams"), "µg": ("microgram", "micrograms"),
    "t": ("tonne", "tonnes"), "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"), "oz": ("ounce", "ounces"),
    "s": ("second", "seconds"), "sec": ("second", "seconds"), "ms": ("millisecond", "milliseconds"),
    "µs": ("microsecond", "microseconds"), "ns": ("nanosecond", "nanoseconds"), "min": ("minute", "minutes"),
    "h": ("hour", "hours"), "hr": ("hour", "hours"), "hrs": ("hour", "hours"), "Hz": ("hertz", "hertz"),
    "kHz": ("kilohertz", "kilohertz"), "MHz": ("megahertz", "megahertz"), "GHz": ("gigahertz", "gigahertz"),
    "N": ("newton", "newtons"), "J": ("joule", "joules"), "kJ": ("kilojoule", "kilojoules"), "W": ("watt", "watts"),
    "kW": ("kilowatt", "kilowatts"), "MW": ("megawatt", "megawatts"), "kWh": ("kilowatt hour", "kilowatt hours"),
    "V": ("volt", "volts"), "mV": ("millivolt", "millivolts"), "A": ("amp", "amps"), "mA": ("milliamp", "milliamps"),
    "Ω": ("ohm", "ohms"), "Pa": ("pascal", "pascals"), "kPa": ("kilopascal", "kilopascals"), "K": ("kelvin", "kelvin"),
    "L": ("litre", "litres"), "l": ("litre", "litres"), "ml": ("millilitre", "millilitres"),
    "mL": ("millilitre", "millilitres"), "mph": ("mile per hour", "miles per hour"),
    "kph": ("kilometre per hour", "kilometres per hour"), "rpm": ("revolution per minute", "revolutions per minute"),
    "mol": ("mole", "moles"), "KB": ("kilobyte", "kilobytes"), "MB": ("megabyte", "megabytes"),
    "GB": ("gigabyte", "gigabytes"), "TB": ("terabyte", "terabytes"), "kb": ("kilobit", "kilobits"),
    "Mb": ("megabit", "megabits"), "rad": ("radian", "radians"), "dB": ("decibel", "decibels"),
    "cal": ("calorie", "calories"), "kcal": ("kilocalorie", "kilocalories"), "ly": ("light year", "light years"),
    "AU": ("astronomical unit", "astronomical units"),
}
_PER = {"s": "second", "h": "hour", "hr": "hour", "min": "minute", "m": "metre", "km": "kilometre", "kg": "kilogram",
        "g": "gram", "L": "litre", "l": "litre", "mol": "mole", "m^2": "square metre", "m^3": "cubic metre",
        "s^2": "second squared", "day": "day", "year": "year", "yr": "year"}
_CURRENCY = {"$": ("dollar", "dollars", "cent", "cents"), "€": ("euro", "euros", "cent", "cents"),
             "£": ("pound", "pounds", "penny", "pence"), "¥": ("yen", "yen", "", "")}
_MAGNITUDE = {"k": "thousand", "K": "thousand", "thousand": "thousand", "m": "million", "M": "million",
              "million": "million", "bn": "billion", "b": "billion", "billion": "billion", "trillion": "trillion"}
_FUNCTIONS = {"sin": "sine", "cos": "cosine", "tan": "tangent", "log": "log", "ln": "the natural log",
              "exp": "the exponential", "sqrt": "the square root", "arg": "the argument", "abs": "the absolute value"}
_YEAR_CUE = (r"(?i:in|since|by|from|until|till|of|year|around|circa|before|after|during|early|late|mid|summer|winter|"
             r"spring|autumn|fall|January|February|March|April|May|June|July|August|September|October|November|"
             r"December)")
_UNIT_RE = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
_PER_RE = "|".join(sorted((re.escape(u) for u in _PER), key=len, reverse=True))


def _money(m: re.Match) -> str:
    one, many, cent, cents = _CURRENCY[m["cur"]]
    amount, scale = m["amt"].replace(",", ""), m["scale"]
    sign = "minus " if m["neg"] else ""
    if scale:
        return f"{sign}{number(amount)} {_MAGNITUDE[scale.strip()]} {many}"
    whole, _, frac = amount.partition(".")
    if len(frac) == 2 and cent:
        w, c = int(whole or 0), int(frac)
        parts = ([f"{cardinal(w)} {one if w == 1 else many}"] if w else []) + \
                ([f"{cardinal(c)} {cent if c == 1 else cents}"] if c else [])
        return sign + (" and ".join(parts) or f"zero {many}")
    return f"{sign}{number(amount)} {one if amount == '1' else many}"


def _unit(m: re.Match) -> str:
    value, unit, power, per = m["num"], m["unit"], m["pow"], m["per"]
    if len(unit) == 1 and not m["sp"] and not per and (unit.isupper() or "=" in m.string):
        return m[0]  # "3N = 9", "2X": a coefficient and a variable, not newtons
    one, many = _UNITS[unit]
    name = one if value in ("1", "-1") else many
    if power in ("2", "3") and unit not in ("s", "h", "min"):
        name = ("square " if power == "2" else "cubic ") + name
    elif power:
        name += " to the power of " + number(power)
    spoken = f"{number(value)} {name}"
    if per:
        spoken += " per " + _PER[per]
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
        spoken += " " + " ".join(m[3].replace(".", "").upper())
    return spoken


def _year_range(m: re.Match) -> str:
    return f"{m['cue']} {year(int(m['a']))} to {year(int(m['b']))}" if m["cue"] else \
        f"{year(int(m['a']))} to {year(int(m['b']))}"


Rule = tuple[re.Pattern, "str | Callable[[re.Match], str]"]


def _rules() -> list[Rule]:
    raw: list[tuple[str, str | Callable[[re.Match], str]]] = [
        # structure hidden in symbols
        (r"(\d)\s*(" + "|".join(_VULGAR) + ")", lambda m: f"{m[1]} and {_VULGAR[m[2]]}"),
        ("(" + "|".join(_VULGAR) + ")", lambda m: _VULGAR[m[1]]),
        (r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+", lambda m: "^" + m[0].translate(_SUPERSCRIPT)),
        (r"[₀₁₂₃₄₅₆₇₈₉]+", lambda m: " " + m[0].translate(_SUBSCRIPT)),
        (r"\b([A-Za-z])_\{?(\w+)\}?", r"\1 \2"),
        *_ABBREVIATIONS,
        # readings that need a number's context
        (r"\b(1[1-9]\d0|20[0-9]0)s\b", lambda m: _plural_decade(int(m[1]))),
        (r"(?:(?<=[Tt]he )|(?<=[Tt]he ')|(?<=\s'))([2-9]0)s\b", lambda m: _plural_decade(int(m[1]))),
        (r"(?P<neg>-)?(?P<cur>[$€£¥])\s?(?P<amt>" + NUM + r")"
         r"(?P<scale>\s?(?:thousand|million|billion|trillion|bn|[kKmMb])\b)?", _money),
        (r"(" + NUM + r")\s?%", lambda m: f"{m[1]} percent"),
        (r"(" + NUM + r")\s?°\s?C\b", lambda m: f"{m[1]} degrees Celsius"),
        (r"(" + NUM + r")\s?°\s?F\b", lambda m: f"{m[1]} degrees Fahrenheit"),
        (r"(" + NUM + r")\s?°", lambda m: f"{m[1]} {'degree' if m[1] == '1' else 'degrees'}"),
        (r"(?<![\w.])(?P<num>-?(?:" + NUM + r"))(?P<sp>\s?)(?P<unit>" + _UNIT_RE + r")(?:\^(?P<pow>\d))?"
         r"(?:/(?P<per>" + _PER_RE + r"))?(?![\w/^])", _unit),
        ("Ω", " omega "),
        (r"(?<![\w.])(\d+)\s?x\s?(\d+)(?![\w.])", r"\1 by \2"),
        (r"(?<![\w.])(" + NUM + r")x\b", r"\1 times"),
        (r"\b(\d+)(st|nd|rd|th)\b", lambda m: ordinal(int(m[1]))),
        (r"\b(?:(?P<cue>" + _YEAR_CUE + r")\s+)?(?P<a>1[1-9]\d\d|20\d\d)\s?[–-]\s?(?P<b>1[1-9]\d\d|20\d\d)\b",
         _year_range),
        (r"\b(?P<cue>" + _YEAR_CUE + r")\s+(?P<y>1[1-9]\d\d|20\d\d)\b(?![.,]\d|\s?%)",
         lambda m: f"{m['cue']} {year(int(m['y']))}"),
        (r"\b(\d{3,4})\s?(BC|BCE|AD|CE)\b", lambda m: f"{year(int(m[1]))} {' '.join(m[2])}"),
        (r"\b(\d{1,2}):(\d\d)\b\s?((?:[ap]\.?m\.?)(?![\w]))?", _time),
        (r"\b(\d+):(\d+)\b", r"\1 to \2"),
        # math
        (r"\|([^|]{1,40})\|", _magnitude),
        (r"\b(" + "|".join(_FUNCTIONS) + r")\s*\(\s*([^()]{1,30}?)\s*\)",
         lambda m: f"{_FUNCTIONS[m[1]]} of {m[2]}"),
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
_MATH_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")


def speakable(text: str, language: str = "en") -> str:
    """The sentence as the voice should read it; for languages without rules here, only Markdown emphasis's
    stars go (as in the captions)."""
    global _RULES
    text = without_emphasis(text)
    if (language or "en").lower().replace("_", "-").split("-")[0] != "en":
        return text
    if _RULES is None:
        _RULES = _rules()
    # a Greek mu after a number is the micro prefix (5 μm), which the unit table spells with µ
    text = re.sub(r"(\d\s?)μ(?=[mgsL])", "\\1µ", text)
    for sym, spoken in _SYMBOLS.items():
        if sym in text:
            text = text.replace(sym, spoken)
    # a Greek letter is a word of its own ("2π" is "two pi"), but keeps its neighbours ("π/2")
    text = _GREEK_RE.sub(lambda m: f"{' ' if m.start() and text[m.start() - 1].isalnum() else ''}{_GREEK[m[0]]}"
                         f"{' ' if m.end() < len(text) and text[m.end()].isalnum() else ''}", text)
    if "=" in text:
        # in an equation a hyphen between digits is a minus sign, not a range ("5-3=2")
        text = _MATH_HYPHEN.sub(" - ", text)
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def has_words(text: str) -> bool:
    """Whether a voice has anything to say (a lone '…' or '—' has nothing)."""
    return any(ch.isalnum() for ch in text)
