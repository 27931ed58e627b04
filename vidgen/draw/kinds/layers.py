"""layers: a stack seen in cross-section, the first item on top; each band slides in as it is named."""

from __future__ import annotations

from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.paint import Rect, glow_stroke, rounded, source
from vidgen.draw.schedule import ease, ease_out
from vidgen.draw.theme import Theme, mix
from vidgen.visual.kinds import register
from vidgen.visual.spec import Element


@register
class LayersKind(Drawer):
    """Bands stacked one on another, the first item at the top (a soil profile, a wall's plaster coats, a leaf's
    tissues): the order a viewer reads down is the order in the thing. A detail is said at the band's right."""

    name = "layers"
    order = 85
    noun = "stack of layers"
    said = "layers of"
    prompt = '"label" (top layer first), optional "detail"'
    item_words = "{label}"
    hints = {"label": "Topsoil", "detail": "rich in humus"}
    graphic = framed = True
    show_seconds = 0.6
    aliases = ("stack", "strata", "cross_section", "layer")
    example = {"id": "Y", "kind": "layers", "caption": "A soil profile",
               "items": [{"label": "Topsoil", "detail": "humus"}, {"label": "Subsoil"},
                         {"label": "Weathered rock"}, {"label": "Bedrock"}]}

    @classmethod
    def want(cls, el: Element, th: Theme, width: float, cap: float) -> tuple[float, float]:
        h = max(2, len(el.items)) * th.size("label") * 2.3
        return h + cap, h * 1.6 + cap

    def setup(self) -> None:
        th = self.theme
        b = self.inner
        n = max(1, len(self.el.items))
        w = min(b[2] - b[0], th.short * 1.3)
        # bands no taller than a few lines of their type: a short stack sits in the middle of a tall box
        band = min((b[3] - b[1]) / n, th.size("label") * 3.2)
        x0, y0 = self.centre_block(w, band * n)
        self.rects: list[Rect] = [(x0, y0 + band * k, x0 + w, y0 + band * (k + 1)) for k in range(n)]
        size = th.size("label")
        detail = [bool(it.detail) for it in self.el.items]
        name_w = w * (0.55 if any(detail) else 0.9)
        # as many lines as the band holds, never below the smallest type a viewer reads
        rows = 2 if band >= size * 3.0 else 1
        least = th.min_text / size
        self.names = [glyphs.fit(it.label, size, name_w, "bold", max_lines=rows, min_scale=max(least, 0.55))
                      for it in self.el.items]
        self.details = [glyphs.fit(it.detail, size * 0.85, w * 0.4, max_lines=rows,
                                   min_scale=max(least / 0.85, 0.55)) if it.detail else None
                        for it in self.el.items]
        self.set_content((x0, y0, x0 + w, y0 + band * n))

    def item_rect(self, j: int) -> Rect:
        return self.rects[j]

    def paint(self, cr: Any, t: float) -> None:
        th = self.theme
        if ease(self.element_shown(t)) <= 0:
            return
        for k in range(len(self.el.items)):
            s = self.shown(k, t)
            if s <= 0:
                continue
            x0, y0, x1, y1 = self.rects[k]
            a = ease(min(1.0, s * 2.5))
            # each band slides in from the side it is drawn on, as a coat is laid
            dx = (1 - ease_out(min(1.0, s / 0.8))) * (x1 - x0) * 0.12
            colour = self.accent(k)
            light = self.light(k, t)
            inset = th.line(0.5)
            rounded(cr, x0 + dx + inset, y0 + inset, x1 - x0 - 2 * inset, y1 - y0 - 2 * inset, th.short * 0.008)
            glow_stroke(cr, colour, light.glow, th.line(0.5))
            source(cr, mix(th.panel, colour, 0.32 + 0.2 * light.colour), a)
            cr.fill()
            lines, size = self.names[k]
            ty = (y0 + y1) / 2 - len(lines) * size * 1.2 / 2
            for line in lines:
                tx = glyphs.text(line, size, "bold")
                glyphs.paint(cr, tx, x0 + dx + th.gap * 0.6, ty + tx.ascent, th.text, a)
                ty += size * 1.2
            if self.details[k]:
                dl, ds = self.details[k] or ([], size)
                ty = (y0 + y1) / 2 - len(dl) * ds * 1.2 / 2
                for line in dl:
                    tx = glyphs.text(line, ds)
                    glyphs.paint(cr, tx, x1 + dx - th.gap * 0.6 - tx.width, ty + tx.ascent, mix(th.text, colour, 0.4),
                                 a)
                    ty += ds * 1.2
