"""Read-aloud: the worker, voices per language, engine failures, what each screen says, and the real game driving it.

Most tests inject a fake engine (the real ones need a sound device); one test at the end uses the real espeak-ng when
it is installed and writes its speech to WAV files, which are checked to hold speech, not silence.
"""

from __future__ import annotations

import array
import math
import shutil
import threading
import time
import wave
from pathlib import Path

import pygame
import pytest

from game.content import load_content
from game.paths import project_root
from game.session import Session
from game.settings import Settings
from game.story.runner import Discuss, Ended, Menu, Say
from game.ui.app import App
from game.ui.chapter_end import ChapterEndScreen
from game.ui.context import Context
from game.ui.dialogue import DialogueScreen
from game.ui.discuss import DiscussScreen
from game.ui.help_card import HelpScreen, spell_digits
from game.ui.speech import (BROKEN, MISSING, NO_VOICE, EspeakCommand, Speech, Voice, language_tag, new_part,
                            parse_espeak_voices, pick_voice, speakable)
from game.ui.survey_screen import SurveyScreen
from game.ui.title import TitleScreen
from game.ui.world import WorldScreen

ROOT = project_root()
DT = 1 / 60

VOICES = [Voice("gmw/en", "English (Great Britain)", ("en-gb", "en")),
          Voice("gmw/en-US", "English (America)", ("en-us", "en")),
          Voice("mb/mb-in1", "hindi-mbrola-1", ("hi",)),  # needs MBROLA data: never chosen
          Voice("inc/hi", "Hindi", ("hi",)),
          Voice("roa/es", "Spanish (Spain)", ("es",)),
          Voice("roa/es-419", "Spanish (Latin America)", ("es-419", "es")),
          Voice("inc/bn", "Bengali", ("bn",))]


class FakeEngine:
    """Says a text by waiting ``delay`` seconds (stopping early when interrupted) and records what it was given."""

    def __init__(self, voices=VOICES, delay: float = 0.0, fail_on: str | None = None) -> None:
        self._voices = list(voices)
        self.delay = delay
        self.fail_on = fail_on
        self.voice: Voice | None = None
        self.said: list[tuple[str, str]] = []  # (voice id, text)
        self.cut: list[str] = []  # texts interrupted before their end
        self.closed = False

    def voices(self):
        return self._voices

    def use(self, voice: Voice) -> None:
        self.voice = voice

    def speak(self, text, interrupted) -> None:
        if self.fail_on and self.fail_on in text:
            raise RuntimeError("the speech engine fell over")
        self.said.append((self.voice.id, text))
        end = time.monotonic() + self.delay
        while time.monotonic() < end:
            if interrupted():
                self.cut.append(text)
                return
            time.sleep(0.002)

    def close(self) -> None:
        self.closed = True


def until(condition, timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.005)


def texts(engine: FakeEngine) -> list[str]:
    return [text for _, text in engine.said]


@pytest.fixture()
def speech_with():
    """``speech_with(lang, engine)`` -> a Speech on that fake engine, closed after the test."""
    made: list[Speech] = []

    def make(lang: str, engine: FakeEngine, **kw) -> Speech:
        speech = Speech(lang, [lambda: engine], **kw)
        made.append(speech)
        assert speech.wait_ready(5)
        return speech

    yield make
    for speech in made:
        speech.close()


# --- following the screen ------------------------------------------------------------------------------------------
def test_follow_says_a_new_text_once_and_ignores_none_and_the_same_text(speech_with):
    engine = FakeEngine()
    speech = speech_with("en", engine)
    speech.follow("Meera: Don't come in here with those feet.")
    for _ in range(5):  # the app calls follow after every draw: the same text, or None when nothing is to be read
        speech.follow("Meera: Don't come in here with those feet.")
        speech.follow(None)
    until(lambda: engine.said)
    time.sleep(0.1)
    assert engine.said == [("gmw/en", "Meera: Don't come in here with those feet.")]
    speech.follow("Space or click: talk to Meera")
    until(lambda: len(engine.said) == 2)
    assert texts(engine)[1] == "Space or click: talk to Meera."  # a full stop, so the engine ends the sentence


