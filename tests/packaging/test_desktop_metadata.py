"""The Linux desktop files: the menu entry and the AppStream metainfo validate, and agree.

desktop-file-validate and ``appstreamcli validate --no-net`` are the real validators (Debian
packages desktop-file-utils and appstream); the tests fail, not skip, without them.
"""

from __future__ import annotations

import tomllib
import xml.etree.ElementTree as ET
from pathlib import PurePosixPath
from urllib.parse import urlparse

import bundle_layout

import focusmate
from focusmate.desktop import autostart
from focusmate.desktop.autostart import read_desktop_entry
from tests.packaging.packaging_tools import PACKAGING, REPO, desktop_file_validate, run_tool

APP_ID = bundle_layout.APP_ID
DESKTOP_FILE = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
#: appstreamcli's pedantic remarks that are accepted, with the reason.
ACCEPTED_PEDANTIC = {
    # Reverse-DNS ids conventionally end in the app's capitalised name (org.gnome.Nautilus).
    "cid-contains-uppercase-letter",
}


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()  # noqa: S314 - our own file


def desktop_entry() -> dict[str, str]:
    return read_desktop_entry(DESKTOP_FILE.read_text(encoding="utf-8"))


def test_the_desktop_file_passes_desktop_file_validate_without_a_remark() -> None:
    desktop_file_validate(DESKTOP_FILE)


def test_the_metainfo_passes_appstreamcli_validate() -> None:
    result = run_tool("appstreamcli", "validate", "--no-net", "--pedantic", str(METAINFO))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Validation was successful" in output, output
    remarks = [line for line in output.splitlines() if line[:3] in {"E: ", "W: ", "I: ", "P: "}]
    unexpected = [
        line
        for line in remarks
        if not (line.startswith("P: ") and any(tag in line for tag in ACCEPTED_PEDANTIC))
    ]
    assert not unexpected, output


def test_one_id_everywhere() -> None:
    root = metainfo()
    entry = desktop_entry()
    assert autostart.APP_ID == APP_ID  # the autostart entry and LaunchAgent names
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP_FILE.name
    assert entry["Icon"] == APP_ID
    assert (REPO / "resources" / "icons" / "focusmate.svg").is_file()  # installed as <id>.svg


def test_the_entry_starts_the_installed_command() -> None:
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert list(scripts) == ["focusmate"]
    entry = desktop_entry()
    assert entry["Exec"] == entry["TryExec"] == "focusmate"
    assert entry["Terminal"] == "false"
    assert metainfo().findtext("provides/binary") == "focusmate"
    assert bundle_layout.executable_name("linux") == "focusmate"


def test_the_metainfo_release_is_this_version() -> None:
    versions = [release.get("version") for release in metainfo().iter("release")]
    assert versions and versions[0] == focusmate.__version__ == bundle_layout.version()


def test_every_screenshot_url_names_a_screenshot_in_the_repository() -> None:
    images = [image.text or "" for image in metainfo().iter("image")]
    assert len(images) >= 3
    shots = REPO / "resources" / "screenshots"
    for url in images:
        parsed = urlparse(url)
        assert parsed.scheme == "https" and parsed.netloc, url
        assert (shots / PurePosixPath(parsed.path).name).is_file(), url
    defaults = [s for s in metainfo().iter("screenshot") if s.get("type") == "default"]
    assert len(defaults) == 1
