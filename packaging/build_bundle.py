"""Build focusmate's one-folder bundle with PyInstaller, then smoke-test it on a headless desktop.

    /work/venv/bin/python packaging/build_bundle.py            # build dist/focusmate, 3 smoke runs
    /work/venv/bin/python packaging/build_bundle.py --skip-build --runs 5
    /work/venv/bin/python packaging/build_bundle.py --compare-installed   # also time the venv's app

Needs PyInstaller in the same environment (``pip install pyinstaller``; it is not a runtime
dependency) and, for the smoke test, the headless desktop of the e2e tests (Debian packages of
the "test" group in packaging/debian-packages.txt). Exits non-zero on the first failed check.

What the smoke test checks (Linux), in this order:

1. **Links.** Every ELF file in the bundle finds each library it links inside the bundle, or is
   one that PyInstaller deliberately leaves to the system (glibc, libGL, Wayland's client
   libraries, ...), with ``LD_LIBRARY_PATH`` pointing at the bundle as the bootloader does.
   This catches a library dropped by the spec's pruning that a later check might not load.
2. **Start-up**, ``--runs`` times, each on a fresh Xvfb + D-Bus + trayer + dunst: the bundled
   program shows its tray icon (the time from launch to an embedded, viewable icon is recorded)
   and answers ``focusmate status`` (the same program, as the command line): idle.
3. **Once, the whole path through the bundle:** the tray icon is drawn (the bundled SVG, found
   through importlib.resources); start a session from the command line; a global
   hotkey (``xdotool key ctrl+alt+p``, pynput's X11 backend) and ``focusmate log app`` each log
   a mark; ``focusmate end`` opens the reflection dialog; an imported sample week shows in the
   weekly review, whose chart (QPainter) is drawn: its bar colours are on screen; the app
   log holds no traceback and no "did not load"; SIGTERM ends the app with exit code 0.
4. **The German catalogue:** with ``FOCUSMATE_LANGUAGE=de``, ``focusmate review`` opens the
   review titled in German (the bundled .qm was found and loaded).

It prints the bundle's size (``du -sh``), the launch-to-icon times and how long the build and
the smoke test took.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import bundle_layout as layout

REPO = layout.REPO
sys.path.insert(0, str(REPO))  # tests/ is imported by its dotted name, as the suite does

from make_screenshots import sample_week_export  # noqa: E402 - packaging/, next to this file

from tests.e2e import focusmate_app  # noqa: E402 - the e2e driver
from tests.e2e.desktop import HeadlessDesktop, wait_until  # noqa: E402
from tests.e2e.focusmate_app import RunningApp  # noqa: E402

SPEC = layout.PACKAGING / "focusmate.spec"
#: The pip-installed console script next to this interpreter (before _app_on_desktop repoints
#: the e2e driver at the bundle), for --compare-installed.
INSTALLED = Path(focusmate_app.FOCUSMATE)
#: Bar colours of focusmate/ui/week_chart_paint.py (minutes in sessions, phone checks), RGB bytes.
CHART_COLOURS = {"minutes": bytes.fromhex("56B4E9"), "phone checks": bytes.fromhex("D55E00")}
#: Fewer pixels of a bar colour than this: the chart was not drawn (legend swatches are ~100).
MIN_BAR_PIXELS = 400
#: App log lines that mean something in the bundle is missing or broken.
BAD_LOG_SIGNS = ("Traceback", "did not load", "hotkeys are off", "No module named", "not found")


class SmokeTestError(RuntimeError):
    """A smoke-test check failed; the message says which and shows the evidence."""


def main(argv: list[str] | None = None) -> int:
    options = _parse(argv)
    dist = options.dist.absolute()
    bundle = dist / layout.APP_NAME
    program = bundle / layout.executable_name(sys.platform)
    build_s = None
    if not options.skip_build:
        build_s = build(dist, options.work.absolute())
    if not program.is_file():
        print(f"build_bundle: no bundle at {program} (build it first)", file=sys.stderr)
        return 1
    size = bundle_size(bundle)
    print(f"bundle: {bundle} — {size}")
    if options.no_smoke:
        return 0
    started = time.monotonic()
    try:
        check_links(bundle)
        if options.compare_installed:
            print(f"comparing with the pip-installed app: {INSTALLED}")
        launch_s: list[float] = []
        installed_s: list[float] = []
        for run in range(1, options.runs + 1):  # alternating, so both see the same conditions
            launch_s.append(smoke_start(program, run))
            if options.compare_installed:
                installed_s.append(smoke_start(INSTALLED, run, label="installed"))
        smoke_full(program)
        smoke_german(program)
    except (SmokeTestError, TimeoutError, RuntimeError) as error:
        print(f"build_bundle: SMOKE TEST FAILED: {error}", file=sys.stderr)
        return 1
    smoke_s = time.monotonic() - started
    print("\n== summary")
    print(f"bundle size (du -sh): {size}")
    print(f"launch to tray icon, bundle: {_figures(launch_s)}")
    if installed_s:
        print(f"launch to tray icon, pip-installed app (same desktop): {_figures(installed_s)}")
    if build_s is not None:
        print(f"build: {build_s:.1f} s")
    print(f"smoke test: {smoke_s:.1f} s")
    return 0


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="output folder")
    parser.add_argument(
        "--work",
        type=Path,
        default=REPO / "build" / "pyinstaller",
        help="PyInstaller's work folder",
    )
    parser.add_argument("--skip-build", action="store_true", help="smoke-test the last build")
    parser.add_argument("--no-smoke", action="store_true", help="build only")
    parser.add_argument("--runs", type=int, default=3, help="start-up measurements (default 3)")
    parser.add_argument(
        "--compare-installed",
        action="store_true",
        help="also time the pip-installed focusmate (next to this Python)",
    )
    return parser.parse_args(argv)


def build(dist: Path, work: Path) -> float:
    """Run PyInstaller on the spec; return how long it took."""
    print(f"== building with PyInstaller: {SPEC.relative_to(REPO)} -> {dist}")
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
        ],
        check=True,
        cwd=REPO,
    )
    elapsed = time.monotonic() - started
    print(f"built in {elapsed:.1f} s")
    return elapsed


def bundle_size(bundle: Path) -> str:
    """``du -sh`` of the bundle, and its number of files."""
    du = subprocess.run(["du", "-sh", str(bundle)], capture_output=True, text=True, check=True)
    files = sum(1 for path in bundle.rglob("*") if path.is_file() and not path.is_symlink())
    return f"{du.stdout.split()[0]} in {files} files"


def check_links(bundle: Path) -> None:
    """Every ELF file's libraries resolve inside the bundle or are left to the system on purpose."""
    if not sys.platform.startswith("linux"):
        print("links: checked on Linux only")
        return
    from PyInstaller.depend import dylib  # noqa: PLC0415 - the build environment has it

    internal = bundle / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    problems: list[str] = []
    elf_files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and _is_elf(p)]
    from_system: set[str] = set()
    for path in elf_files:
        result = subprocess.run(
            ["ldd", str(path)], capture_output=True, text=True, env=env, check=False
        )
        for line in result.stdout.splitlines():
            name, arrow, target = line.strip().partition(" => ")
            if not arrow:
                continue  # the dynamic loader and the vDSO
            resolved = target.split(" (")[0].strip()
            if resolved == "not found":
                problems.append(f"{path.relative_to(bundle)}: {name} not found")
            elif not Path(resolved).resolve().is_relative_to(bundle.resolve()):
                if dylib.include_library(name):
                    problems.append(f"{path.relative_to(bundle)}: {name} taken from {resolved}")
                else:
                    from_system.add(name)
    if problems:
        raise SmokeTestError("libraries missing from the bundle:\n  " + "\n  ".join(problems))
    print(
        f"links: {len(elf_files)} ELF files resolve inside the bundle; from the system "
        f"(by design): {', '.join(sorted(from_system))}"
    )


