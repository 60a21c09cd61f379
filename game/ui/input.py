"""Keys and mouse buttons mapped to actions, so screens never test raw keys and bindings can be remapped later."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

import pygame


class Action(enum.Enum):
    UP = "up"
    DOWN = "down"
    LEFT = "left"
    RIGHT = "right"
    CONFIRM = "confirm"
    BACK = "back"
    PAUSE = "pause"
    FULLSCREEN = "fullscreen"
    HELP = "help"
    HISTORY = "history"  # the backlog of recent lines


def _default_keys() -> dict[int, Action]:
    return {
        pygame.K_UP: Action.UP, pygame.K_w: Action.UP,
        pygame.K_DOWN: Action.DOWN, pygame.K_s: Action.DOWN,
        pygame.K_LEFT: Action.LEFT, pygame.K_a: Action.LEFT,
        pygame.K_RIGHT: Action.RIGHT, pygame.K_d: Action.RIGHT,
        pygame.K_SPACE: Action.CONFIRM, pygame.K_RETURN: Action.CONFIRM, pygame.K_KP_ENTER: Action.CONFIRM,
        pygame.K_e: Action.CONFIRM,
        pygame.K_BACKSPACE: Action.BACK,
        pygame.K_ESCAPE: Action.PAUSE,
        pygame.K_F11: Action.FULLSCREEN,
        pygame.K_F1: Action.HELP,
        pygame.K_h: Action.HISTORY,
    }


DIRECTIONS = {Action.UP: (0, -1), Action.DOWN: (0, 1), Action.LEFT: (-1, 0), Action.RIGHT: (1, 0)}

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)} | {
    getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)
}


@dataclass
class Bindings:
    keys: dict[int, Action] = field(default_factory=_default_keys)

    def action(self, event: pygame.event.Event) -> Action | None:
        if event.type not in (pygame.KEYDOWN, pygame.KEYUP):
            return None
        if event.key == pygame.K_RETURN and event.mod & pygame.KMOD_ALT:
            return Action.FULLSCREEN
        return self.keys.get(event.key)


def number_pressed(event: pygame.event.Event) -> int | None:
    """1-9 from the number row or keypad, for picking options."""
    if event.type != pygame.KEYDOWN:
        return None
    return NUMBER_KEYS.get(event.key)
