"""Synthesises the game's sound effects into assets/sound/*.wav (22050 Hz, mono, 16-bit).

Standard library only (wave, math, struct, random.Random(seed)); the same bytes on every run, so the committed files
can be checked against this script. Every effect is short and soft, with a fade at both ends so it never clicks:
the game is played in class rooms by 12–16 year olds, often through cheap headphones.

Run:  python tools/make_sound.py [--out DIR]     (writes DIR/assets/sound/; DIR defaults to the project root)
"""

from __future__ import annotations

import argparse
import math
import random
import struct
import wave
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RATE = 22050
TAU = 2 * math.pi

Signal = list[float]


# --- building blocks -----------------------------------------------------------------------------------------------
def silence(seconds: float) -> Signal:
    return [0.0] * round(seconds * RATE)


def mix_into(dst: Signal, src: Signal, at: float, gain: float = 1.0) -> None:
    """Add ``src`` into ``dst`` starting at ``at`` seconds (cut at the end of ``dst``)."""
    start = round(at * RATE)
    for i, v in enumerate(src[: max(0, len(dst) - start)]):
        dst[start + i] += gain * v


def partials(freq: float, seconds: float, parts: list[tuple[float, float, float]], attack: float = 0.003) -> Signal:
    """A struck, bell-like tone: (frequency ratio, amplitude, decay time constant in s) for each partial."""
    n = round(seconds * RATE)
    out = [0.0] * n
    for ratio, amp, decay in parts:
        w = TAU * freq * ratio / RATE
        k = math.exp(-1 / (decay * RATE))
        a = amp
        for i in range(n):
            out[i] += a * math.sin(w * i)
            a *= k
    ramp = max(1, round(attack * RATE))
    for i in range(min(ramp, n)):
        out[i] *= i / ramp
    return out


def noise(rng: random.Random, seconds: float) -> Signal:
    return [rng.uniform(-1.0, 1.0) for _ in range(round(seconds * RATE))]


def biquad(x: Signal, kind: str, freq: float, q: float = 0.707) -> Signal:
    """RBJ audio-EQ-cookbook filter: 'low', 'high' or 'band' (constant 0 dB peak gain)."""
    w = TAU * freq / RATE
    cw, sw = math.cos(w), math.sin(w)
    alpha = sw / (2 * q)
    if kind == "low":
        b0, b1, b2 = (1 - cw) / 2, 1 - cw, (1 - cw) / 2
    elif kind == "high":
        b0, b1, b2 = (1 + cw) / 2, -(1 + cw), (1 + cw) / 2
    elif kind == "band":
        b0, b1, b2 = alpha, 0.0, -alpha
    else:
        raise ValueError(kind)
    a0, a1, a2 = 1 + alpha, -2 * cw, 1 - alpha
    b0, b1, b2, a1, a2 = b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0
    out = [0.0] * len(x)
    x1 = x2 = y1 = y2 = 0.0
    for i, v in enumerate(x):
        y = b0 * v + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
        x2, x1, y2, y1 = x1, v, y1, y
        out[i] = y
    return out


def envelope(x: Signal, shape: Callable[[float], float]) -> Signal:
    """Multiply by ``shape(t)``, t in seconds."""
    return [v * shape(i / RATE) for i, v in enumerate(x)]


def decay_env(attack: float, tau: float) -> Callable[[float], float]:
    return lambda t: (t / attack if t < attack else math.exp(-(t - attack) / tau))


def finish(x: Signal, peak_db: float, fade_in: float = 0.002, fade_out: float = 0.015) -> Signal:
    """Remove DC, fade both ends (no clicks) and normalise the peak to ``peak_db`` dBFS."""
    mean = sum(x) / len(x)
    x = [v - mean for v in x]
    n = len(x)
    fi, fo = max(1, round(fade_in * RATE)), max(1, round(fade_out * RATE))
    for i in range(min(fi, n)):
        x[i] *= 0.5 - 0.5 * math.cos(math.pi * i / fi)
    for i in range(min(fo, n)):
        x[n - 1 - i] *= 0.5 - 0.5 * math.cos(math.pi * i / fo)
    peak = max(abs(v) for v in x) or 1.0
    gain = 10 ** (peak_db / 20) / peak
    return [v * gain for v in x]


# --- the effects ---------------------------------------------------------------------------------------------------
# A struck metal bar: the fundamental and the inharmonic partials of a free bar (×2.76, ×5.40), high ones die first.
BAR = [(1.0, 1.0, 0.55), (2.76, 0.30, 0.16), (5.40, 0.08, 0.06)]


def doorbell() -> Signal:
    out = silence(1.2)
    mix_into(out, partials(660, 0.45, BAR), 0.0)
    mix_into(out, partials(524, 0.78, [(r, a, d * 1.15) for r, a, d in BAR]), 0.42)
    return finish(out, -6.0, fade_out=0.08)


