"""The pulse page end to end (issue 16): the installed focusmate on the headless desktop, in
German, with the page turned on in its settings file; a session started and ended by the
command line; `focusmate pulse last --serve --json` opens the page on this machine's
local-network address and the QR window on screen, whose code (a screenshot of the window,
decoded by zbarimg) is the printed address; Debian's headless Chromium loads it, answers by
keyboard alone and sends; the export then holds the answers with via "page", the address
answers 410, and closing the window (Escape) stops the listening at once.

Nothing is faked: the real network address (a private one; this machine's eth0), the real
browser, the real X server and the app's real clock.
"""

from __future__ import annotations

import ipaddress
import json
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from focusmate.desktop.pulse_page import local_network_address
from focusmate.ui.i18n import LANGUAGE_ENV
from tests.desktop.browser import (
    answer_by_keyboard,
    chromium,
    document_response,
    listens,
    load,
    requested,
)
from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import RunningApp

pytestmark = pytest.mark.timeout(180)

#: The QR window's title in German (ui.pulse_code_window, translated).
WINDOW_TITLE = "focusmate: Antworten auf dem Handy"
THANKS = "Danke. Ihre Antworten sind gesendet; Sie können diese Seite schließen."
CLOSED = "Dieses Formular ist geschlossen"


@pytest.fixture
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[webdriver.Chrome]:
    monkeypatch.setenv("SE_MANAGER_PATH", "/bin/false")  # never a downloaded driver
    with chromium(tmp_path / "chromium") as driver:
        yield driver


@pytest.fixture
def app(desktop: HeadlessDesktop, tmp_path: Path) -> Iterator[RunningApp]:
    """focusmate in German, the pulse page turned on in the settings file before launch."""
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    settings = data / "settings.json"
    settings.write_text(
        json.dumps(
            {
                "version": 1,
                "welcomed": True,
                "morning_reminder": {"enabled": False},
                "pulse_page_enabled": True,
            }
        )
    )
    settings.chmod(0o600)
    running = RunningApp(desktop, data, extra_env={LANGUAGE_ENV: "de"})
    yield running
    running.stop()


def decoded_qr(app: RunningApp, window: int, picture: Path) -> str:
    """What zbarimg reads in a screenshot of ``window``."""
    app.desktop.run(["import", "-window", str(window), str(picture)], check=True, timeout_s=20)
    zbarimg = shutil.which("zbarimg")
    assert zbarimg is not None, "zbarimg is missing: apt-get install zbar-tools"
    decoded = subprocess.run(
        [zbarimg, "--quiet", "--raw", str(picture)],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return decoded.stdout.strip()


def test_the_phone_answers_the_pulse_by_the_qr_code(
    app: RunningApp, browser: webdriver.Chrome, tmp_path: Path
) -> None:
    assert app.cli("start", "--with", "Jordan", "--minutes", "30").returncode == 0
    ended = app.cli("end")
    assert ended.returncode == 0, ended.stderr

    served = app.cli("pulse", "last", "--serve", "--json")
    assert (served.returncode, served.stderr) == (0, "")
    printed = json.loads(served.stdout)
    assert set(printed) == {"url", "expires_at"}
    url = printed["url"]
    host = urlsplit(url).hostname or ""
    assert host == local_network_address()  # eth0's private address, never loopback
    assert ipaddress.ip_address(host).is_private and not ipaddress.ip_address(host).is_loopback
    expires_at = datetime.fromisoformat(printed["expires_at"])
    assert expires_at.utcoffset() == timedelta(0)
    assert timedelta(minutes=9) < expires_at - datetime.now(UTC) <= timedelta(minutes=10)

    window = wait_until(
        lambda: app.windows_named(WINDOW_TITLE) or None, timeout_s=10, what="the QR window"
    )[0]
    assert decoded_qr(app, window, tmp_path / "qr-window.png") == url

    loading = load(browser, url)
    assert document_response(loading)[0] == 200
    assert requested(loading) == [url]  # the page loads nothing from anywhere else
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de"
    answer_by_keyboard(browser, ("Gut zugehört.", "Mehr Zeit nächstes Mal"))
    WebDriverWait(browser, 30).until(lambda d: THANKS in d.page_source)

    def pulse() -> dict[str, object] | None:
        (session,) = app.exported_sessions()
        kept: dict[str, object] | None = session["rep_pulse"]
        return kept

    kept = wait_until(pulse, timeout_s=10, what="the answers in the export")
    assert {k: kept[k] for k in ("heard", "concern", "attention", "comment", "via")} == {
        "heard": 4,
        "concern": "partly",
        "attention": 5,
        "comment": "Gut zugehört.\nMehr Zeit nächstes Mal",
        "via": "page",
    }

    assert document_response(load(browser, url))[0] == 410  # used: refused
    assert CLOSED in browser.find_element(By.TAG_NAME, "body").text
    assert app.windows_named(WINDOW_TITLE) == [window]  # it stays until the user closes it

    app.focus_window(WINDOW_TITLE)
    app.desktop.key("Escape")
    wait_until(
        lambda: not app.windows_named(WINDOW_TITLE) or None, timeout_s=10, what="it to close"
    )
    wait_until(lambda: not listens(url) or None, timeout_s=10, what="the page to stop")
