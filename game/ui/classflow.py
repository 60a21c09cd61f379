"""How a class session runs on a student's machine: join → survey before → today's chapters (with pause points) →
survey after → done; and the once-a-second look at what the teacher said (pause all / resume all / go on).

The loop stays event-driven: a one-second timer wakes it only while the student is in a class session."""

from __future__ import annotations

import pygame

from game.session import Session
from game.ui.context import Context
from game.ui.screen import Screen
from game.ui.transitions import Pop, Push, Reset, Transition

CLASS_TICK = pygame.USEREVENT + 3  # the timer's event; USEREVENT + n keeps it free of any work at import time
TICK_MS = 1000


def connect(ctx: Context, session: Session) -> None:
    """From now on this app follows the teacher of ``session``'s class (nothing when it has none)."""
    ctx.classroom = session.classroom
    pygame.time.set_timer(CLASS_TICK, TICK_MS if session.classroom is not None else 0)


def begin_class(ctx: Context, link) -> Transition:
    """A student has joined: a new play-through of today's chapters, the survey first if the teacher wants it."""
    session = Session.new(ctx.content, ctx.data_dir, classroom=link)
    ctx.notice = None
    return resume_class(ctx, session)


def resume_class(ctx: Context, session: Session) -> Transition:
    """Where a class play-through goes on: the survey before, the world, or the end of today's session."""
    from game.ui.world import WorldScreen

    connect(ctx, session)
    session.save()
    link = session.classroom
    if link is not None and link.finished:
        return Reset(ClassDoneScreen(ctx, session))
    if link is not None and _survey_due(ctx, session, "pre"):
        from game.ui.survey_screen import SurveyScreen

        return Reset(SurveyScreen(ctx, session, "pre"))
    return Reset(WorldScreen(ctx, session))


def after_survey(ctx: Context, session: Session, phase: str) -> Transition:
    from game.ui.world import WorldScreen

    if phase == "pre":
        return Reset(WorldScreen(ctx, session))
    return finish(ctx, session)


def after_last_chapter(ctx: Context, session: Session) -> Transition:
    """Today's last chapter is over: the survey after, then the end."""
    if _survey_due(ctx, session, "post"):
        from game.ui.survey_screen import SurveyScreen

        return Reset(SurveyScreen(ctx, session, "post"))
    return finish(ctx, session)


def finish(ctx: Context, session: Session) -> Transition:
    if session.classroom is not None:
        session.classroom.finish(session.chapter.id if session.chapter else "")
        session.save()
    return Reset(ClassDoneScreen(ctx, session))


def _survey_due(ctx: Context, session: Session, phase: str) -> bool:
    link = session.classroom
    if link is None or ctx.content.survey is None or not ctx.content.survey.items or phase in link.surveys:
        return False
    return link.session.pre if phase == "pre" else link.session.post


def tick(ctx: Context, stack: list[Screen]) -> Transition | None:
    """Once a second in a class session: freeze everyone on "pause all", let them go on "resume all"."""
    link = getattr(ctx, "classroom", None)
    if link is None:
        pygame.time.set_timer(CLASS_TICK, 0)
        return None
    control = link.control()
    ctx.class_control = control
    frozen = isinstance(stack[-1], FrozenScreen)
    if control.paused and not frozen:
        return Push(FrozenScreen(ctx))
    if frozen and not control.paused:
        return Pop()
    return None


class FrozenScreen(Screen):
    """The teacher paused everyone: eyes up. It cannot be closed by the student; it goes when the teacher resumes."""
    opaque = False

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def speech_text(self) -> str | None:
        return f"{self.ctx.t('class.frozen_heading')}\n{self.ctx.t('class.frozen_text')}"

    def draw(self, surface: pygame.Surface) -> None:
        from game.ui.theme import LOGICAL_SIZE, panel, veil

        theme, text = self.ctx.theme, self.ctx.text
        veil(surface, theme)
        sw, sh = LOGICAL_SIZE
        width = 820
        heading = text.wrap(self.ctx.t("class.frozen_heading"), width - 80, theme.heading)
        body = text.wrap(self.ctx.t("class.frozen_text"), width - 80, theme.body)
        h = len(heading) * text.line_height(theme.heading) + len(body) * text.line_height(theme.body) + 90
        box = pygame.Rect(0, 0, width, min(h, sh - 40))
        box.center = (sw // 2, sh // 2)
        panel(surface, box, theme)
        y = text.draw_lines(surface, heading, theme.heading, theme.ink, box.x + 40, box.y + 30)
        text.draw_lines(surface, body, theme.body, theme.ink, box.x + 40, y + 14)


class ClassDoneScreen(Screen):
    """Today's chapters (and the survey) are done."""

    def __init__(self, ctx: Context, session: Session) -> None:
        from game.ui.card import Block, Card
        from game.ui.menu import MenuList

        self.ctx = ctx
        self.session = session
        theme = ctx.theme
        self.card = Card([Block(ctx.t("class.done_heading"), theme.heading, theme.ink, gap=0),
                          Block(ctx.t("class.done_text"), theme.body, theme.ink, gap=14)],
                         MenuList([ctx.t("class.done_help"), ctx.t("class.done_title")], theme.option, 620,
                                  horizontal=True), width=900, compact=True)

    def handle(self, event: pygame.event.Event) -> Transition | None:
        chosen = self.card.handle(event, self.ctx.bindings)
        if chosen == 0:
            from game.ui.help_card import HelpScreen

            return Push(HelpScreen(self.ctx))
        if chosen == 1:
            from game.ui.title import TitleScreen

            if self.ctx.classroom is not None:
                self.ctx.classroom.close()
            self.ctx.classroom = None
            pygame.time.set_timer(CLASS_TICK, 0)
            return Reset(TitleScreen(self.ctx))
        return None

    def draw(self, surface: pygame.Surface) -> None:
        
        surface.blit(self.ctx.images.dusk(), (0, 0))
        self.card.draw(surface, self.ctx.text, self.ctx.theme)