def door() -> Signal:
    rng = random.Random(2)
    n = round(0.7 * RATE)
    creak_len = 0.48
    # Creak: stick-slip clicks whose rate glides down, ringing a wooden resonance; a faint gliding low tone under it.
    clicks = [0.0] * n
    t, phase = 0.0, 0.0
    while t < creak_len:
        rate = 38 - 16 * (t / creak_len) + rng.uniform(-3, 3)
        clicks[round(t * RATE)] = rng.uniform(0.6, 1.0)
        t += 1 / rate
    creak = [a + b for a, b in zip(biquad(clicks, "band", 620, 9), biquad(clicks, "band", 1150, 7))]
    creak = [c + 0.04 * v for c, v in zip(creak, biquad(noise(rng, 0.7), "band", 800, 2))]
    tone = []
    for i in range(n):
        t = i / RATE
        phase += TAU * (115 - 30 * min(1.0, t / creak_len)) / RATE
        tone.append(0.25 * (math.sin(phase) + 0.3 * math.sin(2 * phase)))
    swell = lambda t: math.sin(math.pi * min(1.0, t / creak_len)) ** 1.5 if t < creak_len else 0.0  # noqa: E731
    out = [swell(i / RATE) * (3.0 * c + s) for i, (c, s) in enumerate(zip(creak, tone))]
    # The thump as it closes: a low, pitch-dropping tone and a muffled burst of noise.
    at = 0.5
    thump_n = round(0.2 * RATE)
    body, ph = [], 0.0
    for i in range(thump_n):
        t = i / RATE
        ph += TAU * (58 + 50 * math.exp(-t / 0.02)) / RATE
        body.append(math.sin(ph) * decay_env(0.002, 0.045)(t))
    burst = envelope(biquad(biquad(noise(rng, 0.2), "low", 380), "low", 380), decay_env(0.001, 0.02))
    mix_into(out, [b + 1.6 * u for b, u in zip(body, burst)], at, gain=1.4)
    return finish(out, -6.0, fade_out=0.06)


def knock() -> Signal:
    rng = random.Random(3)
    out = silence(0.8)
    for at, gain in ((0.04, 1.0), (0.25, 0.85), (0.46, 0.92)):
        wood = partials(190 + rng.uniform(-6, 6), 0.16, [(1.0, 1.0, 0.030), (2.3, 0.45, 0.016), (3.9, 0.15, 0.008)],
                        attack=0.001)
        tap = envelope(biquad(noise(rng, 0.16), "band", 900, 1.2), decay_env(0.0005, 0.004))
        mix_into(out, [w + 0.6 * t for w, t in zip(wood, tap)], at, gain)
    return finish(out, -7.0, fade_out=0.05)


def step() -> Signal:
    rng = random.Random(4)
    scuff = biquad(biquad(noise(rng, 0.08), "band", 420, 0.9), "low", 1500)
    scuff = envelope(scuff, decay_env(0.004, 0.016))
    heel = partials(95, 0.08, [(1.0, 0.6, 0.014)], attack=0.002)
    return finish([s * 2.0 + h for s, h in zip(scuff, heel)], -10.0, fade_out=0.02)


def select() -> Signal:
    out = silence(0.12)
    warm = [(1.0, 1.0, 0.09), (2.0, 0.22, 0.04), (3.0, 0.06, 0.02)]
    mix_into(out, partials(587.3, 0.06, warm, attack=0.004), 0.0)  # D5
    mix_into(out, partials(880.0, 0.066, warm, attack=0.004), 0.054)  # A5
    return finish(out, -7.0, fade_out=0.012)


def move() -> Signal:
    tick = partials(1320, 0.04, [(1.0, 1.0, 0.008), (2.0, 0.15, 0.004)], attack=0.0015)
    return finish(tick, -10.0, fade_in=0.0015, fade_out=0.01)


def page() -> Signal:
    rng = random.Random(7)
    tk = envelope(biquad(noise(rng, 0.03), "band", 2300, 1.5), decay_env(0.0008, 0.004))
    thock = partials(700, 0.03, [(1.0, 0.5, 0.005)], attack=0.001)
    return finish([a + b for a, b in zip(tk, thock)], -11.5, fade_in=0.001, fade_out=0.008)


