"""`python main.py playtest --guided`: a bot plays the real game the way a student alone at a PC would.

It runs the real App and its screens headless (SDL's dummy driver), posts key and mouse events and steps frames with
a fake clock, never sleeping. It only uses what the screen offers a student:

* in the world: the marker the goal draws (its place on screen, or the arrow at the edge) — it clicks it and lets Ravi
  walk; it never looks at the story graph, the map objects or the runner;
* in a conversation: the line on screen (it presses the talk key to go on) and the options as shown — after letting a
  menu sit for a moment (presses in the first few hundred ms after a menu appears may be ignored), it picks one by
  seed, with its number key or a click on it;
* on the other screens: the buttons as labelled (it reads the words "Go on", "Next chapter", "New game").

Per chapter it reports whether it finished, how many actions it took, and where it got stuck: no marker to follow,
the same goal after many tries, or more actions than a lesson could hold.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

DT = 0.1  # the fake clock's frame: the longest frame the real loop allows (App.run caps dt at 0.1 s)
MENU_WAIT = 0.7  # seconds a menu sits before the bot chooses (menus may ignore presses in their first moment)
MAX_ACTIONS = 2_500  # per chapter: far more than a student makes in a lesson
MAX_TRIES = 40  # walks to the marker while the goal stays the same
WALK_FRAMES = 600  # frames to let one walk (and what it sets off) play out


@dataclass
class ChapterRun:
    chapter: str
    finished: bool = False
    steps: int = 0
    stuck: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"chapter": self.chapter, "finished": self.finished, "steps": self.steps, "stuck": self.stuck}


class Stuck(Exception):
    pass


class GuidedBot:
    def __init__(self, app, seed: int) -> None:
        import pygame

        self.pg = pygame
        self.app = app
        self.rng = random.Random(seed)
        self.runs: list[ChapterRun] = []
        self.tries: dict[tuple[str, str], int] = {}

    # --- input, as a student gives it ---------------------------------------------------------------------------
    def frames(self, n: int = 1) -> None:
        for _ in range(n):
            self.app.step(None, DT)

    def key(self, key: int) -> None:
        pg = self.pg
        pg.event.post(pg.event.Event(pg.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
        pg.event.post(pg.event.Event(pg.KEYUP, key=key, mod=0, unicode="", scancode=0))
        self.frames(2)
        self.count()

    def click(self, pos: tuple[int, int]) -> None:
        pg = self.pg
        pg.event.post(pg.event.Event(pg.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pg.event.post(pg.event.Event(pg.MOUSEBUTTONDOWN, button=1, pos=pos))
        pg.event.post(pg.event.Event(pg.MOUSEBUTTONUP, button=1, pos=pos))
        self.frames(2)
        self.count()

    def count(self) -> None:
        if self.runs and not self.runs[-1].finished:
            self.runs[-1].steps += 1
            if self.runs[-1].steps > MAX_ACTIONS:
                raise Stuck(f"more than {MAX_ACTIONS} actions without finishing the chapter")

    def settle(self) -> None:
        """Let what moves finish moving (walking, a staged scene, the typewriter) by stepping frames."""
        for _ in range(WALK_FRAMES):
            if not self.app.animating():
                return
            self.frames()

    # --- what the screen shows ----------------------------------------------------------------------------------
    def screen(self) -> str:
        return type(self.app.top).__name__

    def chapter_here(self) -> str:
        """The chapter being played, for the report: named by the map the student is on."""
        top = self.app.top
        session = getattr(top, "session", None)
        chapter = session.chapter if session is not None else None
        return chapter.id if chapter else "?"

    def pick_button(self, menu, labels_wanted: list[str] | None = None) -> None:
        """Click a button of a menu as drawn: the one with one of ``labels_wanted``, else one by seed."""
        labels = list(menu.labels)
        shown = [i for i, r in enumerate(menu.rects) if r.w]
        if labels_wanted:
            wanted = [i for i in shown if labels[i] in labels_wanted]
            shown = wanted or shown
        if not shown:
            raise Stuck(f"no button to press on the {self.screen()}")
        self.click(menu.rects[self.rng.choice(shown)].center)

    # --- playing ---------------------------------------------------------------------------------------------------
    def play(self, chapters: int) -> list[ChapterRun]:
        t = self.app.ctx.t
        self.frames(2)
        self.pick_button(self.app.top.menu, [t("title.new_game")])
        guard = 0
        while guard < 200_000:
            guard += 1
            name = self.screen()
            if name == "WorldScreen":
                self.open_chapter()
                try:
                    self.world()
                except Stuck as why:
                    return self.stuck(str(why))
            elif name == "DialogueScreen":
                self.open_chapter()
                try:
                    self.dialogue()
                except Stuck as why:
                    return self.stuck(str(why))
            elif name == "NoteScreen":
                top = self.app.top
                keep = [top.card.menu.labels[i] for i, item in enumerate(top.items) if item != "help"]
                self.pick_button(top.card.menu, keep)
            elif name == "ChapterEndScreen":
                if self.runs:
                    self.runs[-1].finished = True
                if len(self.runs) >= chapters:
                    return self.runs
                top = self.app.top
                self.pick_button(top.card.menu, [t("chapter_end.next")])
                if self.screen() == "ChapterEndScreen":
                    return self.runs  # the last chapter: no "Next chapter" to press
            elif name == "HelpScreen":
                self.key(self.pg.K_ESCAPE)
            else:
                return self.stuck(f"a screen the bot cannot read: {name}")
        return self.stuck("the game never ended")

    def open_chapter(self) -> None:
        chapter = self.chapter_here()
        if not self.runs or (self.runs[-1].finished and self.runs[-1].chapter != chapter):
            self.runs.append(ChapterRun(chapter))

    def stuck(self, why: str) -> list[ChapterRun]:
        top = self.app.top
        session = getattr(top, "session", None)
        guide = session.runner.goal() if session is not None else None  # the goal line as shown
        run = self.runs[-1] if self.runs else ChapterRun("?")
        if not self.runs:
            self.runs.append(run)
        run.stuck.append({"screen": self.screen(), "scene": getattr(top, "scene", ""),
                          "goal": guide.text if guide else "", "why": why})
        return self.runs

    def dialogue(self) -> None:
        top = self.app.top
        self.settle()
        if self.app.top is not top:
            return
        menu = top.menu
        if menu is not None and menu.labels:
            self.frames(int(MENU_WAIT / DT) + 1)  # let the menu sit, as a reader does
            i = self.rng.randrange(len(menu.labels))
            if i < 9 and self.rng.random() < 0.5:
                self.key(self.pg.K_1 + i)
            else:
                if not menu.rects or not menu.rects[i].w:
                    self.app.draw()  # the option list as laid out now (a window of it at large text)
                if not menu.rects[i].w:
                    self.key(self.pg.K_1 + i) if i < 9 else self.key(self.pg.K_DOWN)
                else:
                    self.click(menu.rects[i].center)
            return
        self.key(self.pg.K_SPACE)  # the talk key: finish the line, or go on

    def world(self) -> None:
        world = self.app.top
        self.settle()
        if self.app.top is not world:
            return
        self.app.draw()  # the marker as the student sees it now
        marker = world.goal.marker_rect
        guide = world.session.runner.goal()
        if marker is None:
            raise Stuck("no marker on screen" + (" (and no goal)" if guide is None else ""))
        key = (world.scene, guide.text if guide else "")
        self.tries[key] = self.tries.get(key, 0) + 1
        if self.tries[key] > MAX_TRIES:
            raise Stuck(f"walked to the marker {MAX_TRIES} times and the goal stayed the same")
        before = (world.tile, world.scene)
        self.click(marker.center)
        self.settle()
        if self.app.top is world and (world.tile, world.scene) == before:
            # Clicking changed nothing (already there, or the way is blocked): face the marker and use the talk key.
            self.key(self.pg.K_SPACE)
            self.settle()


def run_guided(seeds: int, first_seed: int = 1, chapters: int | None = None, root: Path | None = None,
               lang: str = "en", text_scale: float = 1.0) -> dict:
    """Play ``seeds`` games headless; the result per chapter and per seed."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # its banner would spoil the --json output
    import pygame

    from game.content import load_content
    from game.paths import project_root
    from game.settings import Settings
    from game.ui.app import App
    from game.ui.context import Context
    from game.ui.display import Display
    from game.ui.title import TitleScreen

    root = root or project_root()
    pygame.display.init()
    pygame.font.init()
    display = Display()
    content, problems, _ = load_content(root, lang)
    if content is None:
        return {"error": "the content has errors: run `python main.py check`", "chapters": []}
    count = chapters or len(content.chapters)
    per_chapter: dict[str, dict] = {}
    games = []
    settings = Settings(text_scale=text_scale, text_speed="instant", reduced_motion=True)
    for seed in range(first_seed, first_seed + seeds):
        # The autosave is written (and fsynced) at every decision: in memory where the system has it, it costs nothing.
        shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
        with tempfile.TemporaryDirectory(prefix="small-acts-playtest-", dir=shm) as data:
            ctx = Context.create(root, content, settings, Path(data))
            ctx.display = display
            app = App(ctx, TitleScreen(ctx), display)
            runs = GuidedBot(app, seed).play(count)
        games.append({"seed": seed, "chapters": [r.to_json() for r in runs]})
        for run in runs:
            c = per_chapter.setdefault(run.chapter, {"chapter": run.chapter, "played": 0, "finished": 0,
                                                     "steps": [], "stuck": []})
            c["played"] += 1
            c["finished"] += run.finished
            c["steps"].append(run.steps)
            c["stuck"] += [{"seed": seed, **s} for s in run.stuck]
        for c in content.chapters[len(runs):count]:
            entry = per_chapter.setdefault(c.id, {"chapter": c.id, "played": 0, "finished": 0, "steps": [],
                                                  "stuck": []})
            entry["played"] += 1  # never reached: an earlier chapter got stuck
    chapters_out = []
    for c in content.chapters[:count]:
        entry = per_chapter.get(c.id, {"chapter": c.id, "played": 0, "finished": 0, "steps": [], "stuck": []})
        steps = sorted(entry["steps"]) or [0]
        chapters_out.append({"chapter": c.id, "finished": entry["finished"], "played": entry["played"],
                             "all_finished": entry["finished"] == seeds, "steps_median": steps[len(steps) // 2],
                             "steps_max": steps[-1], "stuck": entry["stuck"]})
    return {"seeds": seeds, "first_seed": first_seed, "chapters": chapters_out, "games": games}


def run_playtest(guided: bool, seeds: int, first_seed: int, as_json: bool, chapters: int | None, out=None,
                 root: Path | None = None) -> int:
    out = out or sys.stdout
    if not guided:
        print("playtest: only the guided playtest exists: add --guided", file=sys.stderr)
        return 2
    if seeds < 1:
        print("playtest: --seeds must be 1 or more", file=sys.stderr)
        return 2
    result = run_guided(seeds, first_seed, chapters, root=root)
    if "error" in result:
        print(f"playtest: {result['error']}", file=sys.stderr)
        return 1
    ok = all(c["all_finished"] and not c["stuck"] for c in result["chapters"])
    if as_json:
        json.dump({k: v for k, v in result.items() if k != "games"} | {"ok": ok}, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        for c in result["chapters"]:
            print(f"{c['chapter']}: finished {c['finished']}/{seeds}, steps median {c['steps_median']}, "
                  f"max {c['steps_max']}, stuck points {len(c['stuck'])}", file=out)
            for s in c["stuck"][:10]:
                print(f"  seed {s['seed']}: {s['why']} (goal: {s['goal'] or '-'}, scene: {s['scene'] or '-'})",
                      file=out)
    return 0 if ok else 1
