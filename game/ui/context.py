"""Everything the screens share, passed in explicitly (no globals): content, strings, fonts, theme, settings."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from game.content import Content
from game.i18n.kept import KeptLanguages, language_stamp
from game.ui.audio import Audio
from game.ui.display import Display
from game.settings import TEXT_SCALES, Settings, save_settings
from game.ui.input import Bindings
from game.ui.images import Images
from game.ui.text import FontFiles, TextRenderer
from game.ui.theme import Theme, theme_named

HISTORY_LINES = 200



@dataclass
class Context:
    root: Path
    content: Content
    settings: Settings
    data_dir: Path
    text: TextRenderer
    images: Images
    theme: Theme = field(default_factory=Theme)
    bindings: Bindings = field(default_factory=Bindings)
    # Set by the app when a screen must tell the player something once (e.g. a save that could not be read).
    notice: str | None = None
    display: "Display | None" = None
    dev: bool = False  # --dev: F5 reloads the content, F6 opens the jump menu
    audio: Audio | None = None  # None: no sound at all (tests, screenshots)
    results_override: Path | None = None  # --results DIR: this run's results folder, over the setting
    speech: object | None = None  # read-aloud (game.ui.speech.Speech) while the setting is on; None when off
    classroom: object | None = None  # the student's ClassLink while in a class session (game.ui.classflow)
    # The lines shown most recently, oldest first, as (speaker's name or "", text): the backlog (H) reads them.
    history: list[tuple[str, str]] = field(default_factory=list)

    def remember_line(self, speaker: str, text: str) -> None:
        if not self.history or self.history[-1] != (speaker, text):
            self.history.append((speaker, text))
            del self.history[:-HISTORY_LINES]
    class_control: object | None = None  # what the teacher said, as last read (game.classroom.folder.Control)
    teacher_key: object | None = None  # the teacher's signing key, once the PIN unlocked it (game.classroom.sign)
    kept: KeptLanguages[Content] = field(default_factory=KeptLanguages)  # languages switched to, for switching back

    def class_folder(self):
        """The results folder class sessions use (game.classroom.folder.ClassFolder)."""
        from game.classroom.folder import ClassFolder, results_root

        return ClassFolder(results_root(self.data_dir, self.settings.results_dir, self.results_override),
                           self.teacher_key)  # type: ignore[arg-type]

    @staticmethod
    def create(root: Path, content: Content, settings: Settings, data_dir: Path) -> "Context":
        """The context with the saved settings already applied: text size, line spacing, font, theme, read-aloud (the
        volumes reach the Audio, made later, before every sound)."""
        text = TextRenderer(FontFiles.shipped(root / "assets" / "fonts"), scale=settings.text_scale)
        ctx = Context(root=root, content=content, settings=settings, data_dir=data_dir, text=text,
                      images=Images(content))
        ctx.apply_settings()
        if settings.read_aloud:
            ctx.start_speech()  # on this computer it may not speak; the setting is kept for one that can
        return ctx

    def apply_settings(self) -> None:
        """Make the screens follow ``self.settings`` at once. Screens read ctx.theme and ctx.text when they draw, and
        layouts are cached on text.layout_key, so everything reflows on the next frame."""
        s = self.settings
        self.text.scale = s.text_scale
        self.text.line_spacing = s.line_spacing
        self.text.files = FontFiles.shipped(self.root / "assets" / "fonts", legible=s.font == "legible")
        self.theme = theme_named(s.theme)
        if self.bindings.source != s.keys:  # remapped keys, from the start (the app also follows later changes)
            self.bindings = Bindings.from_settings(s.keys, self.bindings.pad)
        if not s.read_aloud and self.speech is not None:
            self.speech.close()
            self.speech = None

    def text_hook(self):
        """(id, source) -> the text in the player's language; the source when untranslated."""
        return self.content.catalog.text

    def t(self, key: str, **values: object) -> str:
        """A player-visible UI string from dialogue/<lang>/ui.yaml."""
        return self.content.strings.get(key, **values)

    def language_label(self) -> str:
        """The language menu item: its name, and which chapters are translated while some are not."""
        from game.i18n.coverage import partial_numbers

        name = self.t("language.name")
        numbers = partial_numbers(self.content)
        if numbers is None:
            return self.t("title.language", name=name)
        key = ("title.language_partial_none", "title.language_partial_one")[len(numbers)] if len(numbers) < 2 \
            else "title.language_partial_many"
        return self.t(key, name=name, chapters=", ".join(map(str, numbers)))

    def update_settings(self, **changes: object) -> None:
        self.settings = replace(self.settings, **changes)
        self.apply_settings()  # text size, line spacing, font, theme and read-aloud follow at once
        if self.audio is not None:
            self.audio.apply(self.settings)  # music that is playing follows its volume and mute at once
        save_settings(self.data_dir, self.settings)

    def enable_speech(self) -> str | None:
        """Turn read-aloud on (the settings screen). Returns None when it speaks, or the ui key of the reason it cannot
        (then the setting stays off): no speech engine on this computer, or the read-aloud module not there at all."""
        reason = self.start_speech()
        if reason is None:
            self.update_settings(read_aloud=True)
        return reason

    def start_speech(self) -> str | None:
        """Open the speech engine, without touching the settings; None when it speaks, else the reason's ui key."""
        try:
            from game.ui.speech import Speech
        except ImportError:
            return "settings.speech_missing"
        try:
            speech = Speech.create(self.content.lang)
        except Exception:  # noqa: BLE001 - a broken engine must never stop the game
            return "settings.speech_missing"
        if not speech.available:
            reason = getattr(speech, "reason", "") or "settings.speech_missing"
            speech.close()
            return reason
        if self.speech is not None:
            self.speech.close()
        self.speech = speech
        return None

    def cycle_text_scale(self) -> None:
        scales = TEXT_SCALES
        i = scales.index(self.settings.text_scale) if self.settings.text_scale in scales else 0
        self.update_settings(text_scale=scales[(i + 1) % len(scales)])

    def play_sound(self, name: str) -> None:
        """A sound effect by name (assets/sound/<name>.wav); silent when there is no audio."""
        if self.audio is not None:
            self.audio.apply(self.settings)  # volume and mute as they are now: a changed setting is heard at once
            self.audio.play(name)

    def play_music(self, name: str | None) -> None:
        """Loop assets/music/<name>.ogg at the music volume (the same name again goes on without a break); None: stop.
        game/ui/music.py decides which."""
        if self.audio is not None:
            self.audio.apply(self.settings)
            if name is None:
                self.audio.stop_music()
            else:
                self.audio.play_music(name)

    def languages(self) -> list[str]:
        """Languages the game can be played in: English and every folder with a translated ui.yaml."""
        base = self.root / "dialogue"
        found = sorted(p.name for p in base.iterdir() if p.is_dir() and p.name != "en" and (p / "ui.yaml").is_file())
        return ["en", *found]

    def switch_language(self, lang: str) -> bool:
        """Load the content in another language, at once, without a restart. False (nothing changes) if it has errors."""
        from game.content import SOURCE_LANG, load_content

        current = self.content
        source = current.source or (current if current.lang == SOURCE_LANG else None)
        stamp = language_stamp(self.root, lang) if source is not None else None  # taken before reading: never stale
        content = self.kept.get(lang, source, stamp)
        if content is None:
            content, _problems, _ = load_content(self.root, lang, source=source)
            if content is None:
                return False
            self.kept.keep(lang, source, stamp, content)
        self.content = content
        self.images.content = content
        self.update_settings(language=lang)
        if self.speech is not None and hasattr(self.speech, "set_language"):
            self.speech.set_language(lang)  # read-aloud speaks the new language (or says why it cannot)
        return True

    def next_language(self) -> bool:
        """Switch to the next language that loads cleanly (title and break screens); False if none other does."""
        import pygame

        langs = self.languages()
        start = langs.index(self.content.lang) if self.content.lang in langs else 0
        for step in range(1, len(langs)):
            if self.switch_language(langs[(start + step) % len(langs)]):
                pygame.display.set_caption(self.t("game.title"))
                return True
        return False

    def toggle_fullscreen(self) -> None:
        if self.display is not None:
            self.display.toggle_fullscreen()
        self.update_settings(fullscreen=not self.settings.fullscreen)
