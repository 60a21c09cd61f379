"""Synthesises the game's calm music loops into assets/music/<chapter>.ogg (22050 Hz, mono, Ogg Vorbis).

One loop per chapter, named by the chapter id in scenes/game.yaml, so the game plays the loop of the chapter the player
is in (game/ui/music.py); the title reuses the home loop. Each loop is periodic by construction: a note that rings past
the end is folded back onto the start, and the gentle filter runs over two copies of the loop with the second kept, so
the seam cannot click. Calm on purpose: a drone, a few plucked notes and a soft flute, quieter than the sound effects;
it plays under reading in a class room.

  home           Bhupali (S R G P D) in D, 72 bpm: a warm evening at home
  school         Bilawal (the major scale) in G, 88 bpm: a light morning, plucked
  neighbourhood  Yaman (the evening raga, with its raised fourth) in A, 60 bpm: thoughtful, sparse

The samples come from the standard library alone (math, random.Random(seed)), so :func:`render` is the same on every
machine and the tests compare it with the committed files. Only writing the Ogg Vorbis file needs the soundfile
package (libsndfile); the Ogg stream's serial number is then fixed so the same samples give the same bytes.

Run:  python tools/make_music.py [--out DIR]     (writes DIR/assets/music/; DIR defaults to the project root)
      (pip install soundfile, once)
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_sound import RATE, TAU, biquad, partials  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PEAK = 10 ** (-10 / 20)  # -10 dBFS: the music sits under the effects (which peak between -12 and 0 dBFS)
SERIAL = 0x5A4C  # the Ogg stream's serial number (libsndfile picks a random one)

Signal = list[float]


@dataclass(frozen=True)
class Piece:
    name: str
    tonic: float  # Hz of Sa
    scale: tuple[int, ...]  # semitones above Sa of the scale degrees 1..n
    bpm: float
    beats: int  # length of the loop
    drone: tuple[tuple[float, int], ...]  # (beat, degree) of each tanpura pluck in one bar of 4 beats
    plucks: str  # "beat:degree[:octave] ..." plucked notes
    flute: str  # "beat:degree[:octave]:length ..." held flute notes
    seed: int


def pitch(piece: Piece, degree: int, octave: int = 0) -> float:
    """Degree 1 is Sa; 0 and below reach down, n+1 and above up an octave."""
    n = len(piece.scale)
    octs, i = divmod(degree - 1, n)
    return piece.tonic * 2 ** ((piece.scale[i] + 12 * (octs + octave)) / 12)


# --- voices ----------------------------------------------------------------------------------------------------------
@cache  # a melody repeats its notes, a drone its strings: each is synthesised once
def pluck(freq: float, seconds: float, bright: float = 1.0) -> tuple[float, ...]:
    """A struck string (santoor-like): a few partials, the high ones dying first."""
    parts = [(1, 1.0, 0.9), (2, 0.35 * bright, 0.45), (3, 0.16 * bright, 0.28), (4, 0.08 * bright, 0.18)]
    return tuple(partials(freq, seconds, parts, attack=0.004))


@cache
def tanpura(freq: float, seconds: float) -> tuple[float, ...]:
    """The drone's plucked string: many soft harmonics that bloom and fade slowly."""
    n = round(seconds * RATE)
    out = [0.0] * n
    bloom = math.exp(-1 / (0.05 * RATE))
    for h, amp in ((1, 1.0), (2, 0.6), (3, 0.45), (4, 0.3), (5, 0.22), (6, 0.12)):
        w = TAU * freq * h / RATE
        fade = math.exp(-1 / ((2.2 - 0.2 * h) * RATE))
        rise, a = 1.0, amp  # envelope amp * (1 - e^(-t/0.05)) * e^(-t/tau), kept as running products
        for i in range(n):
            out[i] += a * (1 - rise) * math.sin(w * i)
            rise *= bloom
            a *= fade
    return tuple(out)


def flute(freq: float, seconds: float, rng: random.Random) -> Signal:
    """A soft bansuri: a slow swell, a gentle vibrato that comes in late, a little breath."""
    n = round(seconds * RATE)
    out = [0.0] * n
    phase = 0.0
    attack, release = 0.12, min(0.5, seconds / 2)
    noise = 0.0
    for i in range(n):
        t = i / RATE
        vib = 1 + 0.004 * min(1.0, t / 0.6) * math.sin(TAU * 5.0 * t)
        phase += TAU * freq * vib / RATE
        env = min(1.0, t / attack) * min(1.0, (seconds - t) / release)
        noise = 0.97 * noise + 0.03 * rng.uniform(-1, 1)
        out[i] = env * (math.sin(phase) + 0.18 * math.sin(2 * phase) + 0.05 * math.sin(3 * phase) + 0.25 * noise)
    return out