def test_a_new_text_interrupts_the_old_one_and_overtaken_texts_are_never_said(speech_with):
    engine = FakeEngine(delay=10.0)
    speech = speech_with("en", engine)
    start = time.monotonic()
    speech.follow("The first line, which is long.")
    until(lambda: engine.said)
    for n in range(10):  # arrowing quickly down a list: only where the player stops is worth hearing
        speech.follow(f"Option {n}")
    until(lambda: len(engine.said) == 2)
    assert time.monotonic() - start < 5  # nobody waited for the 10 s line to end
    assert engine.cut == ["The first line, which is long."]
    assert texts(engine)[1] == "Option 9."
    speech.stop()
    until(lambda: len(engine.cut) == 2)
    assert engine.cut[1] == "Option 9."


def test_only_the_lines_that_changed_are_read(speech_with):
    engine = FakeEngine()
    speech = speech_with("en", engine)
    speech.follow("End of the chapter\nA little more room\nMeera went to sleep.\nNext chapter")
    until(lambda: len(engine.said) == 1)
    speech.follow("End of the chapter\nA little more room\nMeera went to sleep.\nWhat if?")  # arrow to the next button
    until(lambda: len(engine.said) == 2)
    assert texts(engine) == ["End of the chapter. A little more room. Meera went to sleep. Next chapter.", "What if?"]
    speech.follow("End of the chapter\nA little more room")  # less on screen: nothing new to say
    time.sleep(0.1)
    assert len(engine.said) == 2


def test_follow_never_blocks_the_game_even_with_a_slow_engine():
    engine = FakeEngine(delay=2.0)

    def slow_start():
        time.sleep(0.5)  # SAPI or pyttsx3 can take this long to start
        return engine

    begun = time.perf_counter()
    speech = Speech("en", [slow_start])
    assert time.perf_counter() - begun < 0.05  # the engine starts on the worker, not here
    try:
        for text in ("First line", "Second line", "Third line", None, "Third line", "Fourth line"):
            began = time.perf_counter()
            speech.follow(text)
            assert time.perf_counter() - began < 0.020
            time.sleep(0.2)  # frames go by while the slow engine starts, then speaks
        until(lambda: engine.said)
        began = time.perf_counter()
        speech.follow("Fifth line")  # while the engine is in the middle of a 2 s line
        assert time.perf_counter() - began < 0.020
        until(lambda: texts(engine)[-1] == "Fifth line.")
    finally:
        began = time.perf_counter()
        speech.close()
        assert time.perf_counter() - began < 1.5


# --- languages -----------------------------------------------------------------------------------------------------
def test_the_voice_follows_the_game_language_and_a_language_without_one_stays_off(speech_with):
    engine = FakeEngine()
    changes = []
    speech = speech_with("hi", engine, notify=lambda: changes.append((speech.available, speech.reason)))
    assert speech.available and engine.voice.id == "inc/hi"  # not the MBROLA voice listed before it
    speech.follow("मीरा: पैर धोकर अंदर आओ।")
    until(lambda: engine.said)
    assert engine.said[-1] == ("inc/hi", "मीरा: पैर धोकर अंदर आओ।")  # a danda ends a sentence too

    speech.set_language("es")
    until(lambda: engine.voice.id == "roa/es-419")  # the Spanish version is for a school in the US
    speech.follow("Meera: No entres con esos pies.")
    until(lambda: len(engine.said) == 2)
    assert engine.said[-1][0] == "roa/es-419"

    speech.set_language("ta")  # no Tamil voice here: off, with the reason, rather than Tamil in another voice
    until(lambda: not speech.available)
    assert speech.reason == NO_VOICE
    speech.follow("ஒரு சாதாரண மாலை")
    time.sleep(0.1)
    assert len(engine.said) == 2

    speech.set_language("bn")
    until(lambda: speech.available)
    assert speech.reason == "" and engine.voice.id == "inc/bn"
    speech.follow("মীরা: পা ধুয়ে ভেতরে এসো।")
    until(lambda: len(engine.said) == 3)
    assert engine.said[-1][0] == "inc/bn"
    until(lambda: len(changes) == 2)
    assert changes == [(False, NO_VOICE), (True, "")]  # the settings screen is woken to show each change


