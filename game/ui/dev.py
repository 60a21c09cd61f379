"""`--dev`: live authoring for facilitators. F5 reloads the YAML and maps and keeps the player where they are; a bad
edit shows the checker's messages over the game, which keeps running on the last good content. F6 opens a jump menu:
set variables, then start any node.

These screens are tools for people editing the content, like the checker itself, so they speak the checker's
language rather than going through the translated interface strings.
"""

from __future__ import annotations

import pygame

from game.content import load_content
from game.contentdir import refresh
from game.story.problems import Problem, summary
from game.story.state import State
from game.ui.card import Block, Card
from game.ui.context import Context
from game.ui.images import Images
from game.ui.input import Action
from game.ui.menu import MenuList
from game.ui.screen import Screen
from game.ui.theme import panel, veil
from game.ui.transitions import Pop, Push, Replace, Transition


def reload_content(ctx: Context, stack: list[Screen]) -> tuple[bool, list[Problem], int]:
    """Load the content again; on success swap it in everywhere and keep the player's place. Never raises."""
    try:
        refresh(ctx.root)  # the facilitator edits their content folder; the game reads its view (game/contentdir.py)
        content, problems, files = load_content(ctx.root, ctx.content.lang)
    except Exception as exc:  # the last good content must keep running whatever the files contain
        from game.story.problems import Pos

        return False, [Problem(Pos(".", 1, 1), "error", f"reloading failed: {type(exc).__name__}: {exc}")], 0
    if content is None:
        return False, problems, files
    ctx.content = content
    ctx.images = Images(content)
    from game.ui.dialogue import DialogueScreen
    from game.ui.world import WorldScreen

    for screen in stack:
        session = getattr(screen, "session", None)
        if session is not None and session.content is not content:
            try:
                state = State.from_json(session.state.to_json(), content.story)
            except Exception:
                state = State.from_json(session.state.to_json())  # a variable or node was renamed: keep what fits
            session.state = state
            session.use_content(content)
        if isinstance(screen, WorldScreen):
            screen._sync()  # where the player stands now, not where the last save was taken
            where = screen.session.world
            if where.scene not in content.scenes:
                from game.session import spawn_point

                where = spawn_point(content, content.start_scene)
            screen.session.world = where
            screen._enter(where)
        elif isinstance(screen, DialogueScreen):
            screen._snapshot = None
            screen.resumed()
    return True, problems, files


class ProblemsOverlay(Screen):
    """The checker's messages over the running game (which keeps the last good content). Esc or F5 closes it."""

    opaque = False

    def __init__(self, ctx: Context, problems: list[Problem], files: int) -> None:
        self.ctx = ctx
        theme = ctx.theme
        errors = [p for p in problems if p.severity == "error"] + [p for p in problems if p.severity != "error"]
        blocks = [Block("Content not reloaded: the game keeps the last good version", theme.name, theme.error, gap=0),
                  Block(summary(problems, files), theme.small, theme.ink, gap=6)]
        blocks += [Block(p.format(), theme.small, theme.error if p.severity == "error" else theme.ink_soft, gap=6)
                   for p in errors]
        self.card = Card(blocks, MenuList(["Back to the game (fix the file, then press F5)"], theme.option, 600))

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame.KEYDOWN and (self.ctx.bindings.action(event) in (Action.PAUSE, Action.BACK)
                                             or event.key == pygame.K_F5):
            return Pop()
        return Pop() if self.card.handle(event, self.ctx.bindings) is not None else None

    def draw(self, surface: pygame.Surface) -> None:
        veil(surface, self.ctx.theme)
        self.card.draw(surface, self.ctx.text, self.ctx.theme)


