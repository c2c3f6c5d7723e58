"""Do-not-disturb backends, one module per mechanism, and the choice among them.

``choose_backend(override, env)`` returns the DoNotDisturb for this desktop: the override
(``--dnd-backend`` / ``FOCUSMATE_DND_BACKEND``, passed in by the caller) if given, else the one
matching the running notification server (asked with ``GetServerInformation``, never
D-Bus-activating a server), else ``XDG_CURRENT_DESKTOP``, else the platform, else ``none``.
``backend_named(name, env)`` builds one by name (the crash guard uses it with the name saved
in the journal).  Every backend fails soft: its methods raise DndUnavailable, nothing else.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping

from focusmate.core.dnd import DndUnavailable, DoNotDisturb
from focusmate.core.dnd_names import AUTO, BACKEND_NAMES
from focusmate.core.errors import InvalidInput
from focusmate.desktop.dnd import bus
from focusmate.desktop.dnd.cinnamon import CinnamonDnd
from focusmate.desktop.dnd.detect import backend_for_server, choose_backend_name
from focusmate.desktop.dnd.dunst import DunstDnd
from focusmate.desktop.dnd.gnome import GnomeDnd
from focusmate.desktop.dnd.kde import KdeDnd
from focusmate.desktop.dnd.macos import OFF_SHORTCUT_ENV, ON_SHORTCUT_ENV, MacosDnd
from focusmate.desktop.dnd.mako import MakoDnd
from focusmate.desktop.dnd.mate import MateDnd
from focusmate.desktop.dnd.null import NullDnd
from focusmate.desktop.dnd.swaync import SwayncDnd
from focusmate.desktop.dnd.windows import WindowsDnd
from focusmate.desktop.dnd.xfce import XfceDnd


def _macos(env: Mapping[str, str]) -> DoNotDisturb:
    return MacosDnd(
        env, on_shortcut=env.get(ON_SHORTCUT_ENV), off_shortcut=env.get(OFF_SHORTCUT_ENV)
    )


_FACTORIES: dict[str, Callable[[Mapping[str, str]], DoNotDisturb]] = {
    "kde": KdeDnd,
    "gnome": GnomeDnd,
    "xfce": XfceDnd,
    "mate": MateDnd,
    "cinnamon": CinnamonDnd,
    "dunst": DunstDnd,
    "mako": MakoDnd,
    "swaync": SwayncDnd,
    "windows": WindowsDnd,
    "macos": _macos,
    "none": NullDnd,
}

if tuple(_FACTORIES) != BACKEND_NAMES:  # the CLI validates names without importing backends
    raise ImportError("focusmate.core.dnd_names.BACKEND_NAMES is out of step with the backends")


def backend_named(name: str, env: Mapping[str, str]) -> DoNotDisturb:
    """The backend called ``name``; InvalidInput listing the valid names if there is none."""
    factory = _FACTORIES.get(name.strip().lower())
    if factory is None:
        valid = ", ".join((AUTO, *BACKEND_NAMES))
        raise InvalidInput(f"unknown do-not-disturb backend {name!r}; choose one of: {valid}")
    return factory(env)


def choose_backend(
    override: str | None, env: Mapping[str, str], *, platform: str | None = None
) -> DoNotDisturb:
    """The backend to use: ``override`` when given (and not "auto"), else detected.

    Raises InvalidInput for an unknown override; detection itself never raises.
    """
    if override and override.strip().lower() != AUTO:
        return backend_named(override, env)
    name = choose_backend_name(
        platform=platform or sys.platform,
        server_backend=_running_server_backend(env),
        xdg_current_desktop=env.get("XDG_CURRENT_DESKTOP", ""),
    )
    return backend_named(name, env)


def _running_server_backend(env: Mapping[str, str]) -> str | None:
    """The backend matching the notification server on the session bus, if any is known."""
    if not env.get("DBUS_SESSION_BUS_ADDRESS"):
        return None
    try:
        with bus.session_bus(env) as connection:
            info = bus.server_information(connection)
            if info is None:
                return None
            found = backend_for_server(info.name, info.vendor, frozenset())
            if found is not None:
                return found
            (capabilities,) = bus.call(connection, bus.NOTIFICATIONS, "GetCapabilities")
    except (DndUnavailable, ValueError):
        return None
    if not isinstance(capabilities, list):
        return None
    return backend_for_server(info.name, info.vendor, frozenset(map(str, capabilities)))


__all__ = ["AUTO", "BACKEND_NAMES", "backend_named", "choose_backend"]
