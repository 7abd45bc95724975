"""The people's-situation map (民情地图): the community's grids, estates and buildings, shaded by what hurts.

Drawn on the server as SVG from the rulebook, with no map tiles: grids and estates with ``outline``s
(``[[lng, lat], ...]``) are projected into the picture; without outlines they are laid out
schematically (grids side by side, their estates stacked inside, buildings as small squares in the
staff view). Each shape is shaded by a measure of the month: open tickets, overdue ones, all reported,
or one category's. The public map counts grids and estates; the staff map counts buildings as well.

>>> from rules import load_rulebook
>>> shapes = layout(load_rulebook(), buildings=False)
>>> [s.kind for s in shapes][:3], all(s.points for s in shapes)
(['grid', 'estate', 'estate'], True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from rules import Rulebook

WIDTH, HEIGHT, PAD = 960.0, 560.0, 12.0
MEASURES = ("open", "overdue", "reported")  # or "category:<id>"

Point = tuple[float, float]


@dataclass(frozen=True)
class Shape:
    """One place on the map: ``kind`` grid, estate or building; ``key`` its (grid, estate, building) ids;
    ``points`` its outline in the picture's coordinates; ``count`` the measure; ``shade`` 0 to 1."""

    kind: str
    key: tuple[str | None, str | None, str | None]
    name: str
    points: tuple[Point, ...]
    count: int = 0
    shade: float = 0.0

    @property
    def path(self) -> str:
        """Return the SVG ``points`` attribute."""
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.points)

    @property
    def centre(self) -> Point:
        xs, ys = [p[0] for p in self.points], [p[1] for p in self.points]
        return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2

    @property
    def size(self) -> tuple[float, float]:
        xs, ys = [p[0] for p in self.points], [p[1] for p in self.points]
        return max(xs) - min(xs), max(ys) - min(ys)


def _rect(x: float, y: float, w: float, h: float) -> tuple[Point, ...]:
    return ((x, y), (x + w, y), (x + w, y + h), (x, y + h))


def _projector(book: Rulebook) -> tuple[float, float, float, float] | None:
    """Return (west, north, x scale, y scale) fitting every outline in the picture, or ``None`` when some grid
    has none (then the layout is schematic)."""
    rings = [g.outline for g in book.grids if g.outline] + [e.outline for g in book.grids for e in g.estates
                                                            if e.outline]
    if not rings or any(not g.outline for g in book.grids):
        return None
    lngs = [p[0] for r in rings for p in r]
    lats = [p[1] for r in rings for p in r]
    squeeze = math.cos(math.radians((min(lats) + max(lats)) / 2))  # a degree of longitude is shorter
    span_x = max((max(lngs) - min(lngs)) * squeeze, 1e-9)
    span_y = max(max(lats) - min(lats), 1e-9)
    scale = min((WIDTH - 2 * PAD) / span_x, (HEIGHT - 2 * PAD) / span_y)
    return min(lngs), max(lats), scale * squeeze, scale


def layout(book: Rulebook, *, buildings: bool, lang: str | None = None) -> list[Shape]:
    """Return the map's shapes: each grid, then its estates (then, with ``buildings``, their buildings), named in
    ``lang``."""
    shapes: list[Shape] = []
    fit = _projector(book)
    if fit is not None:
        west, north, sx, sy = fit

        def project(ring: tuple[Point, ...]) -> tuple[Point, ...]:
            return tuple((PAD + (lng - west) * sx, PAD + (north - lat) * sy) for lng, lat in ring)

        for g in book.grids:
            shapes.append(Shape("grid", (g.id, None, None), g.named(lang), project(g.outline)))
            inner = [e for e in g.estates if e.outline]
            for e in inner:
                shapes.append(Shape("estate", (g.id, e.id, None), e.named(lang), project(e.outline)))
                if buildings:
                    shapes += _buildings(g.id, e.id, e.buildings, shapes[-1])
        return shapes
    n = max(1, len(book.grids))
    gap = 14.0
    w = (WIDTH - 2 * PAD - gap * (n - 1)) / n
    for i, g in enumerate(book.grids):
        x = PAD + i * (w + gap)
        shapes.append(Shape("grid", (g.id, None, None), g.named(lang), _rect(x, PAD, w, HEIGHT - 2 * PAD)))
        m = max(1, len(g.estates))
        top, inner_gap = PAD + 40.0, 10.0
        h = (HEIGHT - PAD - top - 10.0 - inner_gap * (m - 1)) / m
        for j, e in enumerate(g.estates):
            shapes.append(Shape("estate", (g.id, e.id, None), e.named(lang),
                                _rect(x + 10.0, top + j * (h + inner_gap), w - 20.0, h)))
            if buildings:
                shapes += _buildings(g.id, e.id, e.buildings, shapes[-1])
    return shapes


def _buildings(grid: str, estate: str, numbers: tuple[str, ...], around: Shape) -> list[Shape]:
    """Return small squares for an estate's buildings, in rows inside ``around``'s box (below its name)."""
    if not numbers:
        return []
    (cx, cy), (w, h) = around.centre, around.size
    x0, y0 = cx - w / 2 + 8.0, cy - h / 2 + 28.0
    cols = max(1, int((w - 16.0) // 34.0))
    side = 28.0
    out = []
    for k, number in enumerate(numbers):
        row, col = divmod(k, cols)
        y = y0 + row * (side + 6.0)
        if y + side > cy + h / 2 - 4.0:
            break  # no room left: the estate's count still includes them
        out.append(Shape("building", (grid, estate, number), number, _rect(x0 + col * (side + 6.0), y, side, side)))
    return out


def shade(shapes: list[Shape], counts: dict[tuple[str | None, str | None, str | None], int]) -> list[Shape]:
    """Return ``shapes`` with their counts (a grid's and an estate's summed from the finer places) and a
    shade relative to the largest count of its kind.

    >>> s = [Shape("grid", ("g", None, None), "G", _rect(0, 0, 1, 1)), Shape("estate", ("g", "e", None), "E",
    ...      _rect(0, 0, 1, 1))]
    >>> [(x.count, x.shade) for x in shade(s, {("g", "e", "3"): 2, ("g", None, None): 1})]
    [(3, 1.0), (2, 1.0)]
    """
    def total(key: tuple[str | None, str | None, str | None], kind: str) -> int:
        g, e, b = key
        return sum(n for (cg, ce, cb), n in counts.items() if cg == g and (kind == "grid" or (
            ce == e and (kind == "estate" or cb == b))))

    counted = [replace(s, count=total(s.key, s.kind)) for s in shapes]
    top = {kind: max((s.count for s in counted if s.kind == kind), default=0) for kind in ("grid", "estate",
                                                                                              "building")}
    return [replace(s, shade=s.count / top[s.kind] if top[s.kind] else 0.0) for s in counted]


def colour(value: float) -> str:
    """Return a fill from pale to deep red for ``value`` in [0, 1].

    >>> colour(0.0), colour(1.0)
    ('#fbf3ef', '#b3261e')
    """
    low, high = (0xFB, 0xF3, 0xEF), (0xB3, 0x26, 0x1E)
    return "#" + "".join(f"{round(a + (b - a) * value):02x}" for a, b in zip(low, high, strict=True))
