"""Number words, per language: the one hook the readings in `pronounce` call.

English has its own words here (American style, no "and", no commas): num2words writes
"one thousand, two hundred and thirty-four", and a comma in the text makes a voice pause.
Every other language num2words knows is read through num2words (`words_for(language)`);
a language it does not know gets None, and its numbers are left to the voice.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Protocol

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((10**15, "quadrillion"), (10**12, "trillion"), (10**9, "billion"), (10**6, "million"),
           (1000, "thousand"))
_ORDINAL_END = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                "nine": "ninth", "twelve": "twelfth"}


def digits(text: str) -> str:
    return " ".join(_ONES[int(d)] for d in text)


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
                return digits(str(n))
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


def number(text: str) -> str:
    """'3.5' -> 'three point five', '1,200' -> 'one thousand two hundred', '007' -> 'zero zero seven'."""
    text = text.replace(",", "")
    whole, _, frac = text.partition(".")
    words = digits(whole) if len(whole) > 1 and whole.startswith("0") else cardinal(int(whole)) if whole else ""
    if frac:
        words = f"{words} point {digits(frac)}" if words else f"point {digits(frac)}"
    return words


class Words(Protocol):
    """What a language's readings need: whole numbers, years, and a number as written ('3,5' in German)."""

    def cardinal(self, n: int) -> str: ...

    def year(self, n: int) -> str: ...

    def number(self, text: str) -> str: ...


class English:
    cardinal = staticmethod(cardinal)
    year = staticmethod(year)
    number = staticmethod(number)


# languages that write 3,5 for three and a half (and 1.000 or 1 000 for a thousand)
DECIMAL_COMMA = {"de", "fr", "es", "it", "pt", "nl", "ru", "pl", "cs", "sk", "sl", "sv", "da", "no", "fi", "tr",
                 "id", "ro", "hu", "uk", "be", "lt", "lv", "is", "ca", "sr", "az", "kz", "tg", "vi", "el"}


@dataclass(frozen=True)
class Num2Words:
    """A language num2words knows."""

    lang: str

    @property
    def decimal_comma(self) -> bool:
        return self.lang.split("_")[0] in DECIMAL_COMMA

    def _say(self, value, to: str = "cardinal") -> str:
        from num2words import num2words

        return str(num2words(value, lang=self.lang, to=to))

    def cardinal(self, n: int) -> str:
        return self._say(n)

    def year(self, n: int) -> str:
        try:
            return self._say(n, "year")
        except (NotImplementedError, AttributeError, TypeError, ValueError):
            return self._say(n)

    def number(self, text: str) -> str:
        group, point = (".", ",") if self.decimal_comma else (",", ".")
        plain = text.replace(group, "").replace("\u202f", "").replace("\xa0", "").replace(point, ".")
        from decimal import Decimal, InvalidOperation

        try:
            value = Decimal(plain)
        except InvalidOperation:
            return text
        if value == value.to_integral_value() and "." not in plain:
            return self._say(int(value))
        return self._say(value)


def family(language: str | None) -> str:
    return (language or "en").lower().replace("-", "_").split("_")[0]


@functools.lru_cache(maxsize=64)
def words_for(language: str | None) -> Words | None:
    """The number words of a language: English's own, num2words' for the languages it knows, else None."""
    lang = family(language)
    if lang == "en":
        return English()
    try:
        from num2words import CONVERTER_CLASSES
    except ImportError:  # num2words is a dependency; without it, other languages are read as written
        return None
    return Num2Words(lang) if lang in CONVERTER_CLASSES else None
