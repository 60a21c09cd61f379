"""The window, the screen stack and the event-driven loop.

The loop sleeps (IDLE_SLEEP_MS at a time between looks for input) whenever no screen is animating and nothing changed,
so an idle game costs almost no CPU on a shared lab PC. ``App.apply`` is the only place the stack changes.
"""

from __future__ import annotations

import pygame

from game.ui.classflow import CLASS_TICK, tick as class_tick
from game.ui.context import Context
from game.ui.display import Display
from game.ui.input import Action, Bindings
from game.ui.screen import Screen
from game.ui.transitions import Pop, Push, Quit, Replace, Reset, Transition

FPS = 60
IDLE_SLEEP_MS = 16  # between looks for input while nothing moves: under one frame (16.7 ms) of added latency
# Events that change nothing on screen and must not wake a redraw.
_QUIET = {pygame.ACTIVEEVENT, pygame.WINDOWMOVED, pygame.AUDIODEVICEADDED, pygame.TEXTEDITING}


class App:
    def __init__(self, ctx: Context | None, first: Screen, display: Display) -> None:
        # ctx is None only when the content could not be loaded and the problems screen is all there is.
        self.ctx = ctx
        self.bindings = ctx.bindings if ctx else Bindings()
        self.display = display
        self.stack: list[Screen] = [first]
        self.running = True
        self.dirty = True
        self.frames_drawn = 0
        self._clock = pygame.time.Clock()

    @property
    def surface(self) -> pygame.Surface:
        """The 1280×720 surface screens draw on."""
        return self.display.logical

    @property
    def top(self) -> Screen:
        return self.stack[-1]

    # --- the one place the stack changes -------------------------------------------------------------------------
    def apply(self, transition: Transition | None) -> None:
        if transition is None:
            return
        self.dirty = True
        match transition:
            case Push(screen):
                self.stack.append(screen)
            case Pop():
                self.stack.pop()
                if not self.stack:
                    self.running = False
                    return
                self.apply(self.top.resumed())
            case Replace(screen):
                self.stack.pop()
                self.stack.append(screen)
            case Reset(screen):
                self.stack = [screen]
            case Quit():
                self.running = False

    # --- one turn of the loop ------------------------------------------------------------------------------------
    def animating(self) -> bool:
        return any(s.animating() for s in self.stack[-1:])

    def step(self, events: list[pygame.event.Event] | None = None, dt: float = 1 / FPS) -> None:
        """Handle ``events`` (or whatever is queued), advance time by ``dt``, draw if anything changed."""
        if events is None:
            events = pygame.event.get()
        for event in events:
            self._handle(event)
            if not self.running:
                return
        if self.animating():
            self.apply(self.top.update(dt))
            self.dirty = True
        if self.running and self.dirty:
            self.draw()
            if self.ctx is not None and self.ctx.speech is not None:
                self.ctx.speech.follow(self.top.speech_text())  # read-aloud says what is new on screen

    def _handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == CLASS_TICK:
            # Once a second in a class session; it redraws only when the teacher's word changes something.
            if self.ctx is not None:
                transition = class_tick(self.ctx, self.stack)
                if transition is not None:
                    self.apply(transition)
                    return
                if self.top.on_timer(event):
                    self.dirty = True
            return
        if event.type >= pygame.USEREVENT:
            changed = self.top.on_timer(event)
            if changed is not None:  # the top screen's own timer: a redraw only when something changed
                self.dirty = self.dirty or changed
                return
        # --- input devices (game/ui/input.py) ---------------------------------------------------------------------
        # The bindings of now (Context.apply_settings rebuilds them whenever settings.keys changes).
        if self.ctx is not None:
            self.bindings = self.ctx.bindings
        if self.frames_drawn:
            self.bindings.pad.start()  # after the first picture, so a PC without a controller pays nothing at start
        # A controller's buttons, D-pad and stick, and the right mouse button, arrive as the keys they stand for, so
        # every screen works with them unchanged. A stick's small movements make no key and wake no redraw.
        as_keys = self.bindings.as_keys(event)
        if as_keys is not None:
            for key_event in as_keys:
                self._handle(key_event)
                if not self.running:
                    return
            return
        if getattr(self.top, "capturing_keys", False) and event.type in (pygame.KEYDOWN, pygame.KEYUP):
            self.dirty = True
            self.apply(self.top.handle(event))  # the keys screen waits for a new key: F1, H or F11 are for it too
            return
        # --- end of input devices ---------------------------------------------------------------------------------
        if event.type not in _QUIET:
            self.dirty = True
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self.display.refresh()
            return
        if self.bindings.action(event) is Action.FULLSCREEN and event.type == pygame.KEYDOWN:
            if self.ctx:
                self.ctx.toggle_fullscreen()
            else:
                self.display.toggle_fullscreen()
            return
        if self.ctx is not None and self.ctx.dev:
            from game.ui.dev import handle_dev_key

            transition = handle_dev_key(self.ctx, self.stack, event)
            if transition is not None:
                self.apply(transition)
                return
        if self.bindings.action(event) is Action.HELP and event.type == pygame.KEYDOWN and self.ctx:
            from game.ui.help_card import HelpScreen

            if not isinstance(self.top, HelpScreen):
                self.apply(Push(HelpScreen(self.ctx)))  # the help card is one key away from anywhere
                return
        if self.bindings.action(event) is Action.HISTORY and event.type == pygame.KEYDOWN and self.ctx \
                and getattr(self.top, "editing", None) is None:  # not while a teacher types a folder name
            from game.ui.history import HistoryScreen

            if not isinstance(self.top, HistoryScreen):
                self.apply(Push(HistoryScreen(self.ctx)))  # the recent lines, one key away
                return
        self.apply(self.top.handle(self.display.translate(event)))

    def draw(self) -> None:
        start = 0
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].opaque:
                start = i
                break
        for screen in self.stack[start:]:
            screen.draw(self.surface)
        self.display.present(moving=self.animating())
        self.frames_drawn += 1
        self.dirty = False

    def run(self) -> None:
        while self.running:
            if self.animating() or self.dirty:
                events = pygame.event.get()
                dt = min(self._clock.tick(FPS) / 1000, 0.1)
            else:
                # Nothing moves: sleep until the player (or a timer) does something. pygame's event.wait wakes every
                # millisecond to pump events (2-3 % of a core); sleeping IDLE_SLEEP_MS between looks costs a
                # third of that and adds at most that much, under one frame, to the answer to a key.
                events = pygame.event.get()
                while not events:
                    pygame.time.wait(IDLE_SLEEP_MS)
                    events = pygame.event.get()
                self._clock.tick()
                dt = 0.0
            self.step(events, dt)