# --- the pieces --------------------------------------------------------------------------------------------------------
PIECES = (
    Piece("home", tonic=293.66, scale=(0, 2, 4, 7, 9), bpm=72, beats=32,
          drone=((0, 5), (1, 1), (2, 1), (3, -4)),
          plucks="0:1 1:3 2:4 3:3  4:5 5:4 6:3 7:2  8:1 9:3 10:4 11:5  12:6 14:5  "
                 "16:3 17:4 18:5 19:6  20:8 21:6 22:5 23:4  24:3 25:2 26:1 27:2  28:3 30:1",
          flute="2:5:0:2 4:6:0:1.5 6:5:0:2 9:4:0:1 10:3:0:3 18:8:0:2 20:7:0:1.5 22:6:0:1.5 24:5:0:3 28:3:0:1 "
                "29:2:0:1 30:1:0:2",
          seed=12),
    Piece("school", tonic=196.00, scale=(0, 2, 4, 5, 7, 9, 11), bpm=88, beats=32,
          drone=((0, 1), (1, 5), (2, 8), (3, 5)),
          plucks="0:8 0.5:10 1:12 2:10 3:8  4:9 4.5:10 5:12 6:13 7:12  8:10 8.5:9 9:8 10:9 11:10  "
                 "12:12 13:10 14:9 15:8  16:8 16.5:10 17:12 18:13 19:15  20:14 20.5:13 21:12 22:10 23:9  "
                 "24:10 24.5:12 25:10 26:9 27:8  28:9 29:7 30:8",
          flute="3:12:0:1 7:13:0:1 11:12:0:1 15:8:0:1.5 19:15:0:1 23:12:0:1 27:10:0:1 30:8:0:2",
          seed=23),
    Piece("neighbourhood", tonic=220.00, scale=(0, 2, 4, 6, 7, 9, 11), bpm=60, beats=24,
          drone=((0, 5), (1, 8), (2, 8), (3, 1)),
          plucks="0:1 3:5  6:3 7:4 8:5  12:7 14:6 15:5  18:4 19:3 20:2 22:1",
          flute="1:7:-1:2 3:2:0:1 4:3:0:2 8:4:0:1 9:5:0:3 13:6:0:1 14:5:0:2 16:4:0:1 17:3:0:2 20:2:0:1 21:1:0:2",
          seed=31),
)


def _events(text: str) -> list[tuple[float, ...]]:
    return [tuple(float(x) for x in item.split(":")) for item in text.split()]


def _fold(buf: Signal, src: Signal | tuple[float, ...], start: int, gain: float) -> None:
    """Mix ``src`` into the loop at ``start``, folding whatever rings past the end back onto the beginning."""
    n = len(buf)
    start %= n
    done = 0
    while done < len(src):
        take = min(len(src) - done, n - start)
        buf[start:start + take] = [a + gain * b for a, b in zip(buf[start:start + take], src[done:done + take])]
        done += take
        start = 0


def render(piece: Piece) -> Signal:
    beat = 60 / piece.bpm
    n = round(piece.beats * beat * RATE)
    buf = [0.0] * n
    rng = random.Random(piece.seed)
    at = lambda b: round(b * beat * RATE)  # noqa: E731
    for bar in range(piece.beats // 4):
        for b, degree in piece.drone:
            _fold(buf, tanpura(pitch(piece, int(degree), -1), 4 * beat), at(4 * bar + b), 0.10)
    for b, degree, *octave in _events(piece.plucks):
        gain = 0.20 + 0.04 * rng.random()  # a human hand: no two notes quite the same
        _fold(buf, pluck(pitch(piece, int(degree), int(octave[0]) if octave else 0), 2.5), at(b), gain)
    for b, degree, octave, length in _events(piece.flute):
        _fold(buf, flute(pitch(piece, int(degree), int(octave)), length * beat, rng), at(b), 0.16)
    # A gentle low-pass, run over two copies so the filter is settled where the loop starts again.
    soft = biquad(buf + buf, "low", 3200)[n:]
    peak = max(abs(v) for v in soft) or 1.0
    return [v * PEAK / peak for v in soft]


# --- writing ---------------------------------------------------------------------------------------------------------
def _crc_table() -> list[int]:
    table = []
    for i in range(256):
        r = i << 24
        for _ in range(8):
            r = ((r << 1) ^ 0x04C11DB7) & 0xFFFFFFFF if r & 0x80000000 else (r << 1) & 0xFFFFFFFF
        table.append(r)
    return table


def fix_serial(data: bytes, serial: int = SERIAL) -> bytes:
    """Give every Ogg page the same stream serial number and recompute its checksum (RFC 3533)."""
    table = _crc_table()
    out = bytearray(data)
    pos = 0
    while pos + 27 <= len(out) and out[pos:pos + 4] == b"OggS":
        segments = out[pos + 26]
        size = 27 + segments + sum(out[pos + 27:pos + 27 + segments])
        out[pos + 14:pos + 18] = serial.to_bytes(4, "little")
        out[pos + 22:pos + 26] = b"\0\0\0\0"
        crc = 0
        for byte in out[pos:pos + size]:
            crc = ((crc << 8) & 0xFFFFFFFF) ^ table[((crc >> 24) ^ byte) & 0xFF]
        out[pos + 22:pos + 26] = crc.to_bytes(4, "little")
        pos += size
    return bytes(out)


def write_ogg(path: Path, samples: Signal) -> None:
    import io

    import soundfile  # only for writing: libsndfile's Vorbis encoder

    buffer = io.BytesIO()
    soundfile.write(buffer, samples, RATE, format="OGG", subtype="VORBIS", compression_level=0.7)
    path.write_bytes(fix_serial(buffer.getvalue()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT, help="project root to write assets/music/ under")
    args = parser.parse_args(argv)
    folder = args.out / "assets" / "music"
    folder.mkdir(parents=True, exist_ok=True)
    for piece in PIECES:
        path = folder / f"{piece.name}.ogg"
        samples = render(piece)
        write_ogg(path, samples)
        print(f"wrote {path} ({len(samples) / RATE:.1f} s, {path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
