"""The size limits every reader of content enforces: set far above anything a real scenario needs, and far below what
would freeze or exhaust a lab PC. `check`, the game and the importers report a file over a limit at `path:line:col`;
nothing tries to load it. docs/authoring.md and docs/translating.md list them for facilitators and translators.

Why each is where it is (the shipped content for comparison):
"""

from __future__ import annotations

# --- files -------------------------------------------------------------------------------------------------------------
# The largest shipped dialogue file is about 100 KB; a 50,000-node scene is about 8 MB. Beyond this a file is not a
# scenario but an accident (a log pasted in, a binary renamed), and reading it would cost seconds and hundreds of MB.
MAX_FILE_BYTES = 16 * 1024 * 1024

# --- maps --------------------------------------------------------------------------------------------------------------
# The game pre-renders a map's layers at 3× zoom: 4 bytes a pixel, 9 pixels per map pixel. The shipped maps are 30×20
# tiles of 16 px (480×320 map pixels, 5.5 MB drawn). A map of 1,048,576 map pixels (e.g. 64×64 tiles of 16 px, or
# 16×16 of 64 px) costs about 38 MB drawn, which an old 4 GB lab PC still affords; a 200×200 map used 767 MB.
MAX_MAP_TILES = 256  # tiles along one side
MAX_TILE_PX = 64  # a tile's width or height: pixel-art tiles are 8–32 px
MIN_TILESET_TILE_PX = 4  # pytmx visits every tile position of a tileset picture: 1-px tiles on 4096² are 16 million
MAX_MAP_PIXELS = 1024 * 1024  # width × height in map pixels (tiles × tile size)
# A tileset or image layer picture: the shipped tileset is 256×256. pygame decodes the whole image into memory.
MAX_IMAGE_PX = 4096  # width or height

# --- text --------------------------------------------------------------------------------------------------------------
# The longest shipped text is a 494-character paragraph of the facilitator guide; a dialogue line is at most about
# 260 characters, and the box shows five lines (about 400). Anything longer is a mistake, and a huge one would cost
# seconds to shape and wrap each time it is drawn.
MAX_TEXT_CHARS = 1000
# Names drawn on one line (a language in the language menu, a character's name tag).
MAX_NAME_CHARS = 60
# A name tag or language name must fit this many pixels at 100 % text (the name tag and menu are about 600 px wide).
MAX_NAME_WIDTH_PX = 560

# --- saves -------------------------------------------------------------------------------------------------------------
# One entry per decision and per node entered: a whole play-through of all chapters is about 300. Replays with
# "What if?" rewind the history rather than grow it. The writer keeps the newest entries, the reader refuses more.
MAX_HISTORY = 5000


def too_long(text: str, limit: int = MAX_TEXT_CHARS) -> str | None:
    """A problem message when ``text`` is over ``limit`` characters, else None."""
    if len(text) <= limit:
        return None
    return f"this text is {len(text):,} characters long; the most is {limit:,}"


__all__ = ["MAX_FILE_BYTES", "MAX_MAP_TILES", "MAX_TILE_PX", "MIN_TILESET_TILE_PX", "MAX_MAP_PIXELS", "MAX_IMAGE_PX", "MAX_TEXT_CHARS",
           "MAX_NAME_CHARS", "MAX_NAME_WIDTH_PX", "MAX_HISTORY", "too_long"]
