"""Read-aloud: says what is on screen in the game's language, through an offline speech engine.

The app calls ``follow(text)`` after every draw with the top screen's ``speech_text()``. A screen's text is a few lines
(heading, body, selected item); ``follow`` says only the lines from the first one that changed, so moving through a
menu reads the new item and not the whole card again. A new text interrupts the one being said.

Engines, all offline: on Linux the ``espeak-ng`` command (killed to interrupt); elsewhere pyttsx3 (SAPI5 on Windows,
NSSpeechSynthesizer on macOS), and the ``espeak-ng`` command as a last resort. pyttsx3's own Linux driver is used only
when the command is missing: since 2.99 it plays each line through ``aplay`` after synthesising all of it, so it can
neither be interrupted nor work without alsa-utils.

One worker thread owns the engine: it starts it (which can take a second), picks the voice and speaks; the game thread
only puts requests on a queue, so it never waits for speech. If the engine fails at any point the worker says why in
``reason`` and read-aloud goes quiet; nothing reaches the game. Reading Hindi with an English voice is worse than
silence, so a language without a voice leaves read-aloud off with ``reason`` saying so.
"""

from __future__ import annotations

import importlib.util
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pygame

# Why read-aloud is off, as ui.yaml keys (the settings screen shows the text).
MISSING = "settings.speech_missing"  # no engine installed at all
NO_VOICE = "speech.no_voice"  # an engine, but no voice for the game's language
BROKEN = "speech.broken"  # the engine would not start, or stopped working

# A little slower than the engines' defaults (175-200 words a minute): many players read in a second language.
RATE_WPM = 160
# Voices to prefer per game language, best first, after an exact match of the language tag. English is the story of
# a North Indian town; the Spanish version is adapted for a school in the US, so Latin American voices come first.
PREFERRED = {"en": ("en-in", "en-gb", "en-us"), "hi": ("hi-in",), "es": ("es-419", "es-us", "es-mx"),
             "bn": ("bn-in", "bn-bd")}
# Older SAPI drivers give no language for a voice, only a name such as "Microsoft Kalpana - Hindi (India)".
LANGUAGE_NAMES = {"en": ("english",), "hi": ("hindi",), "es": ("spanish", "español", "espanol"),
                  "bn": ("bengali", "bangla", "বাংলা")}
# A line that already ends a sentence; others get a full stop so the engine pauses between lines.
_SENTENCE_END = re.compile(r"[.!?…:;।॥][\"'”’)\]]*\Z")


class EngineError(Exception):
    """The engine failed while speaking (e.g. the espeak-ng process ended with an error)."""


@dataclass(frozen=True, slots=True)
class Voice:
    id: str  # what the engine is given to use it
    name: str
    languages: tuple[str, ...]  # lower-case tags with hyphens ("hi", "en-gb", "es-419"); empty if unknown


class Engine(Protocol):
    """What the worker needs from a speech engine. Every method runs on the worker thread."""

    def voices(self) -> list[Voice]: ...

    def use(self, voice: Voice) -> None: ...

    def speak(self, text: str, interrupted: Callable[[], bool]) -> None:
        """Say ``text``; return when it is said or soon after ``interrupted()`` turns True."""

    def close(self) -> None: ...