def test_set_language_reads_the_screen_again_in_the_new_voice(speech_with):
    engine = FakeEngine()
    speech = speech_with("en", engine)
    speech.follow("Small Acts\nNew game")
    until(lambda: engine.said)
    speech.set_language("en")
    speech.follow("Small Acts\nNew game")
    until(lambda: len(engine.said) == 2)


SAPI = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Speech\\Voices\\Tokens\\"


@pytest.mark.parametrize("voices, lang, expected", [
    # SAPI5 through pyttsx3 2.99: a locale per voice. An Indian English voice is best for this story.
    ([Voice("TTS_MS_EN-US_ZIRA_11.0", "Microsoft Zira Desktop - English (United States)", ("en-us",)),
      Voice("TTS_MS_EN-IN_HEERA_11.0", "Microsoft Heera Desktop - English (India)", ("en-in",))], "en",
     "TTS_MS_EN-IN_HEERA_11.0"),
    # Older SAPI5 drivers give no language: the voice's id or name says it.
    ([Voice(SAPI + "TTS_MS_EN-US_ZIRA_11.0", "Microsoft Zira", ()),
      Voice(SAPI + "TTS_MS_HI-IN_KALPANA_11.0", "Microsoft Kalpana", ())], "hi", SAPI + "TTS_MS_HI-IN_KALPANA_11.0"),
    ([Voice("x1", "Microsoft Sabina Desktop - Spanish (Mexico)", ())], "es", "x1"),
    ([Voice("x1", "Microsoft Zira Desktop - English (United States)", ())], "hi", None),
    # macOS (NSSpeechSynthesizer): locale identifiers with an underscore.
    ([Voice("com.apple.voice.compact.en-US.Samantha", "Samantha", (language_tag("en_US"),)),
      Voice("com.apple.voice.compact.hi-IN.Lekha", "Lekha", (language_tag("hi_IN"),))], "hi",
     "com.apple.voice.compact.hi-IN.Lekha"),
    ([Voice("a", "Monica", ("es-es",)), Voice("b", "Paulina", ("es-mx",))], "es", "b"),
    ([Voice("a", "Monica", ("es-es",))], "es", "a"),  # another country's Spanish is still Spanish
    ([Voice("a", "Monica", ("es-es",))], "en", None),
    (VOICES, "hi-IN", "inc/hi"),
    (VOICES, "en", "gmw/en"),
    ([], "en", None),
])
def test_pick_voice(voices, lang, expected):
    found = pick_voice(voices, lang)
    assert (found.id if found else None) == expected


def test_voice_languages_as_each_engine_reports_them():
    assert language_tag(b"\x05hi") == "hi"  # pyttsx3's espeak driver: a priority byte, then the language
    assert language_tag("en_US") == "en-us"
    assert language_tag("hi-IN") == "hi-in"
    listing = ("Pty Language       Age/Gender VoiceName          File                 Other Languages\n"
               " 5  bn              --/M      Bengali            inc/bn\n"
               " 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)\n"
               " 5  es-419          --/M      Spanish_(Latin_America) roa/es-419           (es-mx 6)(es 6)\n")
    assert parse_espeak_voices(listing) == [Voice("inc/bn", "Bengali", ("bn",)),
                                            Voice("gmw/en", "English (Great Britain)", ("en-gb", "en")),
                                            Voice("roa/es-419", "Spanish (Latin America)", ("es-419", "es-mx", "es"))]


# --- no engine, a broken engine ------------------------------------------------------------------------------------
def test_no_engine_installed_means_off_with_the_reason_and_nothing_raises(monkeypatch):
    monkeypatch.setattr("game.ui.speech.find_engines", list)  # finds nothing
    speech = Speech.create("en")
    assert not speech.available and speech.reason == MISSING == "settings.speech_missing"
    speech.follow("Small Acts")
    speech.say("New game")
    speech.set_language("hi")
    speech.stop()
    speech.close()
    assert speech._thread is None  # no worker for nothing


