"""The internet sockets a process holds, read from /proc: how a test sees that a daemon listens
and talks on loopback only (a discovery or relay socket would show its wildcard or remote
address here)."""

from __future__ import annotations

import ipaddress
import socket
import sys
from pathlib import Path
from typing import NamedTuple

_TABLES = {
    "tcp": socket.AF_INET,
    "udp": socket.AF_INET,
    "tcp6": socket.AF_INET6,
    "udp6": socket.AF_INET6,
}


class InetSocket(NamedTuple):
    protocol: str  # tcp, udp, tcp6, udp6
    local: str  # address:port
    remote: str

    @property
    def on_loopback(self) -> bool:
        """Both ends on loopback (an unconnected socket's remote end is the wildcard: allowed)."""
        local, remote = (_host(end) for end in (self.local, self.remote))
        return _is_loopback(local) and (_is_loopback(remote) or remote.is_unspecified)


def inet_sockets(pid: int) -> list[InetSocket]:
    """The TCP and UDP sockets (IPv4 and IPv6) among ``pid``'s open files."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = str(fd.readlink())
        except OSError:  # closed meanwhile
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    found = []
    for protocol, family in _TABLES.items():
        lines = Path(f"/proc/{pid}/net/{protocol}").read_text().splitlines()[1:]
        for line in lines:
            fields = line.split()
            if fields[9] in inodes:
                local, remote = (_decode(fields[i], family) for i in (1, 2))
                found.append(InetSocket(protocol, local, remote))
    return found


def _decode(hex_address: str, family: int) -> str:
    """/proc/net's ``0100007F:1F90`` (32-bit words in host order) as ``127.0.0.1:8080``."""
    address, port = hex_address.split(":")
    raw = bytes.fromhex(address)
    if sys.byteorder == "little":  # each 32-bit word is printed in the host's byte order
        raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    return f"{socket.inet_ntop(family, raw)}:{int(port, 16)}"


def _host(end: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    return ipaddress.ip_address(end.rsplit(":", 1)[0])


def _is_loopback(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback
