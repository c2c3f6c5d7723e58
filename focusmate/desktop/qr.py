"""The QR code of the pulse page's address (issue 16), drawn by segno (pure Python).

The phone's camera reads it; error correction M (15 % of the code may be hidden or blurred)
and the standard quiet zone of four modules, so any camera app finds it.
"""

from __future__ import annotations

import io

import segno


def qr_png(url: str, scale: int = 8) -> bytes:
    """``url`` as a black-on-white PNG, ``scale`` pixels per module (a QPixmap loads it)."""
    # A micro QR code holds too little for the address, and few phone readers know it.
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="png", scale=scale, border=4, dark="#000", light="#fff")
    return out.getvalue()