def test_an_engine_that_will_not_start_is_off_and_the_next_one_is_tried():
    def broken():
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    speech = Speech("en", [broken])
    assert speech.wait_ready(5)
    assert not speech.available and speech.reason == BROKEN
    speech.follow("Small Acts")  # nothing raises, nothing happens
    speech.close()

    engine = FakeEngine()
    speech = Speech("en", [broken, lambda: engine])
    try:
        assert speech.wait_ready(5) and speech.available
        speech.follow("Small Acts")
        until(lambda: engine.said)
    finally:
        speech.close()


def test_an_engine_that_crashes_mid_way_turns_read_aloud_off_and_the_caller_never_sees_it(speech_with):
    engine = FakeEngine(fail_on="💥")
    speech = speech_with("en", engine)
    speech.follow("A line")
    until(lambda: engine.said)
    speech.follow("A line that breaks it 💥")
    until(lambda: not speech.available)
    assert speech.reason == BROKEN
    until(lambda: engine.closed)
    for text in ("Another line", None, "And another"):  # the game goes on as before
        speech.follow(text)
    speech.say("Hello")
    speech.set_language("hi")
    speech.stop()
    speech.close()
    assert texts(engine) == ["A line."]


def test_an_engine_with_a_voice_for_the_language_wins_over_one_without():
    english_only = FakeEngine(voices=VOICES[:2])  # e.g. SAPI5 on a Windows with no Bengali voice
    espeak = FakeEngine()
    speech = Speech("bn", [lambda: english_only, lambda: espeak])
    try:
        assert speech.wait_ready(5) and speech.available
        assert english_only.closed and espeak.voice.id == "inc/bn"
    finally:
        speech.close()
    alone = FakeEngine(voices=VOICES[:2])
    speech = Speech("bn", [lambda: alone])
    try:
        assert speech.wait_ready(5)
        assert not speech.available and speech.reason == NO_VOICE and not alone.closed  # kept for English later
        speech.set_language("en")
        until(lambda: speech.available)
    finally:
        speech.close()
    english_only, espeak = FakeEngine(voices=VOICES[:2]), FakeEngine()
    speech = Speech("en", [lambda: english_only, lambda: espeak])
    try:
        assert speech.wait_ready(5) and english_only.voice.id == "gmw/en" and espeak.voice is None
        speech.set_language("bn")  # switched to Bengali in the break screen: the engine that has it takes over
        until(lambda: espeak.voice is not None)
        assert speech.wait_idle() and speech.available and espeak.voice.id == "inc/bn" and english_only.closed
        speech.set_language("ta")
        until(lambda: not speech.available)
        assert speech.reason == NO_VOICE and not espeak.closed
    finally:
        speech.close()


def test_the_engine_is_created_on_the_worker_thread():
    where = []
    engine = FakeEngine()

    def make():
        where.append(threading.current_thread())
        return engine

    speech = Speech("en", [make])
    try:
        assert speech.wait_ready(5)
        assert where and where[0] is not threading.main_thread()
    finally:
        speech.close()
    assert engine.closed


# --- the texts ----------------------------------------------------------------------------------------------------
def test_new_part_and_speakable():
    assert new_part(None, "a\nb") == "a\nb"
    assert new_part("a\nb\nc", "a\nb\nd") == "d"
    assert new_part("a\nb", "x\nb") == "x\nb"
    assert new_part("a\nb", "a\nb\nc") == "c"
    assert new_part("a\nb\nc", "a\nb") == ""
    assert speakable("Question 3 of 10\nBoys can cook too.\n\nAgree") == "Question 3 of 10. Boys can cook too. Agree."
    assert speakable('She said, "Go."\nक्या तुम आओगे?\nठीक है।') == 'She said, "Go." क्या तुम आओगे? ठीक है।'


def test_help_line_numbers_are_spelt_digit_by_digit():
    assert spell_digits("1098") == "1 0 9 8"
    assert spell_digits("1-800-422-4453") == "1, 8 0 0, 4 2 2, 4 4 5 3"


