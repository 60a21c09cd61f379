"""The first screen: Continue (when there is a save), New game, Join class, Language, Settings, For teachers, Quit."""

from __future__ import annotations

import pygame

from game.session import Session
from game.story.runner import Ended
from game.ui.context import Context
from game.ui.menu import MenuList
from game.ui.music import TITLE_DELAY_MS, title_music_event, title_track
from game.ui.screen import Screen
from game.ui.theme import LOGICAL_SIZE, TITLE_PICTURE, panel
from game.ui.transitions import Push, Quit, Reset, Transition



class TitleScreen(Screen):
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.has_save = Session.has_save(ctx.data_dir)
        pygame.time.set_timer(title_music_event(), TITLE_DELAY_MS, 1)  # once
        self.menu = MenuList([], ctx.theme.menu, 460)
        self._relabel()

    def _items(self) -> list[str]:
        return (["continue"] if self.has_save else []) + ["new_game", "join_class", "language", "settings",
                                                          "teacher", "quit"]

    def _relabel(self) -> None:
        labels = {
            "continue": self.ctx.t("title.continue"),
            "new_game": self.ctx.t("title.new_game"),
            "join_class": self.ctx.t("title.join_class"),
            "teacher": self.ctx.t("title.teacher"),
            "settings": self.ctx.t("settings.title"),
            "language": self.ctx.language_label(),
            "quit": self.ctx.t("title.quit"),
        }
        self.menu.labels = [labels[i] for i in self._items()]
        self.menu.selected = min(self.menu.selected, len(self.menu.labels) - 1)

    def handle(self, event: pygame.event.Event) -> Transition | None:
        chosen = self.menu.handle(event, self.ctx.bindings)
        if chosen is None:
            return None
        self.ctx.play_sound("select")
        item = self._items()[chosen]
        if item == "continue":
            return self._continue()
        if item == "new_game":
            return self._start(Session.new(self.ctx.content, self.ctx.data_dir))
        if item in ("join_class", "teacher"):
            from game.ui.join import JoinScreen, PinScreen

            self.ctx.play_music(None)  # a lab joining a class, or the teacher's PC at the projector: quiet

            return Push(JoinScreen(self.ctx) if item == "join_class" else PinScreen(self.ctx))
        if item == "settings":
            from game.ui.settings_screen import SettingsScreen

            return Push(SettingsScreen(self.ctx))
        if item == "language":
            self.ctx.next_language()
        elif item == "quit":
            return Quit()
        self._relabel()
        return None

    def resumed(self) -> Transition | None:
        self._relabel()  # back from the settings: the words may be drawn in another size or font
        self.ctx.play_music(title_track(self.ctx.data_dir))  # back from joining or the teacher's menu
        return None

    def on_timer(self, event: pygame.event.Event) -> bool | None:
        if event.type != title_music_event():
            return None
        self.ctx.play_music(title_track(self.ctx.data_dir))
        return False

    def _continue(self) -> Transition | None:
        session, problem = Session.resume(self.ctx.content, self.ctx.data_dir)
        if session is None:
            # The save was unreadable and has been moved aside: say so kindly and offer a new start.
            self.ctx.notice = self.ctx.t("title.save_problem") if problem else None
            self.has_save = False
            self.menu.selected = 0
            self._relabel()
            return None
        if isinstance(session.runner.current(), Ended):
            # The chapter was over when the game closed: show its end again, with the way on.
            from game.ui.chapter_end import ChapterEndScreen

            if session.classroom is not None:
                from game.ui.classflow import connect

                connect(self.ctx, session)
            return Reset(ChapterEndScreen(self.ctx, session, session.runner.current()))
        if session.classroom is not None:
            from game.ui.classflow import resume_class

            return resume_class(self.ctx, session)
        return self._start(session)

    def _start(self, session: Session) -> Transition:
        from game.ui.classflow import connect
        from game.ui.world import WorldScreen

        connect(self.ctx, session)  # a solo game: stop following any class
        self.ctx.notice = None
        session.save()
        return Reset(WorldScreen(self.ctx, session))

    def draw(self, surface: pygame.Surface) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        sw, sh = LOGICAL_SIZE
        backdrop = self.ctx.images.picture(self.ctx.root / TITLE_PICTURE, sh)
        if backdrop is not None:
            surface.blit(backdrop, ((sw - backdrop.get_width()) // 2, 0))
        else:
            surface.fill(theme.dark)
        left = 90
        # A dark band behind the words keeps them readable over the picture (theme.band: at least 4.5:1 over any
        # picture); it is solid under the widest line, title and tagline included, and widens with the text size.
        words = [(label, self.menu.style) for label in self.menu.labels] + [
            (line, theme.title) for line in text.wrap(self.ctx.t("game.title"), sw - 2 * left, theme.title)] + [
            (line, theme.tagline) for line in text.wrap(self.ctx.t("game.tagline"), sw - 2 * left, theme.tagline)]
        widest = max([text.width(line, style) for line, style in words] + [560])
        solid = min(sw, left + widest + 60)
        band = pygame.Surface((sw, sh), pygame.SRCALPHA)
        *rgb, opacity = theme.band
        for x in range(0, sw, 8):
            alpha = opacity if x < solid else max(0, int(opacity - (x - solid) * 0.7))
            band.fill((*rgb, alpha), pygame.Rect(x, 0, 8, sh))
        surface.blit(band, (0, 0))
        width = min(sw - 2 * left, round(560 * max(1.0, text.scale)))
        y = 48
        for line in text.wrap(self.ctx.t("game.title"), sw - 2 * left, theme.title):
            shadow = text.render(line, theme.title, theme.shadow)
            surface.blit(shadow, (left + 4, y + 4))
            surface.blit(text.render(line, theme.title, theme.on_dark), (left, y))
            y += text.line_height(theme.title)
        pygame.draw.rect(surface, theme.accent, pygame.Rect(left, y + 4, 120, 6), border_radius=3)
        # The name and tagline are the game's logo: they keep their size so the menu has room at 200 % text.
        y = text.draw_lines(surface, text.wrap(self.ctx.t("game.tagline"), sw - 2 * left, theme.tagline),
                            theme.tagline, theme.on_dark_soft, left, y + 22)
        if self.ctx.notice:
            lines = text.wrap(self.ctx.notice, width - 40, theme.small)
            h = len(lines) * text.line_height(theme.small) + 24
            box = pygame.Rect(left, y + 16, width, h)
            panel(surface, box, theme)
            text.draw_lines(surface, lines, theme.small, theme.error, box.x + 20, box.y + 12)
            y = box.bottom
        self.menu.width = width
        hint_h = text.line_height(theme.small) + 30
        self.menu.max_height = sh - (y + 24) - hint_h
        self.menu.fit(text, self.menu.max_height, (theme.menu, theme.option, theme.small))
        self.menu.layout(text, left - MenuList.PAD_X, y + 24)
        self.menu.draw(surface, text, theme, on_dark=True)
        hint = text.render(self.ctx.t("title.hint"), theme.small, theme.on_dark_soft)
        surface.blit(hint, (left, sh - 30 - hint.get_height()))