# --- choosing a voice -------------------------------------------------------------------------------------------
def language_tag(value: object) -> str:
    """A voice's language as engines report it (b"\\x05hi", "en_US", "hi-IN") -> "hi", "en-us", "hi-in"."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "ignore")
    text = str(value).replace("\x00", " ").strip()
    text = re.sub(r"^[^A-Za-z]+", "", text)  # pyttsx3's espeak driver leaves the priority byte in front
    return text.split()[0].replace("_", "-").lower() if text else ""


def pick_voice(voices: Sequence[Voice], lang: str) -> Voice | None:
    """The best voice for a game language ("en", "hi", "es", "bn", or a tag such as "hi-IN"), or None."""
    lang = language_tag(lang)
    base = lang.split("-")[0]
    wanted = list(dict.fromkeys([t for t in (lang,) if t != base] + list(PREFERRED.get(base, ())) + [base]))
    best: tuple[int, Voice] | None = None
    for voice in voices:
        if voice.id.lower().startswith("mb/"):
            continue  # espeak-ng lists MBROLA voices whose data is a separate install; they fail to speak without it
        rank = _rank(voice, wanted, base)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, voice)
    return best[1] if best else None


def _rank(voice: Voice, wanted: list[str], base: str) -> int | None:
    if voice.languages:
        ranks = [wanted.index(tag) for tag in voice.languages if tag in wanted]
        if not ranks and any(tag.startswith(base + "-") for tag in voice.languages):
            ranks = [len(wanted)]  # another country's variant: still the right language
        return min(ranks) if ranks else None
    text = f"{voice.id} {voice.name}".lower()
    named = any(n in text for n in LANGUAGE_NAMES.get(base, ()))
    if named or re.search(rf"(?<![a-z]){base}[-_][a-z]{{2}}(?![a-z])", text):  # "TTS_MS_HI-IN_KALPANA"
        return len(wanted) + 1
    return None


# --- engines ----------------------------------------------------------------------------------------------------
class EspeakCommand:
    """The ``espeak-ng`` program, one process per utterance (text on stdin, never through a shell). Killing the
    process is an instant, reliable interrupt. With ``wav_dir`` each utterance is written to a numbered WAV file
    there instead of played (to check speech on a machine with no sound device)."""

    def __init__(self, program: str = "espeak-ng", wav_dir: Path | None = None) -> None:
        self.program = program
        self.wav_dir = wav_dir
        self.voice = ""
        self.count = 0

    def voices(self) -> list[Voice]:
        out = subprocess.run([self.program, "--voices"], capture_output=True, timeout=20, check=True).stdout
        return parse_espeak_voices(out.decode("utf-8", "replace"))

    def use(self, voice: Voice) -> None:
        self.voice = voice.id

    def speak(self, text: str, interrupted: Callable[[], bool]) -> None:
        args = [self.program, "-b", "1", "-s", str(RATE_WPM)] + (["-v", self.voice] if self.voice else [])
        if self.wav_dir is not None:
            self.count += 1
            args += ["-w", str(self.wav_dir / f"speech-{self.count:04d}.wav")]
        proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.stdin.write(text.encode("utf-8"))
            proc.stdin.close()
        except OSError:
            pass  # it ended already; its exit code says how
        while True:
            try:
                code = proc.wait(timeout=0.03)
                break
            except subprocess.TimeoutExpired:
                if interrupted():
                    proc.kill()
                    proc.wait()
                    return
        if code != 0:
            raise EngineError(f"{self.program} ended with exit code {code}")

    def close(self) -> None:
        pass  # nothing outlives speak()


def parse_espeak_voices(listing: str) -> list[Voice]:
    """``espeak-ng --voices`` -> voices; the id is the voice file ("inc/hi"), the one name no two voices share."""
    voices = []
    for line in listing.splitlines()[1:]:
        parts = line.split()
        if len(parts) < 5 or not parts[0].isdigit():
            continue
        others = re.findall(r"\(([A-Za-z0-9-]+) \d+\)", line)  # "(en-gb 3)(en 2)": also speaks these
        tags = tuple(dict.fromkeys(language_tag(t) for t in [parts[1], *others]))
        voices.append(Voice(id=parts[4], name=parts[3].replace("_", " "), languages=tags))
    return voices


class Pyttsx3Engine:
    """pyttsx3: SAPI5 on Windows, NSSpeechSynthesizer on macOS. ``runAndWait`` blocks this worker thread only; a
    newer request stops the utterance from pyttsx3's own word callback, the one place it may safely be stopped."""

    def __init__(self) -> None:
        if sys.platform == "win32":
            try:
                import pythoncom  # SAPI is COM, and COM must be set up in the thread that uses it: this one

                pythoncom.CoInitialize()
            except ImportError:
                pass
        import pyttsx3

        self._tts = pyttsx3.init()
        self._interrupted: Callable[[], bool] = lambda: False
        self._tts.connect("started-word", self._on_word)
        self._tts.setProperty("rate", RATE_WPM)

    def voices(self) -> list[Voice]:
        found = self._tts.getProperty("voices") or []
        return [Voice(str(v.id), str(v.name or ""), tuple(t for t in map(language_tag, v.languages or []) if t))
                for v in found]

    def use(self, voice: Voice) -> None:
        self._tts.setProperty("voice", voice.id)

    def speak(self, text: str, interrupted: Callable[[], bool]) -> None:
        self._interrupted = interrupted
        self._tts.say(text)
        self._tts.runAndWait()

    def _on_word(self, name: str = "", location: int = 0, length: int = 0) -> None:
        if self._interrupted():
            self._tts.stop()

    def close(self) -> None:
        self._tts.stop()