# --- what the real screens say ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def content(display):
    loaded, problems, _ = load_content(ROOT)
    assert loaded is not None, [p.format() for p in problems]
    return loaded


def make_ctx(content, display, data_dir: Path, **settings) -> Context:
    ctx = Context.create(ROOT, content, Settings(**settings), data_dir)
    ctx.display = display
    return ctx


class Recorder:
    """Stands in for Speech on ctx: records every follow() call the app makes."""

    def __init__(self) -> None:
        self.calls: list[str | None] = []

    def follow(self, text: str | None) -> None:
        self.calls.append(text)

    def heard(self) -> list[str]:
        """The texts a real Speech would act on: not None, not the same as the one before."""
        out: list[str] = []
        for text in self.calls:
            if text is not None and (not out or out[-1] != text):
                out.append(text)
        return out


def key(app: App, code: int, frames: int = 1) -> None:
    app.step([pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0),
              pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode="", scancode=0)], DT)
    for _ in range(frames):
        app.step([], DT)


def test_the_app_follows_the_title_menu(content, display, tmp_path):
    ctx = make_ctx(content, display, tmp_path)
    ctx.speech = recorder = Recorder()
    title = TitleScreen(ctx)
    app = App(ctx, title, display)
    app.step([], DT)
    assert recorder.calls, "the app asks after the first draw"
    assert recorder.heard()[-1].split("\n")[-1] == title.menu.labels[0]
    key(app, pygame.K_DOWN)
    assert recorder.heard()[-1].split("\n")[-1] == title.menu.labels[1]  # the item the arrow moved to
    drawn = len(recorder.calls)
    app.step([], DT)
    assert len(recorder.calls) == drawn  # nothing changed, nothing drawn, nothing asked
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=title.menu.rects[2].center, rel=(0, 0),
                                         buttons=(0, 0, 0)))
    app.step(None, DT)
    assert recorder.heard()[-1].split("\n")[-1] == title.menu.labels[2]  # the mouse moves the selection too


def at_node(content, display, data_dir: Path, node: str, speech) -> App:
    """The world of ``node``'s scene with that conversation open, read-aloud on ``speech``."""
    ctx = make_ctx(content, display, data_dir, text_speed="instant")
    ctx.speech = speech
    session = Session.new(content, data_dir)
    session.runner.begin(node)
    app = App(ctx, WorldScreen(ctx, session), display)
    app.step([], DT)
    app.step([], DT)
    assert isinstance(app.top, DialogueScreen)
    return app


def test_the_app_follows_the_dialogue_lines_and_the_choice(content, display, tmp_path):
    app = at_node(content, display, tmp_path, "home.meera", recorder := Recorder())
    lines: list[str] = []
    for _ in range(20):
        step = app.top.step
        if isinstance(step, Menu):
            break
        assert isinstance(step, Say)
        lines.append(step.text)
        assert step.text in recorder.heard()[-1]  # the line on screen is what read-aloud was given
        key(app, pygame.K_SPACE, frames=2)
    assert len(lines) >= 2
    said = recorder.heard()[-1]
    assert all(option.text in said for option in app.top.step.options)  # a choice reads its options


def test_a_choice_is_read_after_its_line_without_the_line_again(content, display, tmp_path):
    """The real Speech on a fake engine, in the real game: the line, then only what the choice adds to it."""
    engine = FakeEngine()
    speech = Speech("en", [lambda: engine])
    try:
        assert speech.wait_ready(5)
        app = at_node(content, display, tmp_path, "home.meera", speech)
        for _ in range(10):
            if isinstance(app.top.step, Menu):
                break
            line = app.top.step.text
            until(lambda line=line: any(line in t for t in texts(engine)))
            key(app, pygame.K_SPACE, frames=2)
        menu = app.top.step
        assert isinstance(menu, Menu)
        options = [o.text for o in menu.options]
        until(lambda: all(o in texts(engine)[-1] for o in options))
        last_line = app.top.last_say.text
        assert last_line not in texts(engine)[-1]  # heard just before: not repeated with the options
        assert sum(last_line in t for t in texts(engine)) == 1
    finally:
        speech.close()


