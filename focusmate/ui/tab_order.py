"""Tab order as the eye reads: a chain of controls set in one call, and a button box's buttons
in the order the platform lays them out (Save before Cancel on some desktops, after on
others)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget


def chain_tab_order(chain: Sequence[QWidget]) -> None:
    """Tab goes from each control in ``chain`` to the next."""
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)


def buttons_in_order(box: QDialogButtonBox) -> list[QWidget]:
    """The box's push buttons as its own layout places them."""
    layout = box.layout()
    items = [] if layout is None else [layout.itemAt(i) for i in range(layout.count())]
    found = [item.widget() for item in items if item is not None]
    return [w for w in found if isinstance(w, QPushButton)]
