"""An image's size from its first bytes, without decoding it: a 30,000×30,000 PNG is a few KB on disk and 3.6 GB once
pygame decodes it, so a map's pictures are measured before anything loads them."""

from __future__ import annotations

import struct
from pathlib import Path

_HEAD_BYTES = 64 * 1024  # a JPEG's size marker sits after its metadata segments; 64 KB covers real files


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF, BMP or JPEG file; None when it is none of those or cannot be read."""
    try:
        with open(path, "rb") as f:
            head = f.read(_HEAD_BYTES)
    except OSError:
        return None
    return size_of(head)


def size_of(head: bytes) -> tuple[int, int] | None:
    if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR" and len(head) >= 24:
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        return struct.unpack("<HH", head[6:10])
    if head[:2] == b"BM" and len(head) >= 26:
        width, height = struct.unpack("<ii", head[18:26])
        return abs(width), abs(height)
    if head[:2] == b"\xff\xd8":
        return _jpeg_size(head)
    return None


def _jpeg_size(head: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(head):
        if head[i] != 0xFF:
            return None
        marker = head[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            i += 2
            continue
        length = struct.unpack(">H", head[i + 2:i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # start of frame
            height, width = struct.unpack(">HH", head[i + 5:i + 9])
            return width, height
        i += 2 + length
    return None


__all__ = ["image_size", "size_of"]
