"""What notes carry besides prose, handled as a reader of the rendered page sees it.

Book and site generators put things in Markdown that a reader never sees as written: mdBook's
`{{#include file}}`, Liquid/Jinja's `{% tag %}` and `{{ variable }}`, Hugo's `{{< shortcode >}}`,
footnote definitions, admonition markers (`:::tip`, `> [!WARNING]`, `!!! note`, MyST's
```` ```{note} ````), raw HTML. `prepare` turns the text into the Markdown a reader would have seen
(before markdown-it parses it), dropping what cannot be shown and counting it, so `make --from`
can say in one line what it skipped. Directives are never drawn or spoken.

Inside fenced code only mdBook's directives go (a template tutorial's code shows its `{% for %}`);
inside inline code nothing does.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

# what was skipped, in the order the note lists it: (one, many)
KINDS = {"include": ("include directive", "include directives"),
         "directive": ("directive", "directives"),
         "tag": ("template tag", "template tags"),
         "variable": ("template variable", "template variables"),
         "shortcode": ("shortcode", "shortcodes"),
         "html": ("raw HTML block", "raw HTML blocks"),
         "footnote": ("footnote", "footnotes"),
         "image": ("image", "images")}

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^`]*)$")
_MDBOOK = re.compile(r"\{\{\s*#(\w+)[^{}]*\}\}")
_INCLUDES = {"include", "rustdoc_include", "playground", "literalinclude", "include_relative", "render"}
UNKNOWN = "\ue0ff"  # where a template variable was: a sentence that held one is not said (its value is unknown)
_SHORTCODE = re.compile(r"\{\{[<%]\s*(/?)\s*[\w-]+.*?[>%]\}\}")
_TAG = re.compile(r"\{%-?\s*(\w*).*?-?%\}")
_VARIABLE = re.compile(r"\{\{-?\s*[^\s#<%{}][^{}]*?\}\}")
_JINJA_COMMENT = re.compile(r"\{#.*?#\}")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]\s]+\]:")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_CONTAINER = re.compile(r"^ {0,3}:{3,}")                                  # :::tip, ::: {.note}, :::{note}, :::
_MKDOCS = re.compile(r"^ {0,3}(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+\"[^\"]*\")?\s*$")   # !!! note "Title"
_DECORATION = re.compile(r"^\s*(?:\{:[^}]*\}|\[TOC\]|\[\[_TOC_\]\])\s*$", re.I)   # kramdown attributes, a TOC
# a line of one repeated mark ('=====', '-----', '*****'): a plain-text sheet's rule, drawn around a heading
_RULE = re.compile(r"^\s*([=\-_*#+])\1{2,}\s*$")
# a line in capitals with no lowercase letter and no full stop at its end: a title, not a sentence
_SHOUTED = re.compile(r"^(?=[^a-z]*[A-Z][^a-z]*[A-Z])[^a-z#>|`~*+\-\s][^a-z]{1,98}[^a-z.!?\s]\s*$")
_LIQUID_CODE = re.compile(r"^\s*(?:\{%-?\s*highlight\s+([\w+-]+).*%\}|\{\{<\s*highlight\s+([\w+-]+).*>\}\})\s*$")
_LIQUID_END = re.compile(r"^\s*(?:\{%-?\s*endhighlight\s*-?%\}|\{\{<\s*/\s*highlight\s*>\}\})\s*$")
_COMMENT_BLOCK = re.compile(r"^\s*\{%-?\s*comment\s*-?%\}")
_COMMENT_END = re.compile(r"\{%-?\s*endcomment\s*-?%\}")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_ADMONITIONS = {"note", "warning", "tip", "important", "caution", "attention", "danger", "error", "hint",
                "seealso", "admonition", "info", "success", "question", "example", "quote", "abstract", "todo",
                "bug", "failure", "sidebar", "topic", "margin", "dropdown"}
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CODE_DIRECTIVES = {"code", "code-block", "code-cell", "sourcecode", "highlight"}


def skipped_line(counts: Counter[str]) -> str | None:
    """'skipped 12 include directives, 3 raw HTML blocks', or None when nothing was."""
    parts = [f"{counts[k]} {one if counts[k] == 1 else many}" for k, (one, many) in KINDS.items() if counts[k]]
    return f"skipped {', '.join(parts)}" if parts else None


def _inline(line: str, counts: Counter[str]) -> str:
    """Directives and footnote markers out of one line of prose; inline code is left as written."""
    def clean(part: str) -> str:
        def mdbook(m: re.Match[str]) -> str:
            counts["include" if m[1].lower() in _INCLUDES else "directive"] += 1
            return ""

        def shortcode(m: re.Match[str]) -> str:
            if not m[1]:  # a closing {{< /name >}} is the same shortcode
                counts["shortcode"] += 1
            return ""

        def tag(m: re.Match[str]) -> str:
            name = m[1].lower()
            if name in _INCLUDES:
                counts["include"] += 1
            elif name not in ("raw", "endraw") and not name.startswith("end"):
                counts["tag"] += 1
            return ""

        def variable(m: re.Match[str]) -> str:
            counts["variable"] += 1
            return UNKNOWN

        part = _MDBOOK.sub(mdbook, part)
        part = _SHORTCODE.sub(shortcode, part)
        part = _TAG.sub(tag, part)
        part = _VARIABLE.sub(variable, part)
        part = _JINJA_COMMENT.sub("", part)
        return _FOOTNOTE_REF.sub("", part)

    if "{" not in line and "[^" not in line:
        return line
    out, at = [], 0
    for m in _CODE_SPAN.finditer(line):
        out += [clean(line[at:m.start()]), m[0]]
        at = m.end()
    out.append(clean(line[at:]))
    return "".join(out)


def _myst(name: str, arg: str, body: list[str], counts: Counter[str]) -> list[str]:
    """A MyST directive fence (```{note}): an admonition is read, code is code, anything else is skipped."""
    lines = list(body)
    while lines and re.match(r"^\s*:[\w-]+:", lines[0]):  # the directive's :options:
        lines.pop(0)
    if name in _ADMONITIONS:
        return ["", *lines, ""]
    if name in _CODE_DIRECTIVES:
        return ["```" + arg.split(" ")[0], *lines, "```"]
    counts["include" if name in _INCLUDES or name == "include" else "directive"] += 1
    return [""]


def prepare(text: str) -> tuple[str, Counter[str]]:
    """The notes as a reader of the rendered page sees them, and what was dropped on the way (by kind)."""
    counts: Counter[str] = Counter()
    lines = text.split("\n")
    out: list[str] = []
    fence = ""  # the marker of the open code fence
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if fence:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            elif _MDBOOK.fullmatch(line.strip()):
                counts["include" if _MDBOOK.fullmatch(line.strip())[1].lower() in _INCLUDES  # type: ignore[index]
                       else "directive"] += 1
                continue
            out.append(line)
            continue
        m = _FENCE.match(line)
        if m:
            info = m[2].strip()
            directive = re.match(r"^\{([\w-]+)\}\s*(.*)$", info)
            if directive:
                body = []
                while i < len(lines) and not (lines[i].strip().startswith(m[1]) and
                                              not lines[i].strip().strip(m[1][0])):
                    body.append(lines[i])
                    i += 1
                i += 1
                out += _myst(directive[1].lower(), directive[2], body, counts)
                continue
            fence = m[1]
            out.append(line)
            continue
        code = _LIQUID_CODE.match(line)
        if code:  # {% highlight rust %} ... {% endhighlight %} is a code block
            out.append("```" + (code[1] or code[2] or ""))
            while i < len(lines) and not _LIQUID_END.match(lines[i]):
                out.append(lines[i])
                i += 1
            i += 1
            out.append("```")
            continue
        if _COMMENT_BLOCK.match(line):  # {% comment %} ... {% endcomment %}: a note to the author
            while not _COMMENT_END.search(line) and i < len(lines):
                line = lines[i]
                i += 1
            continue
        if _FOOTNOTE_DEF.match(line):
            counts["footnote"] += 1
            while i < len(lines) and (lines[i][:1] in (" ", "\t") and lines[i].strip() or
                                      not lines[i].strip() and i + 1 < len(lines) and lines[i + 1][:4] == "    "):
                i += 1
            out.append("")
            continue
        if not any(x.strip() for x in out) and _SHOUTED.match(line) and not _RULE.match(line) and \
                not (i < len(lines) and _RULE.match(lines[i])):
            # a plain-text sheet's first line in capitals is its title ('THE FRENCH REVOLUTION -- REVISION SHEET'):
            # a heading, not the first sentence said
            out += ["# " + line.strip(), ""]
            continue
        if _RULE.match(line) and (not out or not out[-1].strip()):
            # a rule above a line is decoration, never content: kept, Markdown would read '=====' and the title
            # under it as one heading; a rule right under a line is Markdown's own underline and stays
            out.append("")
            continue
        if _CONTAINER.match(line) or _MKDOCS.match(line) or _DECORATION.match(line):
            out.append("")  # the marker of a box; what is inside is read
            continue
        out.append(_inline(line, counts))
    return "\n".join(out), counts


def html_block(html: str, skipped: Counter[str]) -> str:
    """A block of raw HTML. Text in it is skipped and counted (as are images); a wrapper with no text of
    its own (`<div class="warning">` around Markdown) is only markup. A `<Listing file-name=...>` wrapper
    names the code inside it: returned as that code's label."""
    content = html.strip()
    if content.startswith("<!--"):
        return ""  # a comment: a note to the author
    images = len(re.findall(r"<img\b", content, re.I))
    if images:
        skipped["image"] += images
    text = re.sub(r"<!--.*?-->|<[^>]*>", " ", content, flags=re.S)
    if text.strip():
        skipped["html"] += 1
        return ""
    attrs = {m[1].lower(): m[2] if m[2] is not None else m[3] for m in _ATTR.finditer(content)}
    name = attrs.get("file-name") or attrs.get("filename") or ""
    number = attrs.get("number")
    return f"Listing {number}: {name}" if number and name else name


# -- parsing -------------------------------------------------------------------------------------
def _math_inline(state: Any, silent: bool) -> bool:
    """`$x^2$` and `$$...$$` inside a line. A `$` followed by a space or a digit after the closing one is
    money, not math ("costs $5 and $10")."""
    src, start = state.src, state.pos
    if src[start] != "$":
        return False
    display = src.startswith("$$", start)
    opener = 2 if display else 1
    if start + opener >= state.posMax or src[start + opener].isspace():
        return False
    end = src.find("$$" if display else "$", start + opener)
    while end != -1 and src[end - 1] == "\\":
        end = src.find("$$" if display else "$", end + 1)
    if end == -1 or end >= state.posMax or src[end - 1].isspace():
        return False
    after = end + opener
    if not display and after < len(src) and src[after].isdigit():
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = src[start + opener:end]
        token.markup = "$$" if display else "$"
    state.pos = after
    return True


def _math_block(state: Any, start: int, end: int, silent: bool) -> bool:
    """A `$$` line opens display math that runs to the line ending in `$$` (or `$$...$$` on one line)."""
    first = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
    if not first.startswith("$$") or state.sCount[start] - state.blkIndent >= 4:
        return False
    body, line = first[2:], start
    closed = body.rstrip().endswith("$$")
    if closed:
        body = body.rstrip()[:-2]
    else:
        lines = [body]
        while line + 1 < end:
            line += 1
            text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
            if text.rstrip().endswith("$$"):
                lines.append(text.rstrip()[:-2])
                closed = True
                break
            lines.append(text)
        body = "\n".join(lines)
    if not closed:
        return False
    if silent:
        return True
    token = state.push("math_block", "math", 0)
    token.content = body
    token.map = [start, line + 1]
    state.line = line + 1
    return True


@lru_cache(maxsize=1)
def parser() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table").disable("code")  # raw HTML is parsed, then skipped
    md.inline.ruler.before("escape", "math_inline", _math_inline)
    md.block.ruler.before("fence", "math_block", _math_block, {"alt": ["paragraph", "blockquote", "list"]})
    return md
