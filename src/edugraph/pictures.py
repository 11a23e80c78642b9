"""Pictures as SVG text: the chain-up diagram, a target chart, the coverage heat map and the basis summary.

Pure functions from values (what the catalogue queries return, already
grouped by the caller) to SVG strings that the browser draws inline in a page,
so Thai labels are shaped by the browser with the page's Thai font and every
node or cell can be a link. Every piece of source text is escaped here; the
caller passes plain strings. No function reads the graph.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .present import display_width, truncate

# Debian's fonts-thai-tlwg first (Loma and Garuda are sans faces with Latin glyphs), then common Thai faces
FONT = "Loma, Garuda, Waree, Laksaman, 'Noto Sans Thai', Sarabun, sans-serif"
BASES = ("Stated", "Curated", "Suggested")
# one look per kind of link: colour, dash pattern, width (the legend shows the same)
STYLES = {
    "partOf": ("#8a8a8a", "", 1.5),
    "Stated": ("#1f4e9c", "", 3),
    "Curated": ("#1e7d32", "9 4", 2.5),
    "Suggested": ("#c25e00", "2 4", 2.5),
    "": ("#555555", "", 1.5),  # a serves link whose record is missing
}
LEGEND = {
    "en": {"partOf": "part of", "Stated": "stated in the source", "Curated": "curated by an editor",
           "Suggested": "suggested by software", "": "serves (no record)"},
    "th": {"partOf": "เป็นส่วนหนึ่งของ", "Stated": "ระบุในเอกสาร", "Curated": "บรรณาธิการกำหนด",
           "Suggested": "ซอฟต์แวร์เสนอ", "": "สอดคล้อง (ไม่มีบันทึก)"},
}


def e(text) -> str:
    """Text or an attribute value, escaped for XML (quotes too)."""
    return escape("" if text is None else str(text), quote=True)


def _svg(width: float, height: float, body: list[str], label: str, css_class: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{e(label)}" font-family="{FONT}" font-size="12">'
        + "".join(body) + "</svg>"
    )


def _wrap(text: str, columns: int, lines: int) -> list[str]:
    """At most `lines` lines of at most `columns` display columns, broken between words (Thai words as
    pythainlp's newmm dictionary cuts them, since Thai writes no spaces); an ellipsis ends the last line when
    text is left over. A word longer than a line is cut where it must be."""
    from pythainlp.tokenize import word_tokenize

    out, current = [], ""
    for word in word_tokenize(text or "", engine="newmm", keep_whitespace=True):
        if display_width(current + word) <= columns:
            current += word
            continue
        if current.strip():
            out.append(current.rstrip())
        current = word.lstrip()
        while display_width(current) > columns:
            head = truncate(current, columns + 1)[:-1]  # the longest prefix that fits, marks kept with their base
            out.append(head)
            current = current[len(head):]
    if current.strip():
        out.append(current.rstrip())
    if len(out) > lines:
        out = out[:lines]
        out[-1] = truncate(out[-1], columns - 1).removesuffix("…") + "…"
    return out


def _link_line(kind: str) -> str:
    colour, dash, width = STYLES.get(kind, STYLES[""])
    return f'stroke="{colour}" stroke-width="{width}"' + (f' stroke-dasharray="{dash}"' if dash else "")


def _legend(kinds: list[str], x: float, y: float, lang: str) -> list[str]:
    names = LEGEND.get(lang, LEGEND["en"])
    out = [f'<g class="legend" transform="translate({x:.0f},{y:.0f})">']
    for i, kind in enumerate(kinds):
        dy = i * 18
        out.append(f'<line x1="0" y1="{dy}" x2="36" y2="{dy}" {_link_line(kind)}/>'
                   f'<text x="44" y="{dy + 4}" class="legend-{e(kind or "none")}">{e(names[kind])}</text>')
    out.append("</g>")
    return out


# --------------------------------------------------------------------------
# Chain up


@dataclass(frozen=True)
class Link:
    """One link of a chain: `lower` is part of, or serves, `higher`; basis for serves links."""

    lower: str
    link: str  # partOf | serves
    higher: str
    basis: str = ""  # Stated | Curated | Suggested | "" (partOf, or a serves link without a record)

    @property
    def kind(self) -> str:
        return "partOf" if self.link == "partOf" else self.basis


NODE_W, NODE_H, GAP_X, GAP_Y = 230, 56, 16, 46


def chain_diagram(start: str, links: list[Link], labels: dict, levels: dict, href, lang: str = "en") -> str:
    """The chain from `start` (bottom row) up to the National Strategy (top row): one row per step, links styled
    by basis, a legend.

    A node's row is its longest path from the start. `labels` and `levels`
    map an IRI to its label and to its class's short name; `href` maps an IRI
    to the page it links to.
    """
    ups = {}
    for link in links:
        ups.setdefault(link.lower, []).append(link)
    depth = {start: 0}
    order = [start]
    changed = True
    rounds = 0
    while changed and rounds <= len(links) + 1:  # longest path from the start; a cycle stops after len(links) rounds
        changed, rounds = False, rounds + 1
        for lower in list(depth):
            for link in ups.get(lower, []):
                if depth.get(link.higher, -1) < depth[lower] + 1:
                    if link.higher not in depth:
                        order.append(link.higher)
                    depth[link.higher] = depth[lower] + 1
                    changed = True
    rows: dict[int, list[str]] = {}
    for node in order:
        rows.setdefault(depth[node], []).append(node)
    widest = max((len(r) for r in rows.values()), default=1)
    top, steps = 10, max(rows, default=0)
    place = {}
    for row, nodes in rows.items():
        offset = (widest - len(nodes)) * (NODE_W + GAP_X) / 2
        for i, node in enumerate(nodes):
            place[node] = (10 + offset + i * (NODE_W + GAP_X), top + (steps - row) * (NODE_H + GAP_Y))
    kinds = [k for k in ("partOf", *BASES, "") if any(link.kind == k for link in links if link.lower in place)]
    bottom = top + (steps + 1) * (NODE_H + GAP_Y) - GAP_Y
    width = max(widest * (NODE_W + GAP_X) - GAP_X + 20, 260)
    height = bottom + 18 * len(kinds) + 24
    title = "Chain up" if lang == "en" else "ไล่ขึ้น"
    body = [f"<title>{e(title)}</title>"]
    for link in links:
        if link.lower not in place or link.higher not in place:
            continue
        (x1, y1), (x2, y2) = place[link.lower], place[link.higher]
        ax, ay, bx, by = x1 + NODE_W / 2, y1, x2 + NODE_W / 2, y2 + NODE_H
        mid = (ay + by) / 2
        body.append(
            f'<path class="link {e(link.kind or "none").lower()}" d="M{ax:.0f},{ay:.0f} C{ax:.0f},{mid:.0f} {bx:.0f},{mid:.0f} {bx:.0f},{by:.0f}" '
            f'fill="none" {_link_line(link.kind)}><title>{e(LEGEND.get(lang, LEGEND["en"])[link.kind if link.kind in STYLES else ""])}</title></path>'
        )
    for node, (x, y) in place.items():
        label_lines = _wrap(labels.get(node) or node.rsplit("/", 2)[-1], 30, 2)
        stroke = "#222" if node == start else "#9aa"
        body.append(f'<a href="{e(href(node))}" class="node"><title>{e(labels.get(node) or node)}</title>'
                    f'<rect x="{x:.0f}" y="{y:.0f}" width="{NODE_W}" height="{NODE_H}" rx="6" fill="#fbfbf8" stroke="{stroke}" stroke-width="{2 if node == start else 1}"/>'
                    f'<text x="{x + 8:.0f}" y="{y + 14:.0f}" font-size="10" fill="#666">{e(levels.get(node, ""))}</text>')
        for i, line in enumerate(label_lines):
            body.append(f'<text x="{x + 8:.0f}" y="{y + 31 + i * 16:.0f}" fill="#111">{e(line)}</text>')
        body.append("</a>")
    body += _legend(kinds, 10, bottom + 16, lang)
    return _svg(width, height, body, title, "chain")


# --------------------------------------------------------------------------
# Targets by fiscal year


def target_chart(targets: list[tuple[int, float]], baseline: tuple[int | None, float] | None = None, unit: str = "",
                 lang: str = "en") -> str:
    """Targets (fiscal year BE, value) as a line with labelled points; the baseline as a dashed line."""
    w, h, left, right, top, bottom = 340, 170, 44, 16, 16, 34
    points = sorted(targets)
    values = [v for _, v in points] + ([baseline[1]] if baseline else [])
    if not values:
        return ""
    low, high = min(0.0, min(values)), max(values)
    high = high if high > low else low + 1
    years = [y for y, _ in points]
    span = max(len(years) - 1, 1)

    def sx(i: int) -> float:
        return left + 16 + (w - left - right - 32) * (i / span if len(years) > 1 else 0.5)  # clear of the axis labels

    def sy(v: float) -> float:
        return top + (h - top - bottom) * (1 - (v - low) / (high - low))

    title = ("Targets by fiscal year" if lang == "en" else "ค่าเป้าหมายรายปีงบประมาณ") + (f" ({unit})" if unit else "")
    body = [f"<title>{e(title)}</title>",
            f'<line x1="{left}" y1="{sy(low):.1f}" x2="{w - right}" y2="{sy(low):.1f}" stroke="#999"/>',
            f'<text x="{left - 6}" y="{sy(high) + 4:.1f}" text-anchor="end" fill="#666">{e(_number(high))}</text>',
            f'<text x="{left - 6}" y="{sy(low) + 4:.1f}" text-anchor="end" fill="#666">{e(_number(low))}</text>']
    if baseline:
        year, value = baseline
        name = ("baseline" if lang == "en" else "ข้อมูลฐาน") + (f" {year}" if year else "")
        body.append(f'<line class="baseline" x1="{left}" y1="{sy(value):.1f}" x2="{w - right}" y2="{sy(value):.1f}" '
                    f'stroke="#777" stroke-dasharray="5 4"><title>{e(name)}: {e(_number(value))}</title></line>'
                    f'<text x="{w - right}" y="{sy(value) - 4:.1f}" text-anchor="end" fill="#555" font-size="10">{e(name)}</text>')
    coords = " ".join(f"{sx(i):.1f},{sy(v):.1f}" for i, (_, v) in enumerate(points))
    body.append(f'<polyline points="{coords}" fill="none" stroke="#1f4e9c" stroke-width="2"/>')
    for i, (year, value) in enumerate(points):
        body.append(f'<circle class="target" cx="{sx(i):.1f}" cy="{sy(value):.1f}" r="3.5" fill="#1f4e9c"><title>{year}: {e(_number(value))}</title></circle>'
                    f'<text x="{sx(i):.1f}" y="{sy(value) - 7:.1f}" text-anchor="middle" font-size="10">{e(_number(value))}</text>'
                    f'<text x="{sx(i):.1f}" y="{h - bottom + 16}" text-anchor="middle" fill="#444">{year}</text>')
    return _svg(w, h, body, title, "targets")


def _number(value: float) -> str:
    return f"{value:g}"


# --------------------------------------------------------------------------
# Coverage heat map


def _shade(share: float) -> tuple[str, str]:
    """Fill and text colour for a share 0-1 of the largest cell (white to deep blue)."""
    low, high = (239, 244, 250), (17, 62, 130)
    fill = "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(low, high))
    return fill, ("#ffffff" if share > 0.55 else "#111111")


def heat_map(offices: list[tuple[str, str]], items: list[tuple[str, str, str]], cells: dict, href, lang: str = "en",
             cell_href=None) -> str:
    """Offices (IRI, label) × OBEC policy items (IRI, notation, label): each cell the elements and indicators serving the item.

    `cells` maps (office IRI, item IRI) to (elements, indicators); `cell_href(office, item)`
    is where a cell links to (the chain down for that office and item). The
    items' labels are listed under the map as a key to the column numbers.
    """
    names = {"en": ("Coverage of OBEC policy items", "elements · indicators", "no element serves this item"),
             "th": ("ความครอบคลุมนโยบาย สพฐ.", "องค์ประกอบ · ตัวชี้วัด", "ไม่มีองค์ประกอบใดสอดคล้อง")}[lang if lang == "th" else "en"]
    label_w = min(360, max([display_width(label) for _, label in offices] + [10]) * 7 + 16)
    cw, ch, head = 62, 30, 28
    width = label_w + cw * len(items) + 20
    biggest = max([sum(c) for c in cells.values()] + [1])
    body = [f"<title>{e(names[0])}</title>"]
    for j, (item, notation, label) in enumerate(items):
        x = label_w + j * cw + cw / 2
        body.append(f'<a href="{e(href(item))}"><text x="{x:.0f}" y="{head - 10}" text-anchor="middle" font-weight="bold">'
                    f"{e(notation)}<title>{e(label)}</title></text></a>")
    for i, (office, label) in enumerate(offices):
        y = head + i * ch
        body.append(f'<a href="{e(href(office))}"><text class="office" x="{label_w - 8}" y="{y + ch / 2 + 4:.0f}" text-anchor="end">'
                    f"{e(truncate(label, 48))}<title>{e(label)}</title></text></a>")
        for j, (item, notation, item_label) in enumerate(items):
            x = label_w + j * cw
            elements, indicators = cells.get((office, item), (0, 0))
            total = elements + indicators
            fill, ink = _shade(total / biggest) if total else ("#f4f4f4", "#999999")
            tip = f"{label} × {notation} {item_label}: " + (f"{elements} · {indicators} ({names[1]})" if total else names[2])
            rect = (f'<rect x="{x + 1}" y="{y + 1}" width="{cw - 2}" height="{ch - 2}" fill="{fill}"/>'
                    f'<text x="{x + cw / 2:.0f}" y="{y + ch / 2 + 4:.0f}" text-anchor="middle" fill="{ink}">'
                    f'{f"{elements} · {indicators}" if total else "–"}</text>')
            if total and cell_href is not None:
                body.append(f'<a class="cell" href="{e(cell_href(office, item))}"><title>{e(tip)}</title>{rect}</a>')
            else:
                body.append(f'<g class="cell empty"><title>{e(tip)}</title>{rect}</g>')
    y = head + len(offices) * ch + 22
    body.append(f'<text x="{label_w}" y="{y}" fill="#444">{e(names[1])}</text>')
    for k, (item, notation, label) in enumerate(items):
        body.append(f'<text class="key" x="{label_w}" y="{y + 20 + k * 17}"><tspan font-weight="bold">{e(notation)}</tspan> {e(truncate(label, 90))}</text>')
    height = y + 20 + len(items) * 17 + 8
    return _svg(max(width, label_w + 560), height, body, names[0], "heatmap")


# --------------------------------------------------------------------------
# Alignment bases per office


def basis_summary(offices: list[tuple[str, str, dict]], href, lang: str = "en") -> str:
    """One stacked bar per office (IRI, label, {basis: count}): its alignment records by basis, colours as in the chain."""
    names = LEGEND.get(lang, LEGEND["en"])
    label_w, bar_w, row = 300, 380, 26
    biggest = max([sum(counts.get(b, 0) for b in BASES) for _, _, counts in offices] + [1])
    title = "Alignment records by basis" if lang == "en" else "บันทึกความสอดคล้องจำแนกตามที่มา"
    body = [f"<title>{e(title)}</title>"]
    for i, (office, label, counts) in enumerate(offices):
        y = 8 + i * row
        body.append(f'<a href="{e(href(office))}"><text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{e(truncate(label, 44))}'
                    f"<title>{e(label)}</title></text></a>")
        x = label_w
        for basis in BASES:
            n = counts.get(basis, 0)
            if not n:
                continue
            w = bar_w * n / biggest
            colour = STYLES[basis][0]
            body.append(f'<rect class="basis {basis.lower()}" x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{row - 8}" fill="{colour}">'
                        f"<title>{e(names[basis])}: {n}</title></rect>")
            if w > 24:
                body.append(f'<text x="{x + w / 2:.1f}" y="{y + 15}" text-anchor="middle" fill="#fff">{n}</text>')
            x += w
        total = sum(counts.get(b, 0) for b in BASES)
        body.append(f'<text x="{x + 6:.1f}" y="{y + 15}" fill="#444">{total}</text>')
    y = 8 + len(offices) * row + 8
    for k, basis in enumerate(BASES):
        x = label_w + k * 130
        body.append(f'<rect x="{x}" y="{y}" width="14" height="12" fill="{STYLES[basis][0]}"/>'
                    f'<text x="{x + 20}" y="{y + 11}">{e(names[basis])}</text>')
    return _svg(label_w + bar_w + 60, y + 24, body, title, "bases")
