"""Keys, mouse buttons and game controllers mapped to actions, so screens never test raw keys and keys can be remapped.

Keys: :class:`Bindings` starts from the defaults below; the player's remapped keys (``settings.keys``, entries
``"action=key"`` with pygame's key names, e.g. ``"confirm=j"``) replace the keys of the actions they name. Two keys
never change, because a student who is stuck must always have a way out: Esc opens the break screen and F1 the help
card, wherever the player is. Number keys always pick answers and Page Up / Page Down scroll long texts, so they cannot
be given to an action either.

Other devices become key presses of the bound keys, in one place (:meth:`Bindings.as_keys`, called by the app), so every
screen works with them unchanged — a held D-pad walks exactly like a held arrow key:

- A game controller (optional; pygame's joystick module, started after the first frame so a lab PC without one pays
  nothing at start-up). Xbox-style button numbers, which XInput on Windows and the Linux driver share:
  D-pad or left stick: up / down / left / right · A: confirm (talk, choose, go on) · B: back · Start: break screen ·
  Y or Back/View: help card · X: recent lines · LB / RB: scroll a long text (Page Up / Page Down).
- The right mouse button is Esc (the break screen, or back out of one), as in most narrative games, so the whole game
  can be played with the mouse alone.
"""

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


# The order the keys screen lists them in.
ACTIONS = (Action.UP, Action.DOWN, Action.LEFT, Action.RIGHT, Action.CONFIRM, Action.BACK, Action.PAUSE, Action.HELP,
           Action.HISTORY, Action.FULLSCREEN)


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


MAX_KEYS = 6  # keys one action can have

# Keys that always do the same thing and can never be bound to anything else.
FIXED = {pygame.K_ESCAPE: Action.PAUSE, pygame.K_F1: Action.HELP}

DIRECTIONS = {Action.UP: (0, -1), Action.DOWN: (0, 1), Action.LEFT: (-1, 0), Action.RIGHT: (1, 0)}

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)} | {
    getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)
}
# Keys with a job of their own that an action must not take: numbers pick answers, Page Up/Down scroll (card.py).
NUMBER_JOB = set(NUMBER_KEYS) | {pygame.K_0, pygame.K_KP0}
PAGE_JOB = {pygame.K_PAGEUP, pygame.K_PAGEDOWN}


def key_code(name: str) -> int | None:
    """pygame's key name (as ``pygame.key.name`` gives it) -> key code; None for a name pygame does not know."""
    try:
        return pygame.key.key_code(name.strip())
    except (ValueError, pygame.error):
        return None


def key_name(key: int) -> str:
    return pygame.key.name(key)


@dataclass(frozen=True, slots=True)
class Rebound:
    """What :meth:`Bindings.bind` did, for the keys screen to say in words.

    outcome: "bound" (done), "moved" (the key was taken from ``other``), "swapped" (``other`` lost its only key and got
    ``old``, this action's old key, instead), "same" (nothing to do), or why nothing changed: "fixed" (Esc and F1),
    "number" (number keys pick answers), "page" (Page Up/Down scroll), "last" (the key is ``other``'s only key),
    "unknown" (a key without a name, which could not be saved), "many" (the action has MAX_KEYS already).
    """
    bindings: Bindings
    outcome: str
    key: int
    other: Action | None = None
    old: int | None = None

    @property
    def changed(self) -> bool:
        return self.outcome in ("bound", "moved", "swapped")