def find_engines() -> list[Callable[[], Engine]]:
    """The engines installed here, best first (the worker starts the first that works). Cheap: nothing is started."""
    try:
        has_pyttsx3 = importlib.util.find_spec("pyttsx3") is not None
    except (ImportError, ValueError):
        has_pyttsx3 = False
    program = shutil.which("espeak-ng")
    command = [lambda: EspeakCommand(program)] if program else []
    pyttsx3 = [Pyttsx3Engine] if has_pyttsx3 else []
    return command + pyttsx3 if sys.platform.startswith("linux") else pyttsx3 + command


# --- what is said -------------------------------------------------------------------------------------------------
def new_part(previous: str | None, text: str) -> str:
    """The lines of ``text`` from the first one that differs from ``previous``: what a player has not heard yet."""
    if previous is None:
        return text
    old, new = previous.split("\n"), text.split("\n")
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    return "\n".join(new[same:])


def speakable(text: str) -> str:
    """Lines joined into sentences, so the engine pauses between a heading, a line and a button."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return " ".join(line if _SENTENCE_END.search(line) else line + "." for line in lines)


# --- the read-aloud the game holds ------------------------------------------------------------------------------
class Speech:
    """Read-aloud. Every method returns at once and never raises; the engine lives on a worker thread."""

    def __init__(self, lang: str, engines: Sequence[Callable[[], Engine]],
                 notify: Callable[[], None] | None = None) -> None:
        """``engines``: factories, best first (tests pass a fake); the worker uses the first that starts and has a
        voice for the language. ``notify`` is called (from the worker) when ``available`` or ``reason`` change, so a
        screen showing them can be redrawn."""
        self.lang = lang
        self.available = bool(engines)
        self.reason = "" if engines else MISSING
        self._notify = notify
        self._last: str | None = None
        self._queue: queue.SimpleQueue[tuple[str, str]] = queue.SimpleQueue()
        self._voices: list[Voice] = []
        self._voice: Voice | None = None
        self._ready = threading.Event()
        self._open = bool(engines)
        self._asked = 0  # requests put on the queue (game thread) ...
        self._done = 0  # ... and taken off it (worker): equal when the worker has nothing left to do
        self._thread: threading.Thread | None = None
        if engines:
            # A daemon: a hung engine must never keep the game from quitting.
            self._thread = threading.Thread(target=self._work, args=(list(engines),), name="read-aloud", daemon=True)
            self._thread.start()
        else:
            self._ready.set()

    @staticmethod
    def create(lang: str, engines: Sequence[Callable[[], Engine]] | None = None) -> Speech:
        """Read-aloud with the engines installed on this computer; when there are none, ``available`` is False and
        ``reason`` says so. The engine itself starts on the worker, so this is quick."""
        return Speech(lang, find_engines() if engines is None else engines, notify=_wake_the_game)

    # --- called by the game (main thread) ---------------------------------------------------------------------
    def follow(self, text: str | None) -> None:
        """The top screen's speech text after a draw: says what is new, interrupting what was being said. None (no
        text) and the same text as last time say nothing."""
        if text is None or text == self._last:
            return
        previous, self._last = self._last, text
        part = new_part(previous, text)
        if part.strip():
            self.say(part)
        else:
            self.stop()  # less on screen than before: nothing new, and the old text is no longer there

    def say(self, text: str) -> None:
        """Say ``text`` now, interrupting whatever is being said."""
        if text.strip():
            self._ask("say", speakable(text))

    def stop(self) -> None:
        self._ask("stop", "")

    def set_language(self, lang: str) -> None:
        """Use a voice for another language; the screen is read again in it. No voice for it: off, with a reason."""
        self.lang = lang
        self._last = None
        self._ask("lang", lang)

    def close(self) -> None:
        """Stop speaking and end the worker (waits a moment for it; the thread is a daemon if the engine hangs)."""
        if not self._open:
            return
        self._open = False
        self._queue.put(("close", ""))
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=1.0)

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until the engine has started or failed (for tests and tools; the game never waits)."""
        return self._ready.wait(timeout)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until everything asked so far has been said (for tests and tools; the game never waits)."""
        end = time.monotonic() + timeout
        while self._done < self._asked and self._open:
            if time.monotonic() > end:
                return False
            time.sleep(0.005)
        return True

    def _ask(self, kind: str, value: str) -> None:
        if self._open:
            self._asked += 1
            self._queue.put((kind, value))

    # --- the worker thread ------------------------------------------------------------------------------------
    def _work(self, engines: list[Callable[[], Engine]]) -> None:
        engine: Engine | None = None
        try:
            engine, which = self._engine_for(self.lang, engines, None, -1)
            self._ready.set()
            if engine is None:
                return
            while True:
                taken, requests = self._next()
                if ("close", "") in requests:
                    return
                for kind, value in requests:
                    if kind == "lang":
                        engine, which = self._engine_for(value, engines, engine, which)
                    elif kind == "say" and self._voice is not None:
                        engine.speak(value, self._interrupted)
                self._done += taken
        except Exception:  # noqa: BLE001 - whatever the engine raises, the game goes on without read-aloud
            self._off(BROKEN)
        finally:
            self._open = False
            self._ready.set()
            if engine is not None:
                _quietly(engine.close)

    def _engine_for(self, lang: str, engines: list[Callable[[], Engine]], current: Engine | None,
                    which: int) -> tuple[Engine | None, int]:
        """The engine to use for ``lang`` and its index in ``engines``: the current one if it has a voice for it,
        else the first other that starts and has one (SAPI may lack Bengali where espeak-ng has it), else the
        current one or the first that starts at all, quiet with the reason until a language it has comes along."""
        if current is not None and pick_voice(self._voices, lang) is not None:
            self._choose(current, lang)
            return current, which
        fallback = (current, self._voices, which) if current is not None else None
        for i, make in enumerate(engines):
            if i == which:
                continue
            engine = None
            try:
                engine = make()
                voices = list(engine.voices())
            except Exception:  # noqa: BLE001 - not installed properly: try the next one
                if engine is not None:
                    _quietly(engine.close)
                continue
            if pick_voice(voices, lang) is not None:
                if fallback is not None:
                    _quietly(fallback[0].close)
                self._voices = voices
                self._choose(engine, lang)
                return engine, i
            if fallback is None:
                fallback = (engine, voices, i)
            else:
                _quietly(engine.close)
        if fallback is None:
            self._off(BROKEN)
            return None, -1
        engine, self._voices, which = fallback
        self._choose(engine, lang)
        return engine, which

    def _choose(self, engine: Engine, lang: str) -> None:
        self._voice = pick_voice(self._voices, lang)
        if self._voice is None:
            self._set(False, NO_VOICE)
            return
        engine.use(self._voice)
        self._set(True, "")

    def _next(self) -> tuple[int, list[tuple[str, str]]]:
        """How many requests were waiting (blocking for the first), and what still matters of them: the last
        language change and the last text asked for after the last stop. Texts that were overtaken are never said."""
        waiting = [self._queue.get()]
        while True:
            try:
                waiting.append(self._queue.get_nowait())
            except queue.Empty:
                break
        if any(kind == "close" for kind, _ in waiting):
            return len(waiting), [("close", "")]
        langs = [r for r in waiting if r[0] == "lang"]
        say: tuple[str, str] | None = None
        for request in waiting:
            if request[0] == "say":
                say = request
            elif request[0] == "stop":
                say = None
        return len(waiting), langs[-1:] + ([say] if say else [])

    def _interrupted(self) -> bool:
        return not self._queue.empty()  # anything newer (a text, a stop, a language, close) cuts the line short

    def _off(self, reason: str) -> None:
        self._voice = None
        self._set(False, reason)

    def _set(self, available: bool, reason: str) -> None:
        changed = (available, reason) != (self.available, self.reason)
        self.available, self.reason = available, reason
        if changed and self._notify is not None:
            try:
                self._notify()
            except Exception:  # noqa: BLE001 - a redraw request is a nicety
                pass


def _quietly(action: Callable[[], object]) -> None:
    try:
        action()
    except Exception:  # noqa: BLE001 - closing a broken engine may fail too; there is nothing left to do
        pass


def _wake_the_game() -> None:
    """Ask the game loop to redraw (it sleeps until an event comes) so a settings screen shows the new state.
    SDL's event queue may be written from any thread."""
    if pygame.display.get_init():
        pygame.event.post(pygame.event.Event(SPEECH_EVENT))


SPEECH_EVENT = pygame.USEREVENT + 5  # read-aloud's state changed (screens ignore it; it only wakes a redraw)
