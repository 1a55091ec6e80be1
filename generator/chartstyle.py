"""The charts' look, shared by the matplotlib charts and the SVG template: colours and fonts."""

from __future__ import annotations

from . import status

FONT_STACK = (
    "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', "
    "'PingFang SC', 'Microsoft YaHei', sans-serif"
)
COLORS = {
    **status.COLORS,
    "accent": "#1f5fa8",
    "ideal": "#8a8f98",
    "grid": "#e3e5e8",
    "text": "#30343b",
    "committed": "#1f5fa8",
    "aspirational": "#7e57c2",
}
