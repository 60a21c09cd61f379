"""The teacher view, for the projector: the join code, who has joined, where the class is, how it chose at each
decision (hidden until the teacher reveals it), and pause all / resume all.

It is read from the back of a classroom, so every text is large and its size is fixed: the view is a dashboard laid
out for 1280×720, and the player's text-size setting would push it off the screen. The numbers come from
``game.classroom.live.LiveClass``, polled once a second by a pygame timer while the view is open; between ticks the
app sleeps as it always does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Callable

import pygame

from game.classroom.folder import SMALLEST_GROUP as THRESHOLD, ClassFolder, ClassSession, Control, FolderError, show_code
from game.classroom.live import Decision, LiveClass
from game.story.model import Choice, Pause
from game.ui.context import Context
from game.ui.input import Action
from game.ui.screen import Screen
from game.ui.text import Style
from game.ui.theme import LOGICAL_SIZE
from game.ui.transitions import Quit, Transition

POLL_MS = 1000
MAX_SHOWN = 200  # characters of any one label drawn (ids from files are already at most valid.MAX_ID)

# Projector sizes (logical pixels at 1280×720). The smallest text is 24 px: readable at the back of a room.
CODE_SIZES = (128, 116, 104, 92, 80, 68)
HEAD = Style(28, bold=True, fixed=True)
BIG = Style(88, bold=True, fixed=True)
NUMBER = Style(60, bold=True, fixed=True)
LABEL = Style(28, bold=True, fixed=True)
BODY = Style(26, fixed=True)
SMALL = Style(24, fixed=True)
BUTTON = Style(28, bold=True, fixed=True)
COUNT = Style(30, bold=True, fixed=True)

LEFT_W = 440
PAD = 32
RIGHT_X = LEFT_W + 24
RIGHT_W = LOGICAL_SIZE[0] - RIGHT_X - 24


@cache
def poll_event() -> int:
    """The event type of the once-a-second poll (allocated once, on first use, not at import)."""
    return pygame.event.custom_type()


@dataclass(frozen=True, slots=True)
class _Row:
    """One decision measured for drawing."""
    decision: Decision
    count: str                         # "N have chosen"
    inline: bool                       # the count fits on the label's line
    label_lines: list[str]
    bars: list[tuple[list[str], int]]  # (wrapped option text, count) when revealed, else []
    height: int
    head: int                          # height of the label (and count) above the bars


class TeacherViewScreen(Screen):
    def __init__(self, ctx: Context, folder: ClassFolder, session: ClassSession,
                 back: Callable[[], Transition] | None = None) -> None:
        """``back`` is where Esc leads (the teacher menu); None quits (the view was started from the command line)."""
        self.ctx = ctx
        self.folder = folder
        self.session = session
        self.back = back
        self._index(ctx)
        self.live = LiveClass(folder, session, self.choices, self.pauses)
        self.control = Control()
        self.tampered = False              # session.json no longer carries this teacher's signed settings
        self.revealed: set[str] = set()
        self.selected: str | None = None   # the choice id with the keyboard focus
        self.notice: str | None = None     # a calm line when a command could not be written
        self.hover: str | None = None
        # Filled by draw(): where each clickable thing is, for the mouse.
        self.buttons: dict[str, pygame.Rect] = {}
        self.rows: dict[str, pygame.Rect] = {}
        self.reveal_buttons: dict[str, pygame.Rect] = {}
        self.code_rect = pygame.Rect(0, 0, 0, 0)     # where the join code was drawn (its inked box)
        self.notice_rect: pygame.Rect | None = None
        self.server = self._serve()
        self.refresh()
        self._start_timer()

    # --- the story behind the ids ------------------------------------------------------------------------------------
    def _index(self, ctx: Context) -> None:
        """Choices and pause points by id, and the story order of the choices (chapter by chapter)."""
        story = ctx.content.story
        scenes = [s for c in ctx.content.chapters for s in c.scenes]
        scenes += [s for s in story.scenes if s not in scenes]
        self.choices: dict[str, Choice] = {}
        self.pauses: dict[str, Pause] = {}
        for sid in scenes:
            scene = story.scenes.get(sid)
            for node in scene.nodes.values() if scene else ():
                for step in node.steps:
                    if isinstance(step, Choice):
                        self.choices.setdefault(step.id, step)
                    elif isinstance(step, Pause):
                        self.pauses.setdefault(step.id, step)
        self.order = {cid: i for i, cid in enumerate(self.choices)}

    def chapter_name(self, chapter_id: str) -> str:
        chapter = next((c for c in self.ctx.content.chapters if c.id == chapter_id), None)
        scene = self.ctx.content.story.scenes.get(chapter.scenes[0]) if chapter else None
        return self.ctx.content.catalog.text(f"{scene.id}.title", scene.title) if scene else chapter_id

    def decision_label(self, choice_id: str) -> str:
        choice = self.choices.get(choice_id)
        if choice is None or choice.label is None:
            return choice_id.split(".")[-2] if "." in choice_id else choice_id
        return self.ctx.content.catalog.text(f"{choice.id}.label", choice.label)

    def option_text(self, option_id: str) -> str:
        choice = self.choices.get(option_id.rpartition(".")[0])
        option = next((o for o in choice.options if o.id == option_id), None) if choice else None
        return self.ctx.content.catalog.text(option.id, option.text) if option else option_id.rpartition(".")[2]

    def options_of(self, decision: Decision) -> list[str]:
        """Every option of the decision in story order (those no one took too), then any the story no longer has."""
        choice = self.choices.get(decision.choice)
        known = [o.id for o in choice.options] if choice else []
        return known + [o for o in decision.tally if o not in known]

    def pause_prompt(self, pause_id: str) -> str:
        pause = self.pauses.get(pause_id)
        if pause is None:
            return pause_id
        level = self.session.level if self.session.level in ("younger", "older") else "younger"
        return self.ctx.content.catalog.text(f"{pause.id}.{level}", getattr(pause, level))

    # --- the timer and the folder --------------------------------------------------------------------------------------
    def _start_timer(self) -> None:
        pygame.time.set_timer(poll_event(), POLL_MS)

    def _stop_timer(self) -> None:
        pygame.time.set_timer(poll_event(), 0)

    def resumed(self) -> Transition | None:
        self._start_timer()
        self.refresh()
        return None

    def _serve(self):
        """Serve the session on the lab network while the view is open (the setting class_network); None when off,
        or when this PC does not hold the session's key, or the port is taken (the folder still works)."""
        if not self.ctx.settings.class_network or self.folder.key is None or self.folder.key.public != self.session.key:
            return None
        from game.classroom.net import ClassServer
        from game.ui.join import discovery_addresses

        addresses = discovery_addresses(self.ctx.settings.class_discovery)
        host = "127.0.0.1" if addresses and all(a.startswith("127.") for a in addresses) else "0.0.0.0"
        try:
            return ClassServer(self.folder, self.session, self.ctx.data_dir, host,
                               discovery_port=self.ctx.settings.class_port, forward=self._lrs_queue()).start()
        except (OSError, ValueError):
            self.notice = self.ctx.t("teacher.no_network")
            return None

    def _lrs_queue(self):
        """The school's learning record store, when set (settings lrs_*): statements the class sends are queued for it
        on this PC and sent by a worker thread; the lesson never waits for it."""
        settings = self.ctx.settings
        if not settings.lrs_endpoint:
            return None
        import os

        from game.classroom.lrs import Lrs, LrsError
        from game.classroom.lrs_cli import QUEUE
        from game.classroom.outbox import Outbox

        try:
            store = Lrs(settings.lrs_endpoint, settings.lrs_user,
                        os.environ.get("SMALL_ACTS_LRS_PASSWORD") or settings.lrs_password)
        except LrsError:
            return None
        return Outbox(self.ctx.data_dir / QUEUE / f"live-{self.session.code}.jsonl", store.send)

    def stop_serving(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def leave(self) -> Transition:
        self._stop_timer()
        self.stop_serving()
        return self.back() if self.back is not None else Quit()

    def refresh(self) -> bool:
        """Read what the students wrote since the last tick; True when the screen must change."""
        changed = self.live.poll()
        if self.live.reachable:
            control = self.folder.control(self.session)
            on_disk = self.folder.session(self.session.code)
            tampered = on_disk is not None and on_disk != self.session
            changed = changed or control != self.control or tampered != self.tampered
            self.control, self.tampered = control, tampered
        if self.selected is None or self.selected not in {d.choice for d in self.decisions()}:
            decisions = self.decisions()
            self.selected = decisions[0].choice if decisions else None
        return changed

    def decisions(self) -> list[Decision]:
        return self.live.decisions(self.order)

    def pause_all(self) -> None:
        self._command("pause_all")

    def resume_all(self) -> None:
        self._command("resume_all", pauses=self.live.waiting_pauses())

    def _command(self, action: str, **values: object) -> None:
        try:
            self.control = self.folder.command(self.session, action, **values)
        except FolderError:
            self.notice = self.ctx.t("teacher.command_failed")
            return
        self.notice = None
        self.ctx.play_sound("select")

    def toggle(self, choice_id: str | None) -> None:
        if choice_id is None:
            return
        self.selected = choice_id
        self.revealed.symmetric_difference_update({choice_id})

    def move(self, step: int) -> None:
        ids = [d.choice for d in self.decisions()]
        if not ids:
            return
        i = ids.index(self.selected) if self.selected in ids else 0
        self.selected = ids[(i + step) % len(ids)]

    # --- input ---------------------------------------------------------------------------------------------------------
    def on_timer(self, event: pygame.event.Event) -> bool | None:
        return self.refresh() if event.type == poll_event() else None

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self._click(event.pos)
        if event.type == pygame.MOUSEMOTION:
            self.hover = self._hit(event.pos)
        elif event.type == pygame.MOUSEWHEEL:
            self.move(-event.y)
        return None

    def _key(self, event: pygame.event.Event) -> Transition | None:
        action = self.ctx.bindings.action(event)
        if action in (Action.PAUSE, Action.BACK):
            return self.leave()
        if event.key == pygame.K_p:
            self.pause_all()
        elif event.key == pygame.K_r:
            self.resume_all()
        elif event.key == pygame.K_TAB:
            self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif action in (Action.UP, Action.LEFT):
            self.move(-1)
        elif action in (Action.DOWN, Action.RIGHT):
            self.move(1)
        elif action is Action.CONFIRM:
            self.toggle(self.selected)
        return None

    def _hit(self, pos: tuple[int, int]) -> str | None:
        for name, rect in self.buttons.items():
            if rect.collidepoint(pos):
                return name
        for choice, rect in self.reveal_buttons.items():
            if rect.collidepoint(pos):
                return f"reveal:{choice}"
        for choice, rect in self.rows.items():
            if rect.collidepoint(pos):
                return f"row:{choice}"
        return None

    def _click(self, pos: tuple[int, int]) -> Transition | None:
        hit = self._hit(pos)
        if hit == "pause_all":
            self.pause_all()
        elif hit == "resume_all":
            self.resume_all()
        elif hit == "back":
            return self.leave()
        elif hit and hit.startswith("reveal:"):
            self.toggle(hit.partition(":")[2])
        elif hit and hit.startswith("row:"):
            self.selected = hit.partition(":")[2]
        return None

    # --- drawing -------------------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        sh = LOGICAL_SIZE[1]
        surface.fill(self.ctx.theme.paper)
        self.buttons.clear()
        self._draw_left(surface, pygame.Rect(0, 0, LEFT_W, sh))
        # While the class looks at a revealed split, "where they are" shrinks to one line to give the bars room.
        spotlight = self.selected is not None and self.selected in self.revealed
        y = self._draw_where_line(surface, 22) if spotlight else self._draw_where(surface, 22)
        notice = self._notice_text()
        bottom = sh - 16
        self.notice_rect = None
        if notice:
            bottom = self._draw_notice(surface, notice, bottom)
        self._draw_decisions(surface, y + 16, bottom)

    def _notice_text(self) -> str | None:
        if not self.live.reachable:
            return self.ctx.t("teacher.unreachable")
        if self.tampered:
            return self.ctx.t("teacher.tampered")
        skipped = self.live.skipped + self.control.skipped
        if self.notice is None and skipped:
            return self.ctx.t("teacher.skipped", count=skipped)
        return self.notice

    def _draw_left(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        theme, text, t = self.ctx.theme, self.ctx.text, self.ctx.t
        surface.fill(theme.dark, area)  # the left column: the code and the buttons, light on near-black
        x, width = PAD, area.w - 2 * PAD
        y = 26
        surface.blit(text.render(t("teacher.join_heading"), HEAD, theme.on_dark_warm), (x, y))
        y += text.line_height(HEAD) + 4
        code = show_code(self.session.code)
        style = next((Style(s, bold=True, fixed=True) for s in CODE_SIZES
                      if text.width(code, Style(s, bold=True, fixed=True)) <= width), Style(CODE_SIZES[-1], True, True))
        self.code_rect = self._blit_tight(surface, text.render(code, style, theme.on_dark_bright), x, y)
        y = self.code_rect.bottom + 18
        y = text.draw_lines(surface, text.wrap(t("teacher.join_how"), width, SMALL), SMALL, theme.on_dark_soft, x, y)
        y += 14
        pygame.draw.line(surface, (90, 78, 110), (x, y), (x + width, y), 2)
        y += 16
        surface.blit(text.render(t("teacher.joined_heading"), HEAD, theme.on_dark_soft), (x, y))
        y += text.line_height(HEAD) + 6
        y = self._blit_tight(surface, text.render(str(self.live.joined), BIG, theme.on_dark_bright), x, y).bottom + 12
        if self.live.not_started:
            y = text.draw_lines(surface, text.wrap(t("teacher.not_started", count=self.live.not_started), width,
                                                   SMALL), SMALL, theme.on_dark_soft, x, y)
        # From the bottom up: Back, the two buttons, and the state of the class above them.
        bottom = area.bottom - 22
        # The key caps show the words printed on the keys, which are the same in every language.
        self._button(surface, "back", pygame.Rect(x, bottom - 56, width, 56),
                     t("teacher.close" if self.back is None else "teacher.back"), "Esc", light=False)
        bottom -= 56 + 22
        resume = pygame.Rect(x, bottom - 64, width, 64)
        pause = pygame.Rect(x, resume.y - 12 - 64, width, 64)
        self._button(surface, "pause_all", pause, t("teacher.pause_all"), "P", active=self.control.paused)
        self._button(surface, "resume_all", resume, t("teacher.resume_all"), "R")
        self._draw_state(surface, x, pause.y - 16, width)

    def _draw_state(self, surface: pygame.Surface, x: int, bottom: int, width: int) -> None:
        """The class is playing, or everyone waits: an icon (a shape, not colour alone) and a line of text."""
        theme, text = self.ctx.theme, self.ctx.text
        paused = self.control.paused
        label = self.ctx.t("teacher.state_paused" if paused else "teacher.state_playing")
        lines = text.wrap(label, width - 48, BODY)
        h = len(lines) * text.line_height(BODY)
        top = bottom - h
        icon = pygame.Rect(x, top + 6, 30, 30)
        color = theme.on_dark_warm if paused else theme.on_dark_good
        if paused:
            pygame.draw.rect(surface, color, (icon.x + 4, icon.y, 8, 30), border_radius=2)
            pygame.draw.rect(surface, color, (icon.x + 18, icon.y, 8, 30), border_radius=2)
        else:
            pygame.draw.polygon(surface, color, [(icon.x + 4, icon.y), (icon.x + 28, icon.centery),
                                                 (icon.x + 4, icon.bottom)])
        text.draw_lines(surface, lines, BODY, theme.on_dark, x + 44, top)

    def _button(self, surface: pygame.Surface, name: str, rect: pygame.Rect, label: str, key: str,
                light: bool = True, active: bool = False) -> None:
        """A big button with its key beside the label, so the teacher learns the key by using the mouse."""
        theme, text = self.ctx.theme, self.ctx.text
        self.buttons[name] = rect
        hovered = self.hover == name
        fill = theme.selected_bg if (hovered or active) else (theme.paper if light else theme.dark)
        ink = theme.ink if (light or hovered) else theme.on_dark
        pygame.draw.rect(surface, fill, rect, border_radius=14)
        pygame.draw.rect(surface, theme.accent if (hovered or active) else theme.on_dark_soft, rect,
                         width=3, border_radius=14)
        cap = text.render(key, SMALL, ink)
        cap_box = pygame.Rect(0, 0, max(40, cap.get_width() + 18), 38)
        cap_box.midright = (rect.right - 14, rect.centery)
        pygame.draw.rect(surface, ink, cap_box, width=2, border_radius=8)
        surface.blit(cap, cap.get_rect(center=cap_box.center))
        room = cap_box.x - rect.x - 28
        line = self._clip(label, room, BUTTON)
        img = text.render(line, BUTTON, ink)
        surface.blit(img, (rect.x + 18, rect.centery - img.get_height() // 2))

    def _where_columns(self) -> list[tuple[str, int, int]]:
        """(name, students in it, of them waiting) per chapter of the session, then the finished."""
        columns = [(self.chapter_name(c), n, self.live.waiting_in(c)) for c, n in self.live.chapters().items()]
        return columns + [(self.ctx.t("teacher.finished"), self.live.finished, 0)]

    def _draw_where_line(self, surface: pygame.Surface, y: int) -> int:
        """Where they are, as one line of name-and-number boxes."""
        theme, text = self.ctx.theme, self.ctx.text
        columns = self._where_columns()
        gap = 12
        col_w = (RIGHT_W - gap * (len(columns) - 1)) // len(columns)
        h = text.line_height(COUNT) + 12
        for i, (name, count, waiting) in enumerate(columns):
            box = pygame.Rect(RIGHT_X + i * (col_w + gap), y, col_w, h)
            last = i == len(columns) - 1
            pygame.draw.rect(surface, theme.paper_shade if not last else theme.paper_done, box, border_radius=12)
            num = text.render(str(count), COUNT, theme.ink)
            right = box.right - 14 - num.get_width()
            surface.blit(num, (right, box.centery - num.get_height() // 2))
            if waiting:
                sign = text.render(str(waiting), SMALL, theme.accent)
                right -= sign.get_width() + 16
                surface.blit(sign, (right, box.centery - sign.get_height() // 2))
                right -= 20
                pygame.draw.rect(surface, theme.accent, (right, box.centery - 10, 6, 20))
                pygame.draw.rect(surface, theme.accent, (right + 10, box.centery - 10, 6, 20))
            label = text.render(self._clip(name, right - box.x - 26, SMALL), SMALL, theme.ink)
            surface.blit(label, (box.x + 12, box.centery - label.get_height() // 2))
        return y + h

    def _draw_where(self, surface: pygame.Surface, y: int) -> int:
        """Per chapter of the session: how many play it and how many wait at a pause point; then the finished."""
        theme, text, t = self.ctx.theme, self.ctx.text, self.ctx.t
        surface.blit(text.render(t("teacher.where_heading"), HEAD, theme.ink), (RIGHT_X, y))
        y += text.line_height(HEAD) + 4
        columns = self._where_columns()
        gap = 12
        col_w = (RIGHT_W - gap * (len(columns) - 1)) // len(columns)
        names = [text.wrap(name, col_w - 24, SMALL) for name, _, _ in columns]
        name_rows = min(2, max(len(lines) for lines in names))
        number_h = text.px(NUMBER) * 3 // 4  # the digits' own height: the tight box has no margins
        box_h = 10 + name_rows * text.line_height(SMALL) + 8 + number_h + 16
        for i, ((_name, count, waiting), wrapped) in enumerate(zip(columns, names)):
            box = pygame.Rect(RIGHT_X + i * (col_w + gap), y, col_w, box_h)
            last = i == len(columns) - 1
            pygame.draw.rect(surface, theme.paper_shade if not last else theme.paper_done, box, border_radius=12)
            lines = wrapped if len(wrapped) <= 2 else [wrapped[0], self._clip(wrapped[1] + " …", col_w - 24, SMALL)]
            text.draw_lines(surface, lines, SMALL, theme.ink, box.x + 12, box.y + 10)
            top = box.y + 10 + name_rows * text.line_height(SMALL) + 8
            shown = self._blit_tight(surface, text.render(str(count), NUMBER, theme.ink), box.x + 14, top)
            if waiting:  # the pause sign (a shape, not colour alone) and how many wait, beside the number
                words = t("teacher.waiting_count", count=waiting)
                room = box.right - shown.right - 64
                label = text.render(words if text.width(words, SMALL) <= room else str(waiting), SMALL, theme.accent)
                wx, cy = shown.right + 20, shown.centery
                pygame.draw.rect(surface, theme.accent, (wx, cy - 11, 7, 22))
                pygame.draw.rect(surface, theme.accent, (wx + 12, cy - 11, 7, 22))
                surface.blit(label, (wx + 28, cy - label.get_height() // 2))
        y += box_h + 10
        waiting = list(self.live.waiting().items())
        # One pause point gets its whole question; several get one line each, so the decisions keep their room.
        for pause, count in waiting[:3]:
            y = self._draw_waiting(surface, pause, count, y, 3 if len(waiting) == 1 else 1)
        return y

    def _draw_waiting(self, surface: pygame.Surface, pause: str, count: int, y: int, most: int) -> int:
        """A pause point students wait at, with its question (at most ``most`` lines): what the class can talk
        about now."""
        theme, text = self.ctx.theme, self.ctx.text
        head = self.ctx.t("teacher.waiting_at", count=count)
        inner = RIGHT_W - 40
        prompt = text.wrap(self.pause_prompt(pause), inner, BODY)
        if len(prompt) > most:
            prompt = [*prompt[:most - 1], self._clip(prompt[most - 1] + " …", inner, BODY)]
        h = text.line_height(SMALL) + len(prompt) * text.line_height(BODY) + 16
        box = pygame.Rect(RIGHT_X, y, RIGHT_W, h)
        pygame.draw.rect(surface, theme.selected_bg, box, border_radius=12)
        pygame.draw.rect(surface, theme.accent, (box.x, box.y, 8, box.h), border_top_left_radius=12,
                         border_bottom_left_radius=12)
        surface.blit(text.render(head, SMALL, theme.ink), (box.x + 24, box.y + 6))
        text.draw_lines(surface, prompt, BODY, theme.ink, box.x + 24, box.y + 6 + text.line_height(SMALL))
        return box.bottom + 8

    def _row(self, decision: Decision) -> _Row:
        """Measure one decision: its label and "N have chosen" on one line when they fit, and its bars if shown."""
        text = self.ctx.text
        count = self.ctx.t("teacher.chosen", count=decision.chosen)
        room = RIGHT_W - self._reveal_width() - 64
        label = self.decision_label(decision.choice)
        inline = text.width(label, LABEL) + 40 + text.width(count, SMALL) <= room
        label_lines = [label] if inline else text.wrap(label, room, LABEL)
        head = text.line_height(LABEL) if inline else len(label_lines) * text.line_height(LABEL) + \
            text.line_height(SMALL)
        height = 12 + max(head, 50) + 12
        bars: list[tuple[list[str], int]] = []
        if decision.choice in self.revealed and decision.choice == self.selected and decision.chosen < THRESHOLD:
            # As in the report: a split of fewer than 5 students could single one out on the projector.
            lines = text.wrap(self.ctx.t("teacher.too_few", count=THRESHOLD), RIGHT_W - 48, SMALL)
            bars.append((lines, -1))
            height += len(lines) * text.line_height(SMALL) + 14
        elif decision.choice in self.revealed and decision.choice == self.selected:  # one split at a time
            for option in self.options_of(decision):
                lines = text.wrap(self.option_text(option), self._option_width(), SMALL)
                bars.append((lines, decision.tally.get(option, 0)))
                height += max(len(lines) * text.line_height(SMALL), 40) + 10
            height += 4
        return _Row(decision, count, inline, label_lines, bars, height, head)

    def _reveal_width(self) -> int:
        text = self.ctx.text
        return max(text.width(self.ctx.t(k), BUTTON) for k in ("teacher.reveal", "teacher.hide")) + 40

    @staticmethod
    def _option_width() -> int:
        return int(RIGHT_W * 0.48)

    def _draw_decisions(self, surface: pygame.Surface, y: int, bottom: int) -> None:
        theme, text, t = self.ctx.theme, self.ctx.text, self.ctx.t
        self.rows.clear()
        self.reveal_buttons.clear()
        surface.blit(text.render(t("teacher.decisions_heading"), HEAD, theme.ink), (RIGHT_X, y))
        decisions = self.decisions()
        hint = text.render(t("teacher.decisions_hint"), SMALL, theme.ink_soft)
        if decisions and text.width(t("teacher.decisions_heading"), HEAD) + hint.get_width() + 70 <= RIGHT_W:
            surface.blit(hint, (RIGHT_X + RIGHT_W - 40 - hint.get_width(), y + 4))  # room for the "more" arrow
        y += text.line_height(HEAD) + 4
        if not decisions:
            text.draw_lines(surface, text.wrap(t("teacher.no_decisions"), RIGHT_W, BODY), BODY, theme.ink_soft,
                            RIGHT_X, y + 6)
            return
        rows = [self._row(d) for d in decisions]
        ids = [r.decision.choice for r in rows]
        first, last = self._window([r.height + 8 for r in rows], ids.index(self.selected)
                                   if self.selected in ids else 0, bottom - y)
        if first > 0:
            self._arrow(surface, RIGHT_X + RIGHT_W - 20, y - 2, up=True)
        for row in rows[first:last + 1]:
            y = self._draw_row(surface, row, y) + 8
        if last < len(rows) - 1:
            self._arrow(surface, RIGHT_X + RIGHT_W - 20, min(y + 2, bottom - 2), up=False)

    @staticmethod
    def _window(heights: list[int], selected: int, room: int) -> tuple[int, int]:
        """The rows around the selected one that fit in ``room`` (the selected one always shows)."""
        first = last = selected
        used = heights[selected]
        grew = True
        while grew:
            grew = False
            if last + 1 < len(heights) and used + heights[last + 1] <= room:
                last += 1
                used += heights[last]
                grew = True
            if first > 0 and used + heights[first - 1] <= room:
                first -= 1
                used += heights[first]
                grew = True
        return first, last

    def _draw_row(self, surface: pygame.Surface, row: _Row, y: int) -> int:
        theme, text, t = self.ctx.theme, self.ctx.text, self.ctx.t
        choice = row.decision.choice
        rect = pygame.Rect(RIGHT_X, y, RIGHT_W, row.height)
        self.rows[choice] = rect
        chosen = choice == self.selected
        revealed = choice in self.revealed
        pygame.draw.rect(surface, theme.selected_bg if chosen else theme.paper_shade, rect, border_radius=12)
        head = pygame.Rect(rect.x, rect.y + 12, rect.w, max(row.head, 50))
        if chosen:  # a border and a marker as well as a colour
            pygame.draw.rect(surface, theme.accent, rect, width=3, border_radius=12)
            pygame.draw.polygon(surface, theme.accent, [(rect.x + 7, head.centery - 10), (rect.x + 17, head.centery),
                                                        (rect.x + 7, head.centery + 10)])
        button = pygame.Rect(0, 0, self._reveal_width(), 50)
        button.midright = (rect.right - 14, head.centery)
        label_h = len(row.label_lines) * text.line_height(LABEL) + (0 if row.inline else text.line_height(SMALL))
        ty = text.draw_lines(surface, row.label_lines, LABEL, theme.ink, rect.x + 26, head.centery - label_h // 2 + 2)
        count = text.render(row.count, SMALL, theme.ink_soft)
        if row.inline:
            surface.blit(count, (button.x - 24 - count.get_width(),
                                 head.centery - count.get_height() // 2))
        else:
            surface.blit(count, (rect.x + 26, ty))
        self.reveal_buttons[choice] = button
        hovered = self.hover == f"reveal:{choice}"
        pygame.draw.rect(surface, theme.accent if hovered else theme.paper, button, border_radius=12)
        pygame.draw.rect(surface, theme.accent, button, width=3, border_radius=12)
        label = text.render(t("teacher.hide" if revealed else "teacher.reveal"), BUTTON,
                            theme.on_accent if hovered else theme.ink)
        surface.blit(label, label.get_rect(center=button.center))
        if row.bars:
            self._draw_bars(surface, row, rect, head.bottom + 12)
        return rect.bottom

    def _draw_bars(self, surface: pygame.Surface, row: _Row, rect: pygame.Rect, y: int) -> None:
        """One horizontal bar per option, its length by how many took it, the count beside it."""
        theme, text = self.ctx.theme, self.ctx.text
        most = max([n for _, n in row.bars] + [1])
        bar_x = rect.x + 24 + self._option_width() + 20
        count_w = text.width("000", COUNT) + 12
        full = rect.right - 24 - count_w - bar_x
        for lines, count in row.bars:
            if count < 0:  # too few have chosen: a sentence, no bars
                text.draw_lines(surface, lines, SMALL, theme.ink, rect.x + 24, y)
                continue
            h = max(len(lines) * text.line_height(SMALL), 40)
            text.draw_lines(surface, lines, SMALL, theme.ink, rect.x + 24, y + (h - len(lines) *
                                                                                text.line_height(SMALL)) // 2)
            bar = pygame.Rect(bar_x, y + h // 2 - 16, max(4, round(full * count / most)) if count else 4, 32)
            pygame.draw.rect(surface, theme.accent if count else theme.ink_soft, bar, border_radius=6)
            num = text.render(str(count), COUNT, theme.ink)
            surface.blit(num, (bar.right + 12, y + h // 2 - num.get_height() // 2))
            y += h + 10

    def _draw_notice(self, surface: pygame.Surface, notice: str, bottom: int) -> int:
        theme, text = self.ctx.theme, self.ctx.text
        lines = text.wrap(notice, RIGHT_W - 60, SMALL)
        h = len(lines) * text.line_height(SMALL) + 20
        box = pygame.Rect(RIGHT_X, bottom - h, RIGHT_W, h)
        pygame.draw.rect(surface, theme.field, box, border_radius=12)
        pygame.draw.rect(surface, theme.ink_soft, box, width=3, border_radius=12)
        pygame.draw.circle(surface, theme.ink_soft, (box.x + 24, box.y + 10 + text.line_height(SMALL) // 2), 9)
        text.draw_lines(surface, lines, SMALL, theme.ink, box.x + 46, box.y + 10)
        self.notice_rect = box
        return box.y - 10

    # --- small helpers -------------------------------------------------------------------------------------------------
    @staticmethod
    def _blit_tight(surface: pygame.Surface, img: pygame.Surface, x: int, y: int) -> pygame.Rect:
        """Blit only the inked part of a big rendered line (fonts leave tall margins above digits); where it went."""
        box = img.get_bounding_rect()
        surface.blit(img, (x, y), box)
        return pygame.Rect(x, y, box.w, box.h)

    def _clip(self, line: str, width: int, style: Style) -> str:
        """The line, cut with an ellipsis when wider than ``width``."""
        text = self.ctx.text
        line = line[:MAX_SHOWN]  # no label is longer; a longer one must not cost a shaping per character
        if text.width(line, style) <= width:
            return line
        lo, hi = 0, len(line)  # the longest start that fits, by halving: log n shapings, not n
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if text.width(line[:mid] + "…", style) <= width:
                lo = mid
            else:
                hi = mid - 1
        return line[:lo].rstrip() + "…"

    def _arrow(self, surface: pygame.Surface, x: int, y: int, up: bool) -> None:
        color = self.ctx.theme.accent
        if up:
            pygame.draw.polygon(surface, color, [(x - 12, y), (x, y - 12), (x + 12, y)])
        else:
            pygame.draw.polygon(surface, color, [(x - 12, y), (x, y + 12), (x + 12, y)])