def test_the_default_text_reads_sensibly_on_cards(content, display, tmp_path):
    ctx = make_ctx(content, display, tmp_path)
    session = Session.new(content, tmp_path)
    t = ctx.t

    survey = SurveyScreen(ctx, session, "pre")
    key_down = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)
    survey.handle(key_down)  # Start: the first statement
    item = content.survey.items[0]
    scale = content.survey.scales[item.scale]
    said = survey.speech_text().split("\n")
    assert said == [t("survey.progress", n=1, total=len(content.survey.items)), item.text, scale.options[0].text]
    survey.card.menu.selected = 1
    assert survey.speech_text().split("\n")[-1] == scale.options[1].text  # the answer the arrows are on

    pause = DiscussScreen(ctx, session, Discuss("home.p1", "Who does the cooking at home?", "older prompt", 5))
    assert pause.speech_text().split("\n") == [t("class.discuss_heading"), "Who does the cooking at home?",
                                               t("class.discuss_minutes", minutes=5), t("class.discuss_free"),
                                               t("class.discuss_go_on")]

    end = ChapterEndScreen(ctx, session, Ended("home.studied", "A little more room", "Meera went to sleep."))
    said = end.speech_text().split("\n")
    assert said[1:3] == ["A little more room", "Meera went to sleep."]
    assert t("chapter_end.questions") in said
    assert all(f"{i}. {q}" in said for i, q in enumerate(end.questions, 1))  # numbered as on the card
    assert said[-1] == end.card.menu.labels[0]

    help_card = HelpScreen(ctx)
    said = help_card.speech_text()
    assert said.startswith(content.strings.help.title)
    first = content.strings.help.lines[0]
    assert f"{first.name}: {spell_digits(first.number)}" in said and said.endswith(t("help.back"))


def test_the_join_pad_reads_keys_and_digits_but_never_a_pin(content, display, tmp_path):
    from game.ui.join import JoinScreen, PinScreen

    ctx = make_ctx(content, display, tmp_path)
    join = JoinScreen(ctx)
    for code in (pygame.K_4, pygame.K_2):
        join.handle(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0))
    assert join.speech_text().split("\n")[-1] == "4 2"
    pin = PinScreen(ctx)
    for code in (pygame.K_RIGHT, pygame.K_7, pygame.K_1):
        pin.handle(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0))
    said = pin.speech_text()
    assert "7" not in said and "1" not in said and "2" not in said.split("\n")[-1]


# --- the real engine -------------------------------------------------------------------------------------------------
def wav_stats(path: Path) -> tuple[float, float]:
    """(seconds, RMS of the 16-bit samples)."""
    with wave.open(str(path)) as w:
        assert w.getsampwidth() == 2
        frames = w.readframes(w.getnframes())
        seconds = w.getnframes() / w.getframerate()
    samples = array.array("h", frames)
    return seconds, math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_espeak_ng_really_speaks_english_and_hindi(content, display, tmp_path):
    program = shutil.which("espeak-ng")
    speech = Speech("en", [lambda: EspeakCommand(program, wav_dir=tmp_path)])
    try:
        assert speech.wait_ready(10) and speech.available, speech.reason
        began = time.perf_counter()
        speech.follow("Meera: Don't come in here with those feet. I just swept.")
        assert time.perf_counter() - began < 0.020
        assert speech.wait_idle(10)
        hi = load_content(ROOT, "hi")[0]
        speech.set_language("hi")
        line = hi.catalog.text("home.title", "An ordinary evening")
        assert line != "An ordinary evening"
        speech.follow(f"{hi.strings.name('meera')}: {line}")
        assert speech.wait_idle(10)
        speech.set_language("xx")
        until(lambda: not speech.available, 10)
        assert speech.reason == NO_VOICE
    finally:
        speech.close()
    for name in ("speech-0001.wav", "speech-0002.wav"):
        seconds, rms = wav_stats(tmp_path / name)
        assert seconds > 0.5 and rms > 300, (name, seconds, rms)  # speech, not silence
