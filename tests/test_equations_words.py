"""Formulas drawn from words read as the words say (issue 20): a division binds to its nearest operands,
words keep their spaces and stand upright, a hyphenated word is no subtraction, a name keeps its star.

Layout is asserted on the glyphs mathtext places (the parser vidgen draws every label with), not only on
the strings: where the fraction bar is, which glyphs sit over and under it, which are raised, which italic.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vidgen.author import phrases as ph
from vidgen.author import spoken_math as sm
from vidgen.author.derive import derive_visual
from vidgen.author.repair import repair_visual
from vidgen.script.model import Script
from vidgen.visual.formula import FormulaError, is_word, to_mathtext

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "corpus" / "scripts"
SEEDS = ROOT / "fixtures" / "seed-scripts"


def _layout(label: str) -> Any:
    from matplotlib.mathtext import MathTextParser

    return MathTextParser("path").parse(label, dpi=72)


def _glyphs(label: str) -> list[tuple[str, float, float, float, bool]]:
    """(char, x, y, size, italic) for every glyph mathtext places."""
    return [(chr(code), float(x), float(y), float(size), "Oblique" in font.postscript_name)
            for font, size, code, _, x, y in _layout(label).glyphs]


def _scene_visual(path: Path, number: int) -> Any:
    script = Script.model_validate(json.loads(path.read_text()))
    scenes = script.ordered_scenes()
    return derive_visual(scenes[number - 1], number - 1, len(scenes), script.title)


def _labels(visual: Any, kind: str) -> list[str]:
    return [it.label for e in visual.elements if e.kind == kind for it in e.items]


# ---- 1. a division binds to its nearest operands ------------------------------------------------------------

def test_compound_interest_formula_is_r_over_n_inside_the_parenthesis_raised_to_nt() -> None:
    labels = _labels(_scene_visual(CORPUS / "compound-interest.json", 2), "equation")
    formula = next(lab for lab in labels if lab.startswith("$A ="))
    assert formula == r"$A = P(1 + \frac{r}{n})^{nt}$"
    layout = _layout(formula)
    assert len(layout.rects) == 1, "one fraction bar"
    bar_x, bar_y, bar_w, _ = layout.rects[0]
    glyphs = _glyphs(formula)
    over = [c for c, x, _, _, _ in glyphs if bar_x - 0.5 <= x <= bar_x + bar_w]
    assert sorted(over) == ["n", "r"], over             # only r and n share the bar's columns
    assert bar_w < 0.15 * layout.width                  # the bar spans r/n, not 'n)^(nt)'
    close = max(x for c, x, *_ in glyphs if c == ")")
    assert close > bar_x + bar_w, "the parenthesis closes after the fraction"
    base = next(y for c, _, y, _, _ in glyphs if c == "A")
    raised = [(c, x, y) for c, x, y, _, _ in glyphs if y > base + 2 and x > close]
    assert [c for c, _, _ in raised] == ["n", "t"], "the exponent nt sits on the parenthesis"


@pytest.mark.parametrize("text, tex", [
    ("A = P(1 + r/n)^(nt)", r"A = P(1 + \frac{r}{n})^{nt}"),
    ("x = (−b ± √(b² − 4ac)) / 2a", r"x = \frac{-b \pm \sqrt{b^{2} - 4ac}}{2a}"),   # brackets of a whole side dropped
    ("R = v₀² sin 2θ / g", r"R = \frac{v_{0}^{2}\,\sin 2θ}{g}"),                    # spaced: the product so far
    ("KE = 1/2 mv^2", r"KE = \frac{1}{2}\,mv^{2}"),                                # unspaced: the glued terms
    ("2X/2 = 12/2", r"\frac{2X}{2} = \frac{12}{2}"),
    ("z1 * z2 = 5", r"z_{1} \cdot z_{2} = 5"),
    ("pH = −log₁₀[H⁺]", r"\mathrm{pH} = -\log_{10}[H^{+}]"),
    ("P(A | B) = P(B | A) × P(A) / P(B)", r"P(A \mid B) = \frac{P(B \mid A) \times P(A)}{P(B)}"),   # 'given'
    ("|z1 z2| = |z1||z2|", r"|z_{1} z_{2}| = |z_{1}||z_{2}|"),                                      # sizes
    ("F_b = ρ × V × g", r"F_{b} = ρ \times V \times g"),
    ("log_b(x) = y", r"\log_{b}(x) = y"),
    ("c = 3 × 10⁸ m/s", r"c = 3 \times 10^{8}\,\frac{m}{s}"),                # a unit set off from its number
    ("moving away: f′ = f × v / (v + vₛ)", r"\mathrm{moving\ away}\colon\ f' = \frac{f \times v}{v + v_{s}}"),
    ("≈ 0.7% of votes = 1 seat", r"\approx 0.7\%\ \mathrm{of\ votes} = 1\ \mathrm{seat}"),
])
def test_ordinary_precedence(text: str, tex: str) -> None:
    assert to_mathtext(text) == tex
    assert sm.to_math(text) == f"${tex}$"


def test_a_spaced_division_takes_the_product_before_it_and_an_unspaced_one_only_its_neighbours() -> None:
    spaced, glued = _layout(sm.to_math("y = a b / c")), _layout(sm.to_math("y = a b/c"))
    assert spaced.rects[0][2] > glued.rects[0][2] * 1.5   # over 'a b' vs over 'b'


# ---- 2. words keep their spaces and stand upright -------------------------------------------------------------

def _space_before(label: str, run_together: str, k: int) -> float:
    """How much further right glyph k sits in `label` than in the same words run together (a word space)."""
    return _glyphs(label)[k][1] - _glyphs(run_together)[k][1]


def test_words_in_an_equation_keep_their_spaces_and_are_upright() -> None:
    label = sm.to_math("r = annual rate")
    assert label == r"$r = \mathrm{annual\ rate}$"
    glyphs = _glyphs(label)
    chars = "".join(c for c, *_ in glyphs)
    assert chars == "r=annualrate"
    assert glyphs[0][4], "a single-letter variable stays italic"
    assert not any(italic for _, _, _, _, italic in glyphs[2:]), "words are upright"
    size = glyphs[0][3]
    assert _space_before(label, r"$r = \mathrm{annualrate}$", chars.rindex("r")) > 0.25 * size


def test_atoms_in_equals_atoms_out_from_the_balancing_script() -> None:
    labels = _labels(_scene_visual(CORPUS / "balancing-chemical-equations.json", 1), "equation")
    assert labels == [r"$\mathrm{Atoms\ in} = \mathrm{Atoms\ out}$"]
    glyphs = _glyphs(labels[0])
    assert not any(italic for *_, italic in glyphs)
    together = r"$\mathrm{Atomsin} = \mathrm{Atomsout}$"
    assert _space_before(labels[0], together, 5) > 0.25 * glyphs[0][3]          # 'Atoms in'
    assert _space_before(labels[0], together, 13) > 0.5 * glyphs[0][3]         # and two spaces by 'out'


@pytest.mark.parametrize("text, tex", [
    ("x = 3 or x = 2", r"x = 3\ \mathrm{or}\ x = 2"),    # a short word among terms is a word
    ("v = at", "v = at"),                                 # ... and alone beside '=' a product
    ("s = ut + ½at²", "s = ut + ½at^{2}"),
    ("E = mgh", "E = mgh"),                               # no vowel: letters multiplied
    ("PV = nRT", "PV = nRT"),
    ("23 × 22 ÷ 2 = 253 pairs", r"23 \times 22 \div 2 = 253\ \mathrm{pairs}"),
])
def test_words_and_products(text: str, tex: str) -> None:
    assert to_mathtext(text) == tex


def test_an_equation_written_without_dollars_is_read_as_a_formula_when_repaired() -> None:
    raw = {"elements": [{"id": "E", "kind": "equation", "items": [{"label": "r = annual rate"},
                                                                   {"label": "x^2 + \\alpha"}]}]}
    visual, _ = repair_visual(raw, 1)
    assert visual is not None
    assert [it.label for it in visual.elements[0].items] == [r"$r = \mathrm{annual\ rate}$",
                                                             "$x^2 + \\alpha$"]   # TeX already written is kept


# ---- 3. a hyphenated word is never a minus ---------------------------------------------------------------------

def test_syn_ack_is_a_word_not_a_subtraction() -> None:
    labels = _labels(_scene_visual(CORPUS / "tcp-three-way-handshake.json", 2), "equation")
    syn_ack = next(lab for lab in labels if "ACK" in lab and "SYN" in lab and "5000" in lab)
    chars = "".join(c for c, *_ in _glyphs(syn_ack))
    assert "SYN‐ACK" in chars and "−" not in chars, chars


@pytest.mark.parametrize("word", ["SYN-ACK", "X-ray", "e-mail", "long-term", "t-test"])
def test_hyphenated_words(word: str) -> None:
    tex = to_mathtext(f"{word} = 1")
    assert tex.startswith(r"\mathrm{") and " - " not in tex
    assert is_word(word)


@pytest.mark.parametrize("text, tex", [("a-b = c", "a - b = c"), ("x - y = 2", "x - y = 2"),
                                       ("n-1 = 4", "n - 1 = 4")])
def test_a_minus_between_single_letters_or_digits(text: str, tex: str) -> None:
    assert to_mathtext(text) == tex


# ---- 4. a name keeps its star ----------------------------------------------------------------------------------

def test_a_star_ending_a_name_is_kept_in_labels_and_equations() -> None:
    bullets = _labels(_scene_visual(CORPUS / "dijkstra-shortest-path.json", 5), "bullets")
    assert "Road maps: Dijkstra or A*" in bullets
    assert ph.plain("Road maps: Dijkstra or A*") == "Road maps: Dijkstra or A*"
    assert ph.plain("**Bold** and *italic* marks go") == "Bold and italic marks go"
    label = sm.to_math("cost = A* + 1")
    assert label == r"$\mathrm{cost} = \mathrm{A{*}} + 1$"
    assert "".join(c for c, *_ in _glyphs(label)) == "cost=A*+1"
    assert to_mathtext("a * b = c") == r"a \cdot b = c"   # a spaced star multiplies


# ---- what is not a formula --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["assert f(100) == 90", "x_1 = {a}", r"\frac{a}{b} = c", "f(x = 2"])
def test_what_the_reader_refuses(text: str) -> None:
    with pytest.raises(FormulaError):
        to_mathtext(text)


def test_code_in_a_note_is_not_drawn_as_an_equation() -> None:
    visual = _scene_visual(CORPUS / "unit-vs-integration-tests.json", 2)
    assert not _labels(visual, "equation")


def test_a_derivation_only_the_note_writes_is_drawn() -> None:
    labels = _labels(_scene_visual(CORPUS / "quadratic-formula.json", 4), "equation")
    assert labels[0] == r"$x^{2} + (\frac{b}{a})x = -\frac{c}{a}$"
    assert len(labels) >= 3


# ---- the six fixtures keep their equations ----------------------------------------------------------------------

SEED_EQUATIONS = {
    "simple-algebra.json": [[], ["$X + 5 = 10$", "$X + 5 - 5 = 10 - 5$", "$X = 5$", "$Y - 3 = 7$", "$Y = 10$"],
                            ["$2X = 12$", r"$\frac{2X}{2} = \frac{12}{2}$", "$X = 6$", r"$\frac{X}{4} = 3$",
                             "$X = 12$"], ["$3N + 1 = 10$", "$3N = 9$", "$N = 3$"]],
    "matrix-multiplication.json": [["$C = AB$"], [r"$(m \times n)\,(n \times q) \rightarrow m \times q$"]],
}


@pytest.mark.parametrize("name", sorted(SEED_EQUATIONS))
def test_seed_equations_are_unchanged(name: str) -> None:
    script = Script.model_validate(json.loads((SEEDS / name).read_text()))
    scenes = script.ordered_scenes()
    for k, want in enumerate(SEED_EQUATIONS[name]):
        visual = scenes[k].visual or derive_visual(scenes[k], k, len(scenes), script.title)
        assert _labels(visual, "equation") == want, (name, k + 1)


def test_any_text_is_read_or_refused_never_a_crash() -> None:
    import random

    pieces = list("abxyzAPnrt0123456789 ()[]|+-−*/^_=≈→,.:%°√²₀θπ½") + ["sin", "log", "SYN-ACK", "A*", "rate ", "in "]
    rng = random.Random(20)
    read = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        try:
            to_mathtext(text)
            read += 1
        except FormulaError:
            pass
        label = sm.to_math(text)   # never raises: mathtext it can draw, or the text as it was
        assert label.startswith("$") or "$" not in label
    assert read > 100   # the fuzz reaches the reader's paths, not only its refusals
    for deep in ("(" * 120 + "x" + ")" * 120, "|" * 150, "x^" * 90 + "2"):
        assert "$" not in sm.to_math(deep)


def test_a_formula_set_as_mathtext_is_quoted_from_the_words_that_write_it() -> None:
    """Evidence for a formula is the span that writes it (verbatim), not a sentence that shares a word with it."""
    path = CORPUS / "compound-interest.json"
    scene = Script.model_validate(json.loads(path.read_text())).ordered_scenes()[1]
    visual = _scene_visual(path, 2)
    equation = next(e for e in visual.elements if e.kind == "equation")
    quotes = [(ev.source, ev.quote) for ev in equation.evidence]
    assert ("anim", "A = P(1 + r/n)^(nt)") in quotes
    # (a symbol's gloss, 'r = annual rate', is no formula of its own: it is not drawn as one)
    assert ("anim", "r = annual rate") not in quotes
    for source, quote in quotes:
        assert quote in {"anim": scene.anim, "text": scene.text}[source]
    tcp = _scene_visual(CORPUS / "tcp-three-way-handshake.json", 2)
    said = [ev.quote for e in tcp.elements if e.kind == "equation" for ev in e.evidence]
    assert "SYN-ACK, seq = 5000, ack = 1001" in said   # the hyphen of the word, the quote's own


def test_a_notes_formula_in_styled_tex_is_said_and_drawn_without_its_markup() -> None:
    """'\\hat{\\boldsymbol\\beta} = (X^\\top X)^{-1} X^\\top y' in lecture notes: the voice and the picture say β and
    X^T, never 'boldsymbol' or 'top'."""
    from vidgen.writers.notes import script_from_notes
    from vidgen.writers.notes_inline import speak_math

    assert speak_math(r"\hat{\boldsymbol\beta} = (X^\top X)^{-1} X^\top \mathbf{y}") == "β = (X^T X)^(-1) X^T y"
    path = CORPUS.parent / "notes" / "lecture-05-linear-regression.md"
    script = Script.model_validate(script_from_notes(None, path.read_text(), 1, filename=path.name))
    scenes = script.ordered_scenes()
    said = next(k for k, s in enumerate(scenes) if "X^T X" in s.text)
    assert "boldsymbol" not in scenes[said].text
    visual = scenes[said].visual or derive_visual(scenes[said], said, len(scenes), script.title)
    assert r"$β = (X^{T} X)^{-1} X^{T} y$" in _labels(visual, "equation")