def _speaker(rng: random.Random, seconds: float, phrases: list[tuple[float, float]], f0: float,
             formants: tuple[tuple[float, float], ...]) -> Signal:
    """One indistinct voice: syllables of a band-limited buzz with an agitated pitch contour, through vowel-ish
    formants. ``phrases`` are (start, end) in seconds; no words, just the rhythm and tune of speech."""
    n = round(seconds * RATE)
    amp_target = [0.0] * n
    pitch_target = [f0] * n
    vowel = [0] * n
    for start, end in phrases:
        t = start
        lift = rng.uniform(1.05, 1.2)  # raised voice: pitch a little higher than at rest
        while t < end:
            syl = rng.uniform(0.11, 0.22)
            gap = rng.uniform(0.015, 0.06)
            a = rng.uniform(0.55, 1.0)
            p = f0 * lift * rng.uniform(0.92, 1.15)
            v = rng.randrange(len(formants))
            i0, i1 = round(t * RATE), min(n, round(min(end, t + syl) * RATE))
            for i in range(i0, i1):
                u = (i - i0) / max(1, i1 - i0)
                amp_target[i] = a * math.sin(math.pi * u) ** 0.7
                pitch_target[i] = p * (1 + 0.12 * (0.5 - u))  # each syllable falls a little
                vowel[i] = v
            t += syl + gap
            lift *= rng.uniform(0.97, 1.03)
    out = [0.0] * n
    phase = f0_s = amp_s = 0.0
    f0_s = f0
    for i in range(n):
        f0_s += 0.004 * (pitch_target[i] - f0_s)  # glide between syllable pitches
        amp_s += 0.006 * (amp_target[i] - amp_s)
        phase += TAU * f0_s / RATE
        harmonics = int(1100 // f0_s)
        buzz = sum(math.sin(k * phase) / k for k in range(1, harmonics + 1))
        out[i] = amp_s * buzz
    voiced = [0.0] * n
    for v, (f1, f2) in enumerate(formants):
        mask = [1.0 if vowel[i] == v else 0.0 for i in range(n)]
        smooth = biquad(mask, "low", 30)  # vowels change smoothly
        band = [a + 0.6 * b for a, b in zip(biquad(out, "band", f1, 4), biquad(out, "band", f2, 5))]
        voiced = [acc + m * b for acc, m, b in zip(voiced, smooth, band)]
    return voiced


def voices() -> Signal:
    """Two adults arguing in the flat next door, heard through the wall: only the low murmur gets through."""
    rng = random.Random(8)
    seconds = 2.5
    vowels = ((500, 1000), (650, 1100), (400, 800), (550, 1500))
    a = _speaker(rng, seconds, [(0.05, 0.95), (1.75, 2.4)], 118, vowels)
    b = _speaker(rng, seconds, [(0.85, 1.85)], 205, tuple((f * 1.15, g * 1.15) for f, g in vowels))
    mix = [x + 0.8 * y for x, y in zip(a, b)]
    # The wall: a steep low-pass (three cascaded sections at 450 Hz), plus the faint hum of the room.
    for _ in range(3):
        mix = biquad(mix, "low", 450)
    room = biquad(biquad(noise(rng, seconds), "low", 200), "low", 200)
    peak = max(abs(v) for v in mix) or 1.0
    mix = [m + 0.04 * peak * r for m, r in zip(mix, room)]
    return finish(mix, -9.0, fade_in=0.15, fade_out=0.3)


def bell_school() -> Signal:
    """A brass hand bell swung a few times: the clapper strikes alternately on each side, then it rings out."""
    rng = random.Random(9)
    out = silence(1.5)
    modes = [(1.0, 1.0, 0.45), (2.08, 0.35, 0.22), (2.94, 0.18, 0.12), (4.15, 0.07, 0.06)]
    t, side = 0.0, 0
    while t < 0.9:
        strike = partials(840 * (1.004 if side else 1.0), 1.5 - t, modes, attack=0.002)
        mix_into(out, strike, t, gain=(0.8 if side else 1.0) * rng.uniform(0.85, 1.0))
        t += 0.15 + rng.uniform(-0.01, 0.01)
        side ^= 1
    # A slow swing makes the sound sway a little.
    out = envelope(out, lambda t: 0.85 + 0.15 * math.cos(TAU * 3.3 * t))
    return finish(out, -7.0, fade_out=0.2)


def chime() -> Signal:
    out = silence(1.5)
    soft = [(1.0, 1.0, 0.45), (2.0, 0.12, 0.2), (4.0, 0.05, 0.08)]
    for k, f in enumerate((523.25, 659.26, 783.99, 1046.5)):  # C5 E5 G5 C6
        note = partials(f, 1.5 - 0.13 * k, soft, attack=0.006)
        mix_into(out, note, 0.13 * k, gain=1.0 - 0.1 * k)
    return finish(out, -7.0, fade_out=0.25)


SOUNDS: dict[str, Callable[[], Signal]] = {
    "doorbell": doorbell,
    "door": door,
    "knock": knock,
    "step": step,
    "select": select,
    "move": move,
    "page": page,
    "voices": voices,
    "bell_school": bell_school,
    "chime": chime,
}


def write_wav(path: Path, samples: Signal) -> None:
    data = struct.pack(f"<{len(samples)}h", *(max(-32768, min(32767, round(v * 32767))) for v in samples))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(data)


def render(root: Path) -> list[Path]:
    folder = root / "assets" / "sound"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in SOUNDS.items():
        path = folder / f"{name}.wav"
        write_wav(path, make())
        written.append(path)
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT, help="project root to write assets/sound/ under")
    args = parser.parse_args()
    for p in render(args.out):
        print(f"wrote {p}")