@dataclass
class Bindings:
    keys: dict[int, Action] = field(default_factory=_default_keys)
    # The settings entries these bindings were built from: the app rebuilds them when settings.keys changes.
    source: tuple[str, ...] = ()
    # The game controller's state; carried over when the bindings are rebuilt.
    pad: Gamepad = field(default_factory=lambda: Gamepad())

    # --- building from the settings and back -------------------------------------------------------------------
    @classmethod
    def from_settings(cls, entries: tuple[str, ...], pad: Gamepad | None = None) -> Bindings:
        """The default keys, with every valid ``"action=key"`` entry applied: the actions named get exactly the keys
        listed for them (plus Esc / F1 for the break screen / help card); the others keep their default keys but
        lose any key an entry gave away. Ignored: unknown actions or keys, Esc, F1, number and page keys, a key
        listed twice, and an entry that would leave another action with no key at all."""
        parsed: list[tuple[Action, int]] = []
        for entry in entries:
            if not isinstance(entry, str) or "=" not in entry:
                continue
            name, _, key_text = entry.partition("=")
            action = next((a for a in ACTIONS if a.value == name.strip()), None)
            key = key_code(key_text)
            if action is None or key is None or key in FIXED or key in NUMBER_JOB or key in PAGE_JOB:
                continue
            if any(k == key for _, k in parsed):
                continue
            parsed.append((action, key))
        # Drop the entries that would leave an action with no key, until none does (each round drops at least one).
        while True:
            keys = cls._apply(parsed)
            empty = [a for a in ACTIONS if a not in keys.values()]
            if not empty:
                break
            defaults = _default_keys()
            parsed = [(a, k) for a, k in parsed if defaults.get(k) not in empty]
        return cls(keys, tuple(entries), pad if pad is not None else Gamepad())

    @staticmethod
    def _apply(parsed: list[tuple[Action, int]]) -> dict[int, Action]:
        named = {a for a, _ in parsed}
        claimed = {k for _, k in parsed}
        keys = {k: a for k, a in _default_keys().items() if k in FIXED or (a not in named and k not in claimed)}
        keys.update((k, a) for a, k in parsed)
        return keys

    def to_settings(self) -> tuple[str, ...]:
        """The entries for ``settings.keys``: the keys of every action whose keys are not the defaults."""
        defaults = Bindings()
        out: list[str] = []
        for action in ACTIONS:
            mine = self.own_keys(action)
            if mine != defaults.own_keys(action):
                out += [f"{action.value}={key_name(k)}" for k in mine]
        return tuple(out)

    # --- asking -------------------------------------------------------------------------------------------------
    def keys_for(self, action: Action) -> list[int]:
        """Every key of ``action``, the fixed one first."""
        fixed = [k for k, a in FIXED.items() if a is action]
        return fixed + self.own_keys(action)

    def own_keys(self, action: Action) -> list[int]:
        """The keys of ``action`` that can be changed."""
        return [k for k, a in self.keys.items() if a is action and k not in FIXED]

    def key_for(self, action: Action) -> int | None:
        keys = self.keys_for(action)
        return keys[0] if keys else None

    def action(self, event: pygame.event.Event) -> Action | None:
        if event.type not in (pygame.KEYDOWN, pygame.KEYUP):
            return None
        if event.key == pygame.K_RETURN and event.mod & pygame.KMOD_ALT:
            return Action.FULLSCREEN
        return self.keys.get(event.key)

    # --- changing -----------------------------------------------------------------------------------------------
    def bind(self, action: Action, key: int, keep: bool) -> Rebound:
        """Give ``key`` to ``action`` (pure: returns new bindings). ``keep``: the action keeps its other keys too;
        otherwise ``key`` becomes its only key (besides Esc / F1). A key another action used moves over; if it was
        that action's only key, it swaps for this action's old key, or (when keeping the old keys) is refused."""
        if key in FIXED:
            return Rebound(self, "same" if FIXED[key] is action else "fixed", key, FIXED[key])
        if key in NUMBER_JOB:
            return Rebound(self, "number", key)
        if key in PAGE_JOB:
            return Rebound(self, "page", key)
        name = key_name(key)
        if not name or key_code(name) != key or len(f"{action.value}={name}") > 40:
            return Rebound(self, "unknown", key)  # a key without a (short) name could not be saved in settings.json
        other = self.keys.get(key)
        mine = self.own_keys(action)
        if other is action and (keep or mine == [key]):
            return Rebound(self, "same", key, action)
        if keep and len(mine) >= MAX_KEYS:
            return Rebound(self, "many", key)  # settings.json keeps at most 64 entries: 10 actions x 6 fit
        keys = dict(self.keys)
        outcome, old = "bound", None
        if other is not None and other is not action:
            del keys[key]
            outcome = "moved"
            if other not in keys.values():  # that was its only key
                old = next((k for k in mine if k != key), None)
                if keep or old is None:
                    return Rebound(self, "last", key, other)
                keys[old] = other
                outcome = "swapped"
        if not keep:
            for k in mine:
                if keys.get(k) is action:
                    del keys[k]
        keys[key] = action
        new = Bindings(keys, (), self.pad)
        new.source = new.to_settings()
        return Rebound(new, outcome, key, other if other is not action else None, old)

    def reset(self) -> Bindings:
        return Bindings(pad=self.pad)

    # --- other devices as key presses ---------------------------------------------------------------------------
    def as_keys(self, event: pygame.event.Event) -> list[pygame.event.Event] | None:
        """A game controller's or the right mouse button's event as the key events of the bound keys (maybe none);
        None when ``event`` is not one of those and goes to the screens as it is."""
        if event.type in PAD_EVENTS:
            return [self._key_event(what, down) for what, down in self.pad.presses(event)]
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP) and getattr(event, "button", 0) == 3:
            return [self._key_event(Action.PAUSE, event.type == pygame.MOUSEBUTTONDOWN)]  # right click = Esc
        return None

    def _key_event(self, what: Action | int, down: bool) -> pygame.event.Event:
        key = what if isinstance(what, int) else self.key_for(what)
        return pygame.event.Event(pygame.KEYDOWN if down else pygame.KEYUP, key=key or pygame.K_UNKNOWN, mod=0,
                                  unicode="", scancode=0, from_device=True)


