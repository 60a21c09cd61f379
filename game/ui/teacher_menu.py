"""The teacher's menu, behind the PIN: set up today's class session (chapters, pause points, survey, level, whether
students may go on from a pause point by themselves, where results go), start it, or open the latest one.

Starting a session writes it into the results folder and opens the teacher view in place of this menu; the view's Esc
comes back here. The results folder can be typed in (a lab's shared network folder), and is saved in the settings.
"""

from __future__ import annotations

import pygame

from game.classroom.folder import LEVELS, ClassFolder, ClassSession, FolderError, show_code
from game.ui.context import Context
from game.ui.input import Action
from game.ui.menu import MenuList
from game.ui.screen import Screen
from game.ui.theme import LOGICAL_SIZE, panel
from game.ui.transitions import Pop, Replace, Transition

SURVEY_CYCLE = ("both", "pre", "post", "none")
MAX_PATH = 1024


class TeacherMenuScreen(Screen):
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.chapters_on = {c.id: True for c in ctx.content.chapters}
        self.pauses_on = True
        self.survey = "both"
        self.level = "younger"
        self.students_continue = False
        self.music = False  # chapter music on the students' PCs: quiet unless the teacher wants it
        self.notice: str | None = None     # said kindly above the menu: a folder problem, old sessions deleted …
        self.detail: str | None = None     # the technical reason under a folder problem (a path, an OS message)
        self.editing: str | None = None    # the folder path being typed, None when not typing
        self.edit_buttons = MenuList([], ctx.theme.option, 600, horizontal=True)
        self.menu = MenuList([], ctx.theme.menu, 820)
        self.menu.PAD_Y, self.menu.GAP = 3, 2  # twelve items: closer together than the title's five, still easy to hit
        self.latest: ClassSession | None = None
        self.notice_rect: pygame.Rect | None = None   # where the last notice and the typing field were drawn
        self.field_rect: pygame.Rect | None = None
        self._open_folder()
        self._relabel()

    # --- the results folder ------------------------------------------------------------------------------------------
    @property
    def folder(self) -> ClassFolder:
        return self.ctx.class_folder()

    def _open_folder(self) -> None:
        """Apply the retention setting, then look for the newest session to offer."""
        folder = self.folder
        try:
            gone = folder.expire(self.ctx.settings.results_keep_days)
            sessions = folder.sessions()
        except OSError as exc:
            self._folder_problem(FolderError(f"{folder.root}: {exc.strerror or exc}"))
            self.latest = None
            return
        self.latest = sessions[0] if sessions else None
        if gone:
            self.notice = self.ctx.t("teacher.expired", count=len(gone), days=self.ctx.settings.results_keep_days)
        elif not folder.root.is_dir():
            self.notice = self.ctx.t("teacher.folder_missing")

    def _folder_problem(self, error: FolderError) -> None:
        self.notice = self.ctx.t("teacher.folder_error")
        self.detail = str(error)

    # --- the menu ------------------------------------------------------------------------------------------------------
    def items(self) -> list[str]:
        out = [f"chapter:{c.id}" for c in self.ctx.content.chapters]
        out += ["pauses", "survey", "level", "continue", "music", "folder", "start"]
        if self.latest is not None:
            out.append("latest")
        return out + ["back"]

    def chapter_name(self, chapter_id: str) -> str:
        chapter = next(c for c in self.ctx.content.chapters if c.id == chapter_id)
        scene = self.ctx.content.story.scenes.get(chapter.scenes[0])
        return self.ctx.content.catalog.text(f"{scene.id}.title", scene.title) if scene else chapter_id

    def _relabel(self) -> None:
        t = self.ctx.t

        def state(on: bool) -> str:
            return t("common.on") if on else t("common.off")

        labels = []
        for item in self.items():
            kind, _, arg = item.partition(":")
            if kind == "chapter":
                labels.append(t("teacher.chapter", name=self.chapter_name(arg), state=state(self.chapters_on[arg])))
            elif kind == "pauses":
                labels.append(t("teacher.pauses", state=state(self.pauses_on)))
            elif kind == "survey":
                labels.append(t("teacher.survey", mode=t(f"teacher.survey_{self.survey}")))
            elif kind == "level":
                labels.append(t("teacher.level", level=t(f"teacher.level_{self.level}")))
            elif kind == "continue":
                labels.append(t("teacher.students_continue", state=state(self.students_continue)))
            elif kind == "music":
                labels.append(t("teacher.music", state=state(self.music)))
            elif kind == "folder":
                labels.append(t("teacher.folder", path=str(self.folder.root)))
            elif kind == "start":
                labels.append(t("teacher.start"))
            elif kind == "latest":
                labels.append(t("teacher.open_latest", code=show_code(self.latest.code) if self.latest else ""))
            else:
                labels.append(t("teacher.back"))
        self.menu.labels = labels
        self.menu.selected = min(self.menu.selected, len(labels) - 1)
        self.edit_buttons.labels = [t("teacher.save"), t("teacher.cancel")]

    # --- input ---------------------------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> Transition | None:
        if self.editing is not None:
            self._edit(event)
            return None
        if event.type == pygame.KEYDOWN and self.ctx.bindings.action(event) in (Action.PAUSE, Action.BACK):
            return Pop()
        chosen = self.menu.handle(event, self.ctx.bindings)
        if chosen is None:
            return None
        self.ctx.play_sound("select")
        return self.choose(self.items()[chosen])

    def choose(self, item: str) -> Transition | None:
        kind, _, arg = item.partition(":")
        if kind == "chapter":
            self.chapters_on[arg] = not self.chapters_on[arg]
        elif kind == "pauses":
            self.pauses_on = not self.pauses_on
        elif kind == "survey":
            self.survey = SURVEY_CYCLE[(SURVEY_CYCLE.index(self.survey) + 1) % len(SURVEY_CYCLE)]
        elif kind == "level":
            self.level = LEVELS[(LEVELS.index(self.level) + 1) % len(LEVELS)]
        elif kind == "continue":
            self.students_continue = not self.students_continue
        elif kind == "music":
            self.music = not self.music
        elif kind == "folder":
            self.editing = str(self.folder.root)
            self.edit_buttons.selected = 0
            pygame.key.start_text_input()
        elif kind == "start":
            return self.start()
        elif kind == "latest" and self.latest is not None:
            return self._view(self.latest)
        elif kind == "back":
            return Pop()
        self._relabel()
        return None

    def start(self) -> Transition | None:
        chapters = tuple(c for c, on in self.chapters_on.items() if on)
        if not chapters:
            self.notice, self.detail = self.ctx.t("teacher.need_chapter"), None
            return None
        folder = self.folder
        try:
            session = folder.create(chapters, None if self.pauses_on else (), self.survey,  # type: ignore[arg-type]
                                    self.level, self.students_continue, self.music)
        except FolderError as exc:
            self._folder_problem(exc)
            return None
        return self._view(session)

    def _view(self, session: ClassSession) -> Transition:
        from game.ui.teacher_view import TeacherViewScreen

        ctx = self.ctx
        self.notice = self.detail = None
        return Replace(TeacherViewScreen(ctx, self.folder, session, back=lambda: Replace(TeacherMenuScreen(ctx))))

    def _edit(self, event: pygame.event.Event) -> None:
        """Typing the results folder: Enter saves, Esc cancels; the Save and Cancel buttons do the same."""
        assert self.editing is not None
        if event.type == pygame.TEXTINPUT:
            self.editing = (self.editing + event.text)[:MAX_PATH]
            return
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self._end_edit(save=False)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self._end_edit(save=True)
            elif event.key == pygame.K_BACKSPACE:
                self.editing = self.editing[:-1]
            elif event.key == pygame.K_v and event.mod & pygame.KMOD_CTRL:
                self.editing = (self.editing + _clipboard())[:MAX_PATH]
            return
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEMOTION):
            chosen = self.edit_buttons.handle(event, self.ctx.bindings)
            if chosen is not None:
                self._end_edit(save=chosen == 0)

    def _end_edit(self, save: bool) -> None:
        typed, self.editing = (self.editing or "").strip(), None
        pygame.key.stop_text_input()
        if save:
            # The teacher's choice wins over a --results given for this run, and is kept for the next lesson.
            self.ctx.results_override = None
            self.ctx.update_settings(results_dir=typed)
            self.notice = self.detail = None
            self._open_folder()
        self._relabel()

    # --- drawing -------------------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme, text, t = self.ctx.theme, self.ctx.text, self.ctx.t
        sw, sh = LOGICAL_SIZE
        surface.fill(theme.dark)
        width = min(sw - 80, round(900 * max(1.0, text.scale ** 0.5)))
        box = pygame.Rect(0, 0, width, sh - 40)
        box.center = (sw // 2, sh // 2)
        panel(surface, box, theme)
        inner = width - 80
        x, y = box.x + 40, box.y + 26
        y = text.draw_lines(surface, text.wrap(t("teacher.menu_title"), inner, theme.heading), theme.heading,
                            theme.ink, x, y) + 6
        self.notice_rect = None
        if self.notice:
            y = self._draw_notice(surface, x, y, inner)
        hint = text.wrap(t("teacher.menu_hint"), inner, theme.small) if self.editing is None else []
        bottom = box.bottom - 20 - len(hint) * text.line_height(theme.small)
        text.draw_lines(surface, hint, theme.small, theme.ink_soft, x, bottom)
        if self.editing is not None:
            self._draw_editor(surface, x, y + 8, inner)
            return
        self.menu.width = inner
        self.menu.max_height = bottom - y - 16
        self.menu.fit(text, self.menu.max_height, (theme.option, theme.small))
        self.menu.layout(text, x - MenuList.PAD_X // 2, y + 6)
        self.menu.draw(surface, text, theme)
        start = self.menu.rects[self.items().index("start")]
        if start.w:  # a rule between today's settings and what to do with them
            line_y = start.y - MenuList.GAP // 2 - 1
            pygame.draw.line(surface, theme.ink_soft, (x, line_y), (x + inner, line_y), 2)

    def _draw_notice(self, surface: pygame.Surface, x: int, y: int, width: int) -> int:
        theme, text = self.ctx.theme, self.ctx.text
        lines = text.wrap(self.notice or "", width - 40, theme.small)
        detail = text.wrap(self.detail, width - 40, theme.small)[:2] if self.detail else []
        h = (len(lines) + len(detail)) * text.line_height(theme.small) + 16
        box = pygame.Rect(x, y + 4, width, h)
        pygame.draw.rect(surface, theme.selected_bg, box, border_radius=10)
        pygame.draw.rect(surface, theme.accent, (box.x, box.y, 6, box.h), border_top_left_radius=10,
                         border_bottom_left_radius=10)
        ty = text.draw_lines(surface, lines, theme.small, theme.ink, box.x + 22, box.y + 8)
        text.draw_lines(surface, detail, theme.small, theme.ink_soft, box.x + 22, ty)
        self.notice_rect = box
        return box.bottom + 16  # room for the list's "more above" arrow

    def _draw_editor(self, surface: pygame.Surface, x: int, y: int, width: int) -> None:
        theme, text, t = self.ctx.theme, self.ctx.text, self.ctx.t
        y = text.draw_lines(surface, text.wrap(t("teacher.folder_prompt"), width, theme.body), theme.body, theme.ink,
                            x, y) + 14
        style = theme.body
        lines = text.wrap(self.editing or "", width - 44, style)
        field = pygame.Rect(x, y, width, len(lines) * text.line_height(style) + 24)
        pygame.draw.rect(surface, theme.field, field, border_radius=10)
        pygame.draw.rect(surface, theme.accent, field, width=3, border_radius=10)
        end = text.draw_lines(surface, lines, style, theme.ink, field.x + 18, field.y + 12)
        caret_x = field.x + 20 + text.width(lines[-1], style)  # typing always happens at the end
        line_h = text.line_height(style)
        pygame.draw.rect(surface, theme.accent, (caret_x, end - line_h + 4, 3, line_h - 8))
        self.field_rect = field
        self.edit_buttons.width = width
        self.edit_buttons.layout(text, x - MenuList.PAD_X // 2, field.bottom + 20)
        self.edit_buttons.draw(surface, text, theme)


def _clipboard() -> str:
    """Text on the clipboard (a path copied from the file manager), or "" when there is none or no clipboard."""
    try:
        if not pygame.scrap.get_init():
            pygame.scrap.init()
        raw = pygame.scrap.get_text()
    except (pygame.error, AttributeError):
        return ""
    return "".join(ch for ch in (raw or "") if ch.isprintable())
