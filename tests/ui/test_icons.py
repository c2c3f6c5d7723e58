"""The tray icons: one colour, told apart by shape, readable on light and dark panels.

Readability is measured, not eyeballed: each icon is composited onto a light and a dark
panel at the usual tray sizes, and the share of its pixels that stand out from the panel
by WCAG's non-text contrast (3:1) is counted.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from focusmate.services.controller import SessionController
from focusmate.ui.actions import AppActions
from focusmate.ui.icons import TrayState, app_icon, render_svg, tray_icon, tray_svg
from focusmate.ui.tray import Tray

PANELS = {"light": QColor("#f2f2f2"), "dark": QColor("#1e1e1e")}
NON_TEXT_CONTRAST = 3.0


def luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def on_panel(icon_image: QImage, panel: QColor) -> QImage:
    out = QImage(icon_image.size(), QImage.Format.Format_RGB32)
    out.fill(panel)
    painter = QPainter(out)
    painter.drawImage(0, 0, icon_image)
    painter.end()
    return out


def standing_out(image: QImage, panel: QColor) -> float:
    """The share of pixels that contrast with the panel by at least 3:1."""
    total = image.width() * image.height()
    count = sum(
        contrast(image.pixelColor(x, y), panel) >= NON_TEXT_CONTRAST
        for x in range(image.width())
        for y in range(image.height())
    )
    return count / total


@pytest.mark.parametrize("state", list(TrayState))
@pytest.mark.parametrize("scheme_dark", [False, True], ids=["light-scheme", "dark-scheme"])
@pytest.mark.parametrize("panel", list(PANELS))
@pytest.mark.parametrize("size", [16, 22])
def test_each_icon_stands_out_on_light_and_dark_panels(
    qapp: QApplication, state: TrayState, scheme_dark: bool, panel: str, size: int
) -> None:
    """Whatever the app's scheme, and whatever the panel: a panel's colour need not follow
    the desktop's scheme (GNOME's top bar is dark in the light scheme)."""
    image = tray_icon(state, dark=scheme_dark).pixmap(size, size).toImage()
    assert image.size().width() == size
    share = standing_out(on_panel(image, PANELS[panel]), PANELS[panel])
    assert share >= 0.20, f"only {share:.0%} of the icon stands out"


def test_a_blank_icon_would_fail_the_contrast_check(qapp: QApplication) -> None:
    blank = QImage(22, 22, QImage.Format.Format_ARGB32)
    blank.fill(QColor(0, 0, 0, 0))
    assert standing_out(on_panel(blank, PANELS["dark"]), PANELS["dark"]) == 0


@pytest.mark.parametrize("dark", [False, True])
def test_icons_are_monochrome_glyph_and_halo_only(qapp: QApplication, dark: bool) -> None:
    inks = {QColor("#1b1b1b").rgb(), QColor("#ffffff").rgb()}
    for state in TrayState:
        image = tray_icon(state, dark=dark).pixmap(64, 64).toImage()
        opaque = {
            image.pixelColor(x, y).rgb()
            for x in range(64)
            for y in range(64)
            if image.pixelColor(x, y).alpha() == 255
        }
        # Antialiased edges blend the two inks; solid pixels are one or the other.
        assert opaque, f"{state} drew nothing"
        assert len(opaque & inks) == 2 and all(_grey(rgb) for rgb in opaque), state


def _grey(rgb: int) -> bool:
    color = QColor(rgb)
    return (
        max(color.red(), color.green(), color.blue())
        - min(color.red(), color.green(), color.blue())
        <= 2
    )


def test_states_are_told_apart_by_shape(qapp: QApplication) -> None:
    images = {s: render_svg(tray_svg(s, "#000000", "none"), 22) for s in TrayState}
    for first in TrayState:
        for second in TrayState:
            if first < second:
                differing = sum(
                    images[first].pixelColor(x, y).alpha()
                    != images[second].pixelColor(x, y).alpha()
                    for x in range(22)
                    for y in range(22)
                )
                assert differing / (22 * 22) >= 0.05, (first, second)


def test_glyph_follows_the_scheme(qapp: QApplication) -> None:
    """Dark scheme: a light glyph (centre of the session dot), light scheme: a dark one."""
    light = tray_icon(TrayState.SESSION, dark=False).pixmap(64, 64).toImage().pixelColor(32, 32)
    dark = tray_icon(TrayState.SESSION, dark=True).pixmap(64, 64).toImage().pixelColor(32, 32)
    assert luminance(light) < 0.05 and luminance(dark) > 0.9


def test_app_icon_loads(qapp: QApplication) -> None:
    assert not app_icon().pixmap(48, 48).isNull()


def test_tray_redraws_its_icon_when_the_scheme_changes(
    qapp: QApplication, controller: SessionController, actions: AppActions
) -> None:
    tray = Tray(controller, actions)

    def ring_ink() -> float:  # a point on the idle ring (radius 11 of 32)
        return luminance(tray.icon.icon().pixmap(64, 64).toImage().pixelColor(54, 32))

    qapp.setPalette(QPalette(QColor("#f0f0f0")))
    in_light = ring_ink()
    qapp.setPalette(QPalette(QColor("#202020")))  # what a desktop's dark theme does
    in_dark = ring_ink()
    qapp.setPalette(QPalette())
    assert in_light < 0.05 and in_dark > 0.9