def _is_elf(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


@contextmanager
def _app_on_desktop(
    program: Path, label: str, extra_env: dict[str, str] | None = None
) -> Iterator[tuple[HeadlessDesktop, RunningApp]]:
    """A fresh headless desktop running ``program`` as the tray app, with its own data folder."""
    focusmate_app.FOCUSMATE = program  # the program RunningApp (the e2e driver) starts and asks
    with HeadlessDesktop() as desktop, tempfile.TemporaryDirectory(prefix="fm-bundle-") as tmp:
        app = None
        try:
            app = RunningApp(desktop, Path(tmp) / "data", extra_env=extra_env)
            yield desktop, app
        except BaseException:
            for log in sorted(desktop.log_dir.glob("focusmate*.log")):
                print(f"--- {label}: {log.name} ---\n{log.read_text(errors='replace')[-4000:]}")
            raise
        finally:
            if app is not None and app.proc.poll() is None:
                app.stop()


def _log_name(app: RunningApp) -> str:
    return f"focusmate-{app.data_dir.name}"  # RunningApp's name for the app's output


def smoke_start(program: Path, run: int, *, label: str = "bundle") -> float:
    """Launch ``program``; it shows its tray icon and answers ``status``. Returns launch-to-icon."""
    with _app_on_desktop(program, label) as (_desktop, app):
        status = app.status()
        if (status["state"], status["session"], status["dnd"]["backend"]) != (
            "idle",
            None,
            "dunst",
        ):
            raise SmokeTestError(f"status of a fresh start: {status}")
        print(f"{label} run {run}: tray icon after {app.launch_to_icon_s:.2f} s; status idle")
        return app.launch_to_icon_s


def smoke_full(program: Path) -> None:
    """Session, hotkey, CLI mark, reflection, weekly review chart, clean exit (module doc)."""
    with _app_on_desktop(program, "bundle") as (desktop, app):
        _check_icon_drawn(app)
        _expect_ok(app.cli("start", "--with", "Smoke Test", "--minutes", "25"), "start")
        desktop.key("ctrl+alt+p")
        _expect_ok(app.cli("log", "app"), "log app")
        wait_until(
            lambda: app.status()["session"]["marks"] == {"phone": 1, "app": 1} or None,
            timeout_s=5,
            what="a mark from the hotkey and one from the CLI",
        )
        print("session: a global hotkey and `focusmate log app` each logged a mark")
        _expect_ok(app.cli("end"), "end")
        wait_until(
            lambda: app.windows_named("Reflect on your session") or None,
            timeout_s=10,
            what="the reflection dialog",
        )
        desktop.key("Escape")
        print("reflection: the dialog opened after `focusmate end`")
        with tempfile.TemporaryDirectory(prefix="fm-week-") as tmp:
            sample = Path(tmp) / "week.json"
            sample_week_export(sample)
            _expect_ok(app.cli("import", str(sample)), "import")
        app.choose_in_tray_menu("w")
        review = wait_until(
            lambda: app.windows_named("weekly review") or None,
            timeout_s=20,
            what="the weekly review",
        )[0]
        _check_chart_drawn(desktop, review)
        log = desktop.read_log(_log_name(app))
        bad = [line for line in log.splitlines() if any(sign in line for sign in BAD_LOG_SIGNS)]
        if bad:
            raise SmokeTestError("the app log shows a problem:\n  " + "\n  ".join(bad))
        code = app.stop()
        if code != 0:
            raise SmokeTestError(f"the app exited with {code} on SIGTERM (expected 0)")
        print("exit: SIGTERM ended the app cleanly (0); its log holds no error")


def smoke_german(program: Path) -> None:
    """The bundled German catalogue loads: the review's title is German."""
    with _app_on_desktop(program, "bundle (German)", {"FOCUSMATE_LANGUAGE": "de"}) as (_d, app):
        _expect_ok(app.cli("review"), "review")
        wait_until(
            lambda: app.windows_named("Wochenrückblick") or None,
            timeout_s=20,
            what="the weekly review titled in German",
        )
        print("German: the review opened as 'focusmate: Wochenrückblick'")


def _expect_ok(result: subprocess.CompletedProcess[str], what: str) -> None:
    if result.returncode != 0:
        raise SmokeTestError(f"`focusmate {what}` exited {result.returncode}: {result.stderr}")


def _check_icon_drawn(app: RunningApp) -> None:
    """The tray icon shows the bundled SVG (a missing icon file leaves a blank square)."""
    pixels = app.icon_pixels()
    colours = {pixels[i : i + 3] for i in range(0, len(pixels) - 2, 3)}
    if len(colours) < 3:
        raise SmokeTestError(f"the tray icon is blank ({len(colours)} colours): no SVG loaded?")
    print(f"tray icon: drawn from the bundled SVG ({len(colours)} colours)")


def _check_chart_drawn(desktop: HeadlessDesktop, window: int) -> None:
    """The review window shows the chart's bars (their colours, in more than a legend)."""

    def counts() -> dict[str, int] | None:
        grab = ["import", "-window", str(window), "-depth", "8", "rgb:-"]
        pixels = subprocess.run(
            grab, env=desktop.env, capture_output=True, timeout=20, check=True
        ).stdout
        triples = [pixels[i : i + 3] for i in range(0, len(pixels) - 2, 3)]
        found = {name: triples.count(colour) for name, colour in CHART_COLOURS.items()}
        return found if min(found.values()) >= MIN_BAR_PIXELS else None

    try:
        found = wait_until(counts, timeout_s=10, what="the chart's bars", interval_s=0.5)
    except TimeoutError as error:
        shot = Path(tempfile.gettempdir()) / "focusmate-bundle-review.png"
        desktop.screenshot(shot)
        raise SmokeTestError(
            f"the weekly review shows no chart ({error}); screen: {shot}"
        ) from None
    print("review: the chart is drawn (pixels per bar colour: " + json.dumps(found) + ")")


def _figures(values: list[float]) -> str:
    runs = ", ".join(f"{v:.2f}" for v in values)
    return (
        f"median {statistics.median(values):.2f} s, min {min(values):.2f} s, "
        f"max {max(values):.2f} s (runs: {runs})"
    )


if __name__ == "__main__":
    sys.exit(main())
