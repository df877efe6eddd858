"""The map of the regulation: parts as columns, provisions as boxes, related provisions as lines.

Only the geometry is computed here (plain numbers from the model); the SVG itself is
a template, so the site and the handbook can each draw it with their own links.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Part, Provision, Regulation

COLUMN, GAP, HEADER, ROW, NODE_W, NODE_H, MARGIN = 132, 12, 64, 72, 120, 60, 10

#: Characters of an 11 px label that fit on one line of a box; a label takes two lines at most.
LINE = 10


@dataclass
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def cx(self) -> int:
        return self.x + self.w // 2

    @property
    def cy(self) -> int:
        return self.y + self.h // 2


@dataclass
class Edge:
    a: Provision
    b: Provision
    path: str  # SVG path data


@dataclass
class RegulationMap:
    width: int
    height: int
    parts: list[tuple[Part, Box]]
    nodes: list[tuple[Provision, Box]]
    edges: list[Edge]


def layout(regulation: Regulation) -> RegulationMap:
    boxes: dict[int, Box] = {}
    parts = []
    rows = max((len(part.provisions) for part in regulation.parts), default=0)
    for column, part in enumerate(regulation.parts):
        x = MARGIN + column * (COLUMN + GAP)
        parts.append((part, Box(x, MARGIN, COLUMN, HEADER + rows * ROW)))
        for row, p in enumerate(part.provisions):
            boxes[p.number] = Box(x + (COLUMN - NODE_W) // 2, MARGIN + HEADER + row * ROW, NODE_W, NODE_H)
    edges, drawn = [], set()
    for p in regulation.provisions:
        for other in p.related:
            pair = tuple(sorted((p.number, other.number)))
            if pair in drawn:
                continue
            drawn.add(pair)
            a, b = boxes[pair[0]], boxes[pair[1]]
            if a.x == b.x:  # same column: bow out to the right
                bow = a.x + a.w + 10 + 4 * abs(pair[1] - pair[0])
                path = f"M{a.x + a.w},{a.cy} C{bow},{a.cy} {bow},{b.cy} {b.x + b.w},{b.cy}"
            else:
                mid = (a.x + a.w + b.x) // 2
                path = f"M{a.x + a.w},{a.cy} C{mid},{a.cy} {mid},{b.cy} {b.x},{b.cy}"
            edges.append(Edge(regulation.provision(pair[0]), regulation.provision(pair[1]), path))
    width = 2 * MARGIN + len(regulation.parts) * (COLUMN + GAP) - GAP
    height = 2 * MARGIN + HEADER + rows * ROW
    return RegulationMap(width, height, parts, [(p, boxes[p.number]) for p in regulation.provisions], edges)


def lines(text: str, length: int = LINE) -> list[str]:
    """A label in at most two lines of ``length`` characters, split near the middle, never cut off."""
    if len(text) <= length:
        return [text]
    middle = (len(text) + 1) // 2
    # Prefer a break after punctuation near the middle (规范工作机制、|挂牌和证明事项).
    for offset in range(0, 3):
        for at in (middle + offset, middle - offset):
            if 0 < at < len(text) and text[at - 1] in "、，和的":
                return [text[:at], text[at:]]
    return [text[:middle], text[middle:]]
