"""Which `Host` headers the local preview (`okr serve`) answers.

A page on another site can point a host name of its own at 127.0.0.1 (DNS rebinding) and then
read the preview as if it were that site. The browser still sends the attacker's name in
`Host`, so the preview answers only the names it listens on: the address given to
`--address`, `localhost` and the loopback addresses; when it listens on every interface
(`0.0.0.0`, `::`), also this machine's own names and any IP address (a rebinding attack needs
a host name). Everything else gets 400.
"""

from __future__ import annotations

import ipaddress
import re
import socket

_LOOPBACK = {"localhost", "127.0.0.1", "::1"}
_EVERYWHERE = {"0.0.0.0", "::", ""}


def allowed_hosts(listen: str) -> tuple[frozenset[str], bool]:
    """The host names to answer, and whether any IP address is fine too."""
    names = set(_LOOPBACK) | {listen.strip("[]").lower()}
    everywhere = listen.strip("[]") in _EVERYWHERE
    if everywhere:
        for name in (socket.gethostname(), socket.getfqdn()):
            if name:
                names.add(name.lower())
    return frozenset(names - {""}), everywhere


# a Host header as RFC 9110 has it: a bracketed IPv6 address or a name of host characters,
# then at most a port of digits; anything else (`127.0.0.1:1@evil.example`, `[::1]evil`) is
# no host this preview answers
_HOST = re.compile(r"(?:\[([0-9a-f:.]+)\]|([a-z0-9._~%!$&'()*+,;=-]*))(?::[0-9]*)?")


def host_of(header: str) -> str:
    """The host part of a `Host` header: `[::1]:8000` is `::1`, `Example.org.:80` is
    `example.org`; "" when the header is not one host and port."""
    found = _HOST.fullmatch(header.strip().lower())
    if found is None:
        return ""
    return found.group(1) if found.group(1) is not None else found.group(2).rstrip(".")


def host_allowed(header: str | None, allowed: frozenset[str], any_address: bool) -> bool:
    if not header:
        return False
    host = host_of(header)
    if host in allowed:
        return True
    if any_address:
        try:
            ipaddress.ip_address(host)
        except ValueError:
            return False
        return True
    return False
