"""The words behind the readings in `pronounce`: symbols, abbreviations, units, currencies (English)."""

from __future__ import annotations

import re

SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
SUBSCRIPT = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
VULGAR = {"½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5", "⅛": "1/8", "⅜": "3/8",
          "⅝": "5/8", "⅞": "7/8"}
SYMBOLS = {"−": "-", "×": " * ", "·": " * ", "⋅": " * ", "∙": " * ", "÷": " divided by ",
           "≈": " is approximately ", "≅": " is approximately ", "≠": " is not equal to ",
           "≤": " is less than or equal to ", "≥": " is greater than or equal to ", "±": " plus or minus ",
           "∞": " infinity ", "√": " the square root of ", "→": " to ", "⇒": " implies ", "∝": " is proportional to ",
           "∠": " angle ", "△": " triangle ", "∈": " in ", "∑": " the sum of ", "∫": " the integral of ",
           "…": "...", "“": '"', "”": '"', "’": "'"}
GREEK = {"π": "pi", "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "Δ": "delta", "ε": "epsilon",
         "θ": "theta", "λ": "lambda", "μ": "mu", "σ": "sigma", "Σ": "sigma", "τ": "tau", "φ": "phi", "ω": "omega"}
GREEK_RE = re.compile("[" + "".join(GREEK) + "]")

# (pattern, what is said). A title before a name, a number's abbreviation before a number: read only where
# it is one ("St. Paul" is Saint, "No. 5" is number). `vidgen.script.sentences` knows the same abbreviations,
# so none of them ends a sentence.
ABBREVIATIONS = [(r"\be\.\s?g\.", "for example"), (r"\bi\.\s?e\.", "that is"), (r"\betc\.", "et cetera"),
                 (r"\bvs\.?(?=\s)", "versus"), (r"\bapprox\.", "approximately"), (r"\bcf\.", "compare"),
                 (r"\bca\.(?=\s*\d)", "circa"), (r"\bFig\.(?=\s*\d)", "Figure"), (r"\bNo\.(?=\s*\d)", "number"),
                 (r"\bNos\.(?=\s*\d)", "numbers"), (r"\bpp?\.(?=\s*\d)", "page"), (r"\bvol\.(?=\s*\d)", "volume"),
                 (r"\bch\.(?=\s*\d)", "chapter"), (r"\bDr\.(?=\s+[A-Z])", "Doctor"),
                 (r"\bMr\.(?=\s+[A-Z])", "Mister"), (r"\bMrs\.(?=\s+[A-Z])", "Missus"), (r"\bMs\.(?=\s+[A-Z])", "Miz"),
                 (r"\bProf\.(?=\s+[A-Z])", "Professor"), (r"\bSt\.(?=\s+[A-Z])", "Saint"),
                 (r"\bMt\.(?=\s+[A-Z])", "Mount"), (r"\bJr\.", "Junior"), (r"\bSr\.", "Senior")]

# symbol -> (singular, plural); only read as a unit right after a number
UNITS: dict[str, tuple[str, str]] = {
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
    # energy, power and electricity beyond the everyday
    "Wh": ("watt hour", "watt hours"), "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"), "TWh": ("terawatt hour", "terawatt hours"),
    "GW": ("gigawatt", "gigawatts"), "TW": ("terawatt", "terawatts"), "kV": ("kilovolt", "kilovolts"),
    "mAh": ("milliamp hour", "milliamp hours"), "µA": ("microamp", "microamps"), "MJ": ("megajoule", "megajoules"),
    "eV": ("electronvolt", "electronvolts"), "keV": ("kiloelectronvolt", "kiloelectronvolts"),
    "MeV": ("megaelectronvolt", "megaelectronvolts"), "GeV": ("gigaelectronvolt", "gigaelectronvolts"),
    "TeV": ("teraelectronvolt", "teraelectronvolts"), "µF": ("microfarad", "microfarads"),
    "nF": ("nanofarad", "nanofarads"), "pF": ("picofarad", "picofarads"), "MPa": ("megapascal", "megapascals"),
    "GPa": ("gigapascal", "gigapascals"), "hPa": ("hectopascal", "hectopascals"), "atm": ("atmosphere", "atmospheres"),
    "psi": ("pound per square inch", "pounds per square inch"), "mmHg": ("millimetre of mercury",
                                                                       "millimetres of mercury"),
    # the rest: data, rates, volumes, astronomy, radiation, chemistry
    "PB": ("petabyte", "petabytes"), "kbps": ("kilobit per second", "kilobits per second"),
    "Mbps": ("megabit per second", "megabits per second"), "Gbps": ("gigabit per second", "gigabits per second"),
    "fps": ("frame per second", "frames per second"), "bpm": ("beat per minute", "beats per minute"),
    "mpg": ("mile per gallon", "miles per gallon"), "gal": ("gallon", "gallons"), "qt": ("quart", "quarts"),
    "ha": ("hectare", "hectares"), "kn": ("knot", "knots"),
    "kpc": ("kiloparsec", "kiloparsecs"), "Mpc": ("megaparsec", "megaparsecs"), "Sv": ("sievert", "sieverts"),
    "mSv": ("millisievert", "millisieverts"), "µSv": ("microsievert", "microsieverts"), "Gy": ("gray", "gray"),
    "ppm": ("part per million", "parts per million"), "ppb": ("part per billion", "parts per billion"),
    "mmol": ("millimole", "millimoles"), "yr": ("year", "years"), "yrs": ("year", "years"), "wk": ("week", "weeks"),
    "wks": ("week", "weeks"), "µl": ("microlitre", "microlitres"), "µL": ("microlitre", "microlitres"),
    "dl": ("decilitre", "decilitres"), "dL": ("decilitre", "decilitres"), "cl": ("centilitre", "centilitres"),
}
PER = {"s": "second", "h": "hour", "hr": "hour", "min": "minute", "m": "metre", "km": "kilometre", "kg": "kilogram",
       "g": "gram", "L": "litre", "l": "litre", "mol": "mole", "m^2": "square metre", "m^3": "cubic metre",
       "s^2": "second squared", "day": "day", "year": "year", "yr": "year", "dL": "decilitre", "ml": "millilitre",
       "mL": "millilitre", "kWh": "kilowatt hour", "week": "week", "month": "month", "person": "person"}
CURRENCY = {"$": ("dollar", "dollars", "cent", "cents"), "€": ("euro", "euros", "cent", "cents"),
            "£": ("pound", "pounds", "penny", "pence"), "¥": ("yen", "yen", "", ""), "₹": ("rupee", "rupees", "", "")}
# an amount right after 'a' names a kind of thing: 'a $20 bill' is 'a twenty dollar bill' (labels and voice alike)
NAMES_A_KIND = re.compile(r"(?:^|\s)an?\s$", re.I)
MAGNITUDE = {"k": "thousand", "K": "thousand", "thousand": "thousand", "m": "million", "M": "million",
             "million": "million", "bn": "billion", "b": "billion", "billion": "billion", "trillion": "trillion"}
FUNCTIONS = {"sin": "sine", "cos": "cosine", "tan": "tangent", "log": "log", "ln": "the natural log",
             "exp": "the exponential", "sqrt": "the square root", "arg": "the argument", "abs": "the absolute value"}
YEAR_CUE = (r"(?i:in|since|by|from|until|till|of|year|around|circa|before|after|during|early|late|mid|summer|winter|"
            r"spring|autumn|fall|January|February|March|April|May|June|July|August|September|October|November|"
            r"December)")
UNIT_RE = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
PER_RE = "|".join(sorted((re.escape(u) for u in PER), key=len, reverse=True))

# A bare 1100-2099 is a year ("1666 was the year of the fire") unless what follows is a counted noun
# ("1500 people", "1200 years"): a plural, which in English mostly ends in s. These end in s but are not.
NOT_PLURAL = {"was", "has", "is", "as", "its", "this", "his", "us", "thus", "does", "goes", "says", "always",
              "perhaps", "towards", "afterwards", "whereas", "plus", "versus", "yes"}
IRREGULAR_PLURALS = {"people", "men", "women", "children", "feet", "teeth", "mice", "geese", "sheep", "fish",
                     "deer", "cattle", "staff", "personnel", "aircraft", "species", "series"}

# "%" in the languages num2words reads (English has its own rule)
PERCENT = {"de": "Prozent", "fr": "pour cent", "es": "por ciento", "it": "per cento", "pt": "por cento",
           "nl": "procent", "sv": "procent", "da": "procent", "no": "prosent", "pl": "procent", "cs": "procent",
           "ru": "процентов", "uk": "відсотків", "tr": "yüzde", "fi": "prosenttia", "ro": "la sută", "ca": "per cent"}