class JumpMenu(Screen):
    """Set variables (←/→ change the selected one), then pick any node to start it."""

    opaque = False

    def __init__(self, ctx: Context, session) -> None:
        self.ctx = ctx
        self.session = session
        self.names = sorted(session.state.vars)
        self.nodes = sorted(n.full_id for s in ctx.content.story.scenes.values() for n in s.nodes.values())
        self.menu = MenuList([], ctx.theme.small, 1100, max_height=560)
        self.picking_node = False
        self._relabel()

    def _relabel(self) -> None:
        if self.picking_node:
            self.menu.labels = self.nodes
        else:
            self.menu.labels = [f"{n} = {self.session.state.vars[n]!r}" for n in self.names] + ["→ choose a node to start"]
        self.menu.selected = min(self.menu.selected, len(self.menu.labels) - 1)

    def handle(self, event: pygame.event.Event) -> Transition | None:
        action = self.ctx.bindings.action(event)
        if event.type == pygame.KEYDOWN and action in (Action.PAUSE, Action.BACK):
            if self.picking_node:
                self.picking_node = False
                self.menu.selected = 0
                self._relabel()
                return None
            return Pop()
        if event.type == pygame.KEYDOWN and action in (Action.LEFT, Action.RIGHT) and not self.picking_node \
                and self.menu.selected < len(self.names):
            self._change(self.names[self.menu.selected], 1 if action is Action.RIGHT else -1)
            return None
        chosen = self.menu.handle(event, self.ctx.bindings)
        if chosen is None:
            return None
        if not self.picking_node:
            if chosen < len(self.names):
                self._change(self.names[chosen], 1)
                return None
            self.picking_node = True
            self.menu.selected = 0
            self._relabel()
            return None
        from game.ui.dialogue import DialogueScreen

        self.session.runner.begin(self.nodes[chosen])
        return Replace(DialogueScreen(self.ctx, self.session))

    def _change(self, name: str, step: int) -> None:
        value = self.session.state.vars[name]
        if isinstance(value, bool):
            value = not value
        elif isinstance(value, int):
            value += step
        self.session.state.vars[name] = value
        self._relabel()

    def draw(self, surface: pygame.Surface) -> None:
        veil(surface, self.ctx.theme)
        panel(surface, pygame.Rect(60, 50, 1160, 620), self.ctx.theme)
        self.menu.layout(self.ctx.text, 90, 80)
        self.menu.draw(surface, self.ctx.text, self.ctx.theme)


def handle_dev_key(ctx: Context, stack: list[Screen], event: pygame.event.Event) -> Transition | None:
    """F5 reload, F6 jump menu; None when the key is not a dev key."""
    if event.type != pygame.KEYDOWN:
        return None
    if event.key == pygame.K_F5:
        ok, problems, files = reload_content(ctx, stack)
        if not ok:
            return Push(ProblemsOverlay(ctx, problems, files))
        return Push(_Flash(ctx, summary(problems, files)))
    if event.key == pygame.K_F6:
        session = next((getattr(s, "session", None) for s in reversed(stack) if getattr(s, "session", None)), None)
        if session is not None:
            return Push(JumpMenu(ctx, session))
    return None


class _Flash(Screen):
    """A short confirmation that the reload worked; any key or a second closes it."""

    opaque = False

    def __init__(self, ctx: Context, message: str) -> None:
        self.ctx = ctx
        self.message = f"Reloaded: {message}"
        self.left = 1.2

    def animating(self) -> bool:
        return True

    def update(self, dt: float) -> Transition | None:
        self.left -= dt
        return Pop() if self.left <= 0 else None

    def handle(self, event: pygame.event.Event) -> Transition | None:
        return Pop() if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN) else None

    def draw(self, surface: pygame.Surface) -> None:
        text, theme = self.ctx.text, self.ctx.theme
        img = text.render(self.message, theme.small, theme.ink)
        rect = pygame.Rect(0, 0, img.get_width() + 40, img.get_height() + 20)
        rect.midbottom = (surface.get_width() // 2, surface.get_height() - 16)
        panel(surface, rect, theme)
        surface.blit(img, (rect.x + 20, rect.y + 10))