# --- game controllers ----------------------------------------------------------------------------------------------
PAD_EVENTS = {pygame.JOYDEVICEADDED, pygame.JOYDEVICEREMOVED, pygame.JOYBUTTONDOWN, pygame.JOYBUTTONUP,
              pygame.JOYHATMOTION, pygame.JOYAXISMOTION}
# Xbox-style numbering (XInput on Windows, xpad on Linux): A, B, X, Y, LB, RB, Back/View, Start/Menu.
PAD_BUTTONS: dict[int, Action | int] = {
    0: Action.CONFIRM, 1: Action.BACK, 2: Action.HISTORY, 3: Action.HELP,
    4: pygame.K_PAGEUP, 5: pygame.K_PAGEDOWN, 6: Action.HELP, 7: Action.PAUSE,
}
STICK_AXES = {0: (Action.LEFT, Action.RIGHT), 1: (Action.UP, Action.DOWN)}  # the left stick
# A stick counts as pushed past PRESS and as let go below RELEASE: the gap keeps a stick resting near the edge from
# sending a stream of presses (SDL reports every small movement).
PRESS = 0.5
RELEASE = 0.3


@dataclass
class Gamepad:
    """Turns joystick events into presses and releases of actions, each pressed once however many events arrive."""
    started: bool = False
    sticks: dict[int, object] = field(default_factory=dict)  # open joysticks by instance id (SDL sends only theirs)
    # What is held (an action, or a raw key for scrolling) -> which inputs hold it: (instance, "hat"/"axis"/"button", n)
    held: dict[Action | int, set[tuple[int, str, int]]] = field(default_factory=dict)
    axes: dict[tuple[int, int], int] = field(default_factory=dict)  # (instance, axis) -> -1, 0 or 1

    def start(self) -> None:
        """Start pygame's joystick module once; a controller already plugged in then arrives as JOYDEVICEADDED."""
        if not self.started:
            self.started = True
            try:
                pygame.joystick.init()
            except pygame.error:
                pass  # no joystick support on this machine: the game plays the same without one

    def presses(self, event: pygame.event.Event) -> list[tuple[Action | int, bool]]:
        """(what, pressed) for every change ``event`` makes: pressed True once when the first input holds it, False
        once when the last lets go."""
        inst = getattr(event, "instance_id", getattr(event, "joy", 0))
        if event.type == pygame.JOYDEVICEADDED:
            try:
                stick = pygame.joystick.Joystick(event.device_index)
                self.sticks[stick.get_instance_id()] = stick
            except (pygame.error, AttributeError):
                pass  # unplugged again already, or not a device SDL can open
            return []
        if event.type == pygame.JOYDEVICEREMOVED:
            self.sticks.pop(inst, None)
            out = []
            for what in list(self.held):
                for source in [s for s in self.held[what] if s[0] == inst]:
                    out += self._set(what, source, False)
            self.axes = {k: v for k, v in self.axes.items() if k[0] != inst}
            return out
        if event.type in (pygame.JOYBUTTONDOWN, pygame.JOYBUTTONUP):
            what = PAD_BUTTONS.get(event.button)
            if what is None:
                return []
            return self._set(what, (inst, "button", event.button), event.type == pygame.JOYBUTTONDOWN)
        if event.type == pygame.JOYHATMOTION:
            x, y = event.value
            source = (inst, "hat", event.hat)
            # A hat's y is +1 for up. Diagonals hold both directions; the world walks the one pressed last.
            wanted = {Action.LEFT: x < 0, Action.RIGHT: x > 0, Action.UP: y > 0, Action.DOWN: y < 0}
            return [p for action, on in wanted.items() for p in self._set(action, source, on)]
        if event.type == pygame.JOYAXISMOTION and event.axis in STICK_AXES:
            key = (inst, event.axis)
            was = self.axes.get(key, 0)
            value = float(event.value)
            if was == 0:
                now = -1 if value <= -PRESS else 1 if value >= PRESS else 0
            else:
                now = 0 if abs(value) < RELEASE else (-1 if value < 0 else 1)
            if now == was:
                return []
            self.axes[key] = now
            low, high = STICK_AXES[event.axis]
            source = (inst, "axis", event.axis)
            return self._set(low, source, now < 0) + self._set(high, source, now > 0)
        return []

    def _set(self, what: Action | int, source: tuple[int, str, int], on: bool) -> list[tuple[Action | int, bool]]:
        holders = self.held.setdefault(what, set())
        before = bool(holders)
        if on:
            holders.add(source)
        else:
            holders.discard(source)
        if not holders:
            del self.held[what]
        return [] if bool(holders) == before else [(what, bool(holders))]


def number_pressed(event: pygame.event.Event) -> int | None:
    """1-9 from the number row or keypad, for picking options."""
    if event.type != pygame.KEYDOWN:
        return None
    return NUMBER_KEYS.get(event.key)
