"""The real game, driven the way a student drives it: key presses and clicks, frames stepped with a fixed clock."""

from __future__ import annotations

import contextlib
import json

import pygame
import pytest

from game.paths import project_root
from game.settings import Settings
from game.story.runner import Menu, Say
from game.ui.app import App
from game.ui.chapter_end import ChapterEndScreen
from game.ui.content_note import NoteScreen
from game.ui.context import Context
from game.ui.dialogue import CHOICE_GUARD, DialogueScreen
from game.ui.pause import ITEMS, PauseScreen
from game.ui.title import TitleScreen
from game.ui.transitions import Reset
from game.ui.world import TALK_PAUSE, WorldScreen
from game.world.pathfind import find_path

ROOT = project_root()
DT = 1 / 60
KEY_OF = {(0, -1): pygame.K_UP, (0, 1): pygame.K_DOWN, (-1, 0): pygame.K_LEFT, (1, 0): pygame.K_RIGHT}



@pytest.fixture()
def new_app(content, display):
    """Starts the game on the title screen with its own save folder: ``new_app(data_dir)``."""

    def start(data_dir) -> App:
        ctx = Context.create(ROOT, content, Settings(), data_dir)
        ctx.display = display
        app = App(ctx, TitleScreen(ctx), display)
        app.step([], DT)
        return app

    return start


@contextlib.contextmanager
def only_events(monkeypatch, allowed: set[int]):
    """Every event a test gives the game, by type; on leaving, the test fails if one was not of the allowed kinds
    (keyboard-only and mouse-only play)."""
    posted: list[int] = []
    real_post = pygame.event.post

    def post(event):
        posted.append(event.type)
        return real_post(event)

    monkeypatch.setattr(pygame.event, "post", post)
    yield posted
    assert posted and set(posted) <= allowed, {pygame.event.event_name(t) for t in set(posted) - allowed}


def frames(app: App, n: int) -> None:
    for _ in range(n):
        app.step(None, DT)


def press(app: App, key: int, settle: int = 2) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
    app.step(None, DT)
    frames(app, settle)


def click(app: App, pos: tuple[int, int], settle: int = 2) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=pos))
    app.step(None, DT)
    frames(app, settle)


def read_options(app: App) -> None:
    """A student reads the options before choosing: a choice takes no pick in its first moment (CHOICE_GUARD)."""
    if isinstance(app.top, DialogueScreen) and app.top.menu is not None:
        frames(app, round(CHOICE_GUARD / DT) + 1)


def shown(app: App):
    assert isinstance(app.top, DialogueScreen)
    return app.top.step


def read_through(app: App, seen: list[str]) -> None:
    """Press Space through lines until a choice appears or the conversation closes. A content note on the way (a
    chapter's, or a part's) is read through too: Enter takes its first button, "Go on"."""
    for _ in range(200):
        if isinstance(app.top, NoteScreen):
            press(app, pygame.K_RETURN)
            continue
        if not isinstance(app.top, DialogueScreen) or not isinstance(app.top.step, Say):
            return
        line = app.top.step
        seen.append(line.id)
        press(app, pygame.K_SPACE)  # completes the typewriter (or goes on, if it had finished)
        if isinstance(app.top, DialogueScreen) and app.top.step is line:
            press(app, pygame.K_SPACE)  # goes on
    raise AssertionError("conversation never ended")


def choose(app: App, option_id: str) -> None:
    step = shown(app)
    assert isinstance(step, Menu), step
    ids = [o.id for o in step.options]
    assert option_id in ids, ids
    read_options(app)
    press(app, pygame.K_1 + ids.index(option_id))


def walk_next_to(app: App, target: tuple[int, int], seen: list[str]) -> None:
    """Walk with arrow keys to a tile beside ``target`` and face it, reading any conversation a trigger starts."""
    for _ in range(300):
        world = app.top
        if isinstance(world, (DialogueScreen, NoteScreen)):
            read_through(app, seen)
            if isinstance(app.top, DialogueScreen) and isinstance(app.top.step, Menu):
                read_options(app)
                press(app, pygame.K_1)  # a conversation a trigger started on the way: take the first option
            continue
        assert isinstance(world, WorldScreen)
        tx, ty = target
        x, y = world.tile
        if abs(tx - x) + abs(ty - y) == 1:
            press(app, KEY_OF[(tx - x, ty - y)], settle=1)
            return
        path = find_path(world.blocked, world.info.width, world.info.height, world.tile, target)
        assert path, f"no way from {world.tile} to beside {target}"
        nx, ny = path[0]
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=KEY_OF[(nx - x, ny - y)], mod=0))
        app.step(None, DT)
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=KEY_OF[(nx - x, ny - y)], mod=0))
        frames(app, 14)
    raise AssertionError(f"did not reach {target}")


def npc_tile(app: App, character: str) -> tuple[int, int]:
    world = app.top
    assert isinstance(world, WorldScreen)
    return next(n.tile for n in world.npcs if n.character == character)


def look_up(app: App) -> None:
    """A conversation just closed: a student looks at the map a moment before talking again (TALK_PAUSE)."""
    if isinstance(app.top, WorldScreen) and app.top.talk_pause > 0:
        frames(app, round(TALK_PAUSE / DT) + 1)


def talk_to(app: App, character: str, seen: list[str]) -> None:
    walk_next_to(app, npc_tile(app, character), seen)
    look_up(app)
    press(app, pygame.K_SPACE)
    assert isinstance(app.top, DialogueScreen), f"talking to {character} opened no dialogue"


def new_game(app: App, seen: list[str]) -> None:
    """Choose "New game" on the title screen and read the chapter's note and opening lines."""
    press(app, pygame.K_RETURN)  # "New game" is first when there is no save
    frames(app, 2)
    read_through(app, seen)
    assert isinstance(app.top, WorldScreen)


def saved(data_dir) -> dict:
    return json.loads((data_dir / "autosave.json").read_text())


def test_helping_meera_changes_the_evening_and_everything_is_saved(content, new_app, tmp_path):
    app = new_app(tmp_path)
    title = app.top
    assert isinstance(title, TitleScreen) and not title.has_save
    seen: list[str] = []
    new_game(app, seen)
    assert "home.arrive.v1" in seen  # the chapter opens by itself
    assert app.top.scene == "home"
    session = app.top.session

    talk_to(app, "meera", seen)
    read_through(app, seen)
    assert "home.meera.m2" in seen
    choose(app, "home.meera_menu.talk.help")
    assert session.state.vars["helped_meera"] is True
    assert {"choice": "home.meera_menu.talk", "option": "home.meera_menu.talk.help"} in session.state.history
    # The decision was saved at once, while the conversation is still going on.
    assert saved(tmp_path)["story"]["vars"]["helped_meera"] is True
    read_through(app, seen)
    assert isinstance(app.top, WorldScreen)

    talk_to(app, "amma", seen)
    read_through(app, seen)
    assert "home.amma.am2" in seen  # Amma noticed the flour: the earlier decision shows up later
    ids = [o.id for o in shown(app).options]
    assert "home.amma_menu.ask.exam" in ids  # only offered because Ravi learnt about the test
    choose(app, "home.amma_menu.ask.exam")
    read_through(app, seen)
    assert "home.amma_exam.e3" in seen
    assert session.state.vars["chapters_read"] == 4

    talk_to(app, "amma", seen)
    read_through(app, seen)
    choose(app, "home.amma_menu.ask.dinner")
    read_through(app, seen)
    assert "home.dinner_praise.r1" in seen and "home.dinner_praise.r4" not in seen
    choose(app, "home.dinner.marriage.doctor")
    read_through(app, seen)
    assert "home.papa_step.s1" in seen  # someone stood with Meera, so Papa takes his step
    choose(app, "home.chachi.speak.offer")
    read_through(app, seen)
    assert isinstance(app.top, ChapterEndScreen)
    assert app.top.ending.ending == "home.studied"
    assert saved(tmp_path)["story"]["endings"] == ["home.studied"]
    # The debrief says what the player's own choices did.
    assert any("rolled rotis" in line for line in app.top.happened)
    assert len(app.top.questions) >= 2


def test_not_helping_leads_to_another_ending(content, new_app, tmp_path):
    app = new_app(tmp_path)
    seen: list[str] = []
    new_game(app, seen)
    talk_to(app, "meera", seen)
    read_through(app, seen)
    choose(app, "home.meera_menu.talk.hungry")
    read_through(app, seen)
    # A once-only option is gone the second time round.
    assert "home.meera_menu.talk.hungry" not in [o.id for o in shown(app).options]
    choose(app, "home.meera_menu.talk.leave")
    read_through(app, seen)
    talk_to(app, "amma", seen)
    read_through(app, seen)
    assert "home.amma.am2" not in seen
    choose(app, "home.amma_menu.ask.dinner")
    read_through(app, seen)
    assert "home.dinner_praise.r5" in seen
    choose(app, "home.dinner.marriage.quiet")
    read_through(app, seen)
    assert "home.papa_answer.a1" in seen and "home.papa_step.s1" not in seen
    choose(app, "home.chachi.speak.quiet")
    read_through(app, seen)
    assert isinstance(app.top, ChapterEndScreen) and app.top.ending.ending == "home.same_old"
    assert app.top.session.state.vars["acts_quiet"] == 3

    # What if? Go back to the kitchen and help this time.
    chapter_end = app.top
    press(app, pygame.K_DOWN)
    assert chapter_end.items[chapter_end.card.menu.selected] == "what_if"
    press(app, pygame.K_RETURN)
    what_if = app.top
    assert what_if.decisions[0].label == "In the kitchen with Meera"
    press(app, pygame.K_RETURN)
    frames(app, 2)
    assert isinstance(app.top, DialogueScreen)
    menu = shown(app)
    assert isinstance(menu, Menu) and menu.id == "home.meera_menu.talk"
    session = app.top.session
    assert session.state.vars["acts_quiet"] == 0 and session.state.endings == []
    choose(app, "home.meera_menu.talk.help")
    assert session.state.vars["helped_meera"] is True


def test_continue_returns_to_the_same_place_and_the_same_line(content, new_app, tmp_path):
    app = new_app(tmp_path)
    seen: list[str] = []
    new_game(app, seen)
    talk_to(app, "meera", seen)
    read_through(app, seen)
    choose(app, "home.meera_menu.talk.why")
    line = shown(app)
    assert isinstance(line, Say) and line.id == "home.meera_why.w1"
    before = app.top.session
    where = (before.world.scene, before.world.x, before.world.y)

    # The lab PC is switched off here. Next lesson: start again and choose Continue.
    again = new_app(tmp_path)
    assert isinstance(again.top, TitleScreen) and again.top.has_save
    press(again, pygame.K_RETURN)
    frames(again, 2)
    assert isinstance(again.top, DialogueScreen)
    assert again.top.step == line
    session = again.top.session
    assert (session.world.scene, session.world.x, session.world.y) == where
    assert session.state.to_json() == before.state.to_json()


def test_exit_to_the_lane_and_back(content, new_app, tmp_path):
    app = new_app(tmp_path)
    seen: list[str] = []
    new_game(app, seen)
    world = app.top
    door = next(o for o in world.info.objects if o.kind == "exit")
    path = find_path(world.blocked, world.info.width, world.info.height, world.tile, (door.rect[0], door.rect[1]))
    x, y = world.tile
    for nx, ny in path:
        press(app, KEY_OF[(nx - x, ny - y)], settle=14)
        x, y = nx, ny
    assert isinstance(app.top, WorldScreen) and app.top.scene == "lane"
    assert saved(tmp_path)["world"]["scene"] == "lane"  # map changes are saved too
    talk_to(app, "shopkeeper", seen)
    read_through(app, seen)
    assert isinstance(shown(app), Menu)


def test_mouse_alone_click_on_a_person_walks_there_and_talks(content, new_app, tmp_path):
    app = new_app(tmp_path)
    title = app.top
    click(app, title.menu.rects[0].center)  # New game
    frames(app, 2)
    assert isinstance(app.top, NoteScreen)  # the chapter's content note comes first
    click(app, app.top.card.menu.rects[0].center)  # Go on
    while isinstance(app.top, DialogueScreen):  # the chapter's opening lines, clicked through
        click(app, (640, 600))
    world = app.top
    assert isinstance(world, WorldScreen)
    tx, ty = npc_tile(app, "meera")
    cx, cy = world.camera()
    t = world.view.tile
    click(app, (tx * t - cx + t // 2, ty * t - cy + t // 2))
    seen: list[str] = []
    for _ in range(600):
        if isinstance(app.top, DialogueScreen):
            if any(s.startswith("home.meera.") for s in seen) or (
                    isinstance(app.top.step, Say) and app.top.step.id.startswith("home.meera.")):
                break
            # A trigger on the way (Amma in the courtyard): click through it, then click Meera again.
            while isinstance(app.top, DialogueScreen):
                seen.append(getattr(app.top.step, "id", ""))
                click(app, (640, 600))
            cx, cy = app.top.camera()
            click(app, (tx * t - cx + t // 2, ty * t - cy + t // 2))
        frames(app, 1)
    assert isinstance(app.top, DialogueScreen)
    while isinstance(app.top.step, Say):
        click(app, (640, 600))
        click(app, (640, 600))
    menu = app.top.menu
    read_options(app)
    ids = [o.id for o in app.top.step.options]
    click(app, menu.rects[ids.index("home.meera_menu.talk.help")].center)
    assert app.top.session.state.vars["helped_meera"] is True


def test_escape_pauses_and_text_size_reflows_the_dialogue(content, new_app, tmp_path):
    app = new_app(tmp_path)
    seen: list[str] = []
    new_game(app, seen)
    talk_to(app, "meera", seen)
    dialogue = app.top
    press(app, pygame.K_SPACE)
    press(app, pygame.K_SPACE)
    assert dialogue.step.id == "home.meera.m2"
    dialogue._layout()
    lines_before, box_before = len(dialogue.lines), dialogue.box.height
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, PauseScreen)
    pause = app.top
    while pause.menu.selected != ITEMS.index("settings"):
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # the settings screen: its first item is the text size
    press(app, pygame.K_RIGHT)  # text size 100 % -> 125 %
    press(app, pygame.K_RIGHT)  # -> 150 %
    assert app.ctx.settings.text_scale == 1.5
    press(app, pygame.K_ESCAPE)  # back to the break screen
    press(app, pygame.K_ESCAPE)
    assert app.top is dialogue
    dialogue._layout()
    assert len(dialogue.lines) > lines_before and dialogue.box.height > box_before
    assert dialogue.box.bottom <= 720 and dialogue.box.top >= 0
    assert json.loads((tmp_path / "settings.json").read_text())["text_scale"] == 1.5


def test_idle_loop_sleeps_between_looks_for_input(content, new_app, tmp_path, monkeypatch):
    from game.ui.app import IDLE_SLEEP_MS

    app = new_app(tmp_path)
    drawn = app.frames_drawn
    app.step([], DT)
    assert app.frames_drawn == drawn and not app.animating()  # nothing changed, nothing drawn
    # Timers that screens of earlier tests in this process left running (the idle animation's one-shot, the class
    # tick, the teacher view's poll) would wake this loop; a real game has only its own.
    from game.ui.classflow import CLASS_TICK
    from game.ui.idle import idle_event
    from game.ui.teacher_view import poll_event

    for kind in (idle_event(), CLASS_TICK, poll_event()):
        pygame.time.set_timer(kind, 0)
    pygame.event.clear()
    sleeps = []
    real_wait = pygame.time.wait

    def wait(ms):
        sleeps.append(ms)
        if len(sleeps) == 3:
            pygame.event.post(pygame.event.Event(pygame.QUIT))
        return real_wait(ms)

    monkeypatch.setattr(pygame.time, "wait", wait)
    app.run()
    # An idle game sleeps (a few ms at a time, under a frame) instead of spinning, and nothing is drawn meanwhile.
    assert sleeps == [IDLE_SLEEP_MS] * 3 and 0 < IDLE_SLEEP_MS < 1000 / 60
    assert app.frames_drawn == drawn


def test_a_corrupt_save_is_moved_aside_reported_and_a_new_start_offered(content, new_app, tmp_path):
    (tmp_path / "autosave.json").write_bytes(b'{"format": 1, "story": {"vars": ')  # cut off mid-write
    app = new_app(tmp_path)
    title = app.top
    assert title.has_save
    press(app, pygame.K_RETURN)  # Continue
    assert isinstance(app.top, TitleScreen)
    assert app.ctx.notice == content.strings.get("title.save_problem")
    assert not (tmp_path / "autosave.json").exists()
    assert list(tmp_path.glob("autosave.corrupt-*.json")), "the unreadable save must be kept, not deleted"
    assert title.menu.labels[0] == content.strings.get("title.new_game")
    seen: list[str] = []
    new_game(app, seen)


def test_dialogue_box_pixels(content, new_app, tmp_path):
    app = new_app(tmp_path)
    seen: list[str] = []
    new_game(app, seen)
    talk_to(app, "meera", seen)
    frames(app, 120)
    app.draw()
    dialogue = app.top
    surface = app.surface
    theme = app.ctx.theme
    box = dialogue.box
    assert 0 <= box.top and box.bottom <= 720 and box.left >= 0 and box.right <= 1280
    # Paper inside the box, right of the text; the name tag in Meera's colour just above the box.
    assert tuple(surface.get_at((box.right - 40, box.top + 40)))[:3] == theme.paper
    meera = content.characters["meera"].color
    tag_y = box.top - 10
    row = [tuple(surface.get_at((x, tag_y)))[:3] for x in range(dialogue.text_x - 10, dialogue.text_x + 60)]
    assert meera in row
    # Text is drawn in ink somewhere on the first line.
    line_y = box.top + 22 + app.ctx.text.line_height(theme.body) // 2
    assert any(sum(surface.get_at((x, line_y))[:3]) < 200 for x in range(dialogue.text_x, dialogue.text_x + 400))


def test_f1_opens_the_help_card_from_anywhere(content, new_app, tmp_path):
    from game.ui.help_card import HelpScreen

    app = new_app(tmp_path)
    seen: list[str] = []
    new_game(app, seen)
    press(app, pygame.K_F1)
    assert isinstance(app.top, HelpScreen)
    app.draw()
    assert "1098" in " ".join(line.number for line in content.strings.help.lines)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, WorldScreen)


def test_the_next_chapter_starts_at_school_with_its_intro_and_earlier_choices_carry_over(content, new_app, tmp_path):
    app = new_app(tmp_path)
    seen: list[str] = []
    new_game(app, seen)
    talk_to(app, "meera", seen)
    read_through(app, seen)
    choose(app, "home.meera_menu.talk.help")
    read_through(app, seen)
    talk_to(app, "amma", seen)
    read_through(app, seen)
    choose(app, "home.amma_menu.ask.dinner")
    read_through(app, seen)
    choose(app, "home.dinner.marriage.laddoo")
    read_through(app, seen)
    choose(app, "home.chachi.speak.quiet")
    read_through(app, seen)
    chapter_end = app.top
    assert isinstance(chapter_end, ChapterEndScreen) and chapter_end.items[0] == "next"
    press(app, pygame.K_RETURN)  # Next chapter
    frames(app, 2)
    assert isinstance(app.stack[0], WorldScreen) and app.stack[0].scene == "school"
    assert isinstance(app.top, NoteScreen) and app.top.note.tags == content.chapters[1].content  # before the intro
    press(app, pygame.K_RETURN)  # Go on
    assert isinstance(app.top, DialogueScreen) and app.top.step.id.startswith("school.bell.")
    session = app.top.session
    assert session.state.vars["helped_meera"] is True  # carried into chapter 2
    assert session.checkpoints == [] and session.state.ending is None
    assert saved(tmp_path)["world"]["scene"] == "school"


def test_looking_at_a_thing_and_people_who_appear_on_a_condition(content, new_app, tmp_path):
    app = new_app(tmp_path)
    seen: list[str] = []
    new_game(app, seen)
    session = app.top.session
    session.start_chapter("school")
    app.apply(Reset(WorldScreen(app.ctx, session)))
    frames(app, 2)
    read_through(app, seen)  # the school's morning
    world = app.top
    board = next(o for o in world.things if o.name == "blackboard")
    x, y, w, h = board.rect
    # Keyboard: walk up to a part of the board with floor in front of it, face it, press Space.
    spot = next((bx, y + h - 1) for bx in range(x, x + w) if not world.blocked(bx, y + h))
    walk_next_to(app, spot, seen)
    press(app, pygame.K_SPACE)
    assert isinstance(app.top, DialogueScreen) and app.top.step.id.startswith("school.blackboard.")
    read_through(app, seen)
    # Mouse: from across the room, one click on the notice board walks there and looks at it.
    notice = next(o for o in world.things if o.name == "notice_board")
    cx, cy = world.camera()
    t = world.view.tile
    click(app, (notice.rect[0] * t - cx + t // 2, notice.rect[1] * t - cy + t // 2))
    for _ in range(900):
        if isinstance(app.top, (DialogueScreen, NoteScreen)):  # a trigger's note is read through by read_through
            if getattr(getattr(app.top, "step", None), "id", "").startswith("school.notice_board."):
                break
            read_through(app, seen)
            if isinstance(app.top, DialogueScreen) and isinstance(app.top.step, Menu):
                read_options(app)
                press(app, pygame.K_1)
            if isinstance(app.top, WorldScreen):  # a trigger interrupted the walk: click again
                cx, cy = world.camera()
                click(app, (notice.rect[0] * t - cx + t // 2, notice.rect[1] * t - cy + t // 2))
        frames(app, 1)
    assert isinstance(app.top, DialogueScreen) and app.top.step.id.startswith("school.notice_board.")

    # Sunita is on her doorstep only once Ravi has checked in on her.
    session.start_chapter("neighbourhood")
    app.apply(Reset(WorldScreen(app.ctx, session)))
    frames(app, 2)
    read_through(app, seen)
    world = app.top
    assert "sunita" not in [n.character for n in world.npcs]
    session.state.vars["checked_in"] = True
    world.resumed()
    assert "sunita" in [n.character for n in world.npcs]


def test_the_title_switches_language_at_once_and_remembers_it(content, new_app, tmp_path):
    app = new_app(tmp_path)
    title = app.top
    langs = app.ctx.languages()
    assert {"en", "hi", "es", "bn"} <= set(langs)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)  # past "Join class"
    assert title._items()[title.menu.selected] == "language"
    while app.ctx.content.lang != "hi":
        press(app, pygame.K_RETURN)  # each press moves to the next language, without a restart
    assert title.menu.labels[0] == app.ctx.t("title.new_game") != content.strings.get("title.new_game")
    assert json.loads((tmp_path / "settings.json").read_text())["language"] == "hi"
    app.draw()
    press(app, pygame.K_UP)
    press(app, pygame.K_UP)
    press(app, pygame.K_RETURN)  # New game, in Hindi
    frames(app, 2)
    assert isinstance(app.top, NoteScreen) and app.top.card.menu.labels[0] == app.ctx.t("notes.go_on") != "Go on"
    press(app, pygame.K_RETURN)  # the chapter's content note, in Hindi too: Go on
    line = app.top.step
    assert line.id == "home.arrive.v1" and line.text != content.story.node("home.arrive").steps[0].text
    assert any("\u0900" <= ch <= "\u097f" for ch in line.text)


def test_switching_language_in_the_break_screen_keeps_the_game_and_changes_the_words(content, new_app, tmp_path):
    app = new_app(tmp_path)
    seen: list[str] = []
    new_game(app, seen)
    talk_to(app, "meera", seen)
    read_through(app, seen)
    dialogue = app.top
    english = [o.text for o in dialogue.step.options]
    state_before = dialogue.session.state.to_json()
    press(app, pygame.K_ESCAPE)
    while app.top.menu.selected != ITEMS.index("language"):
        press(app, pygame.K_DOWN)
    while app.ctx.content.lang != "es":
        press(app, pygame.K_RETURN)
    press(app, pygame.K_ESCAPE)
    assert app.top is dialogue
    spanish = [o.text for o in dialogue.step.options]
    assert spanish != english and dialogue.menu.labels == spanish
    assert dialogue.session.state.to_json() == state_before
    choose(app, "home.meera_menu.talk.help")
    assert app.top.step.text == app.ctx.content.catalog.text("home.meera_help.p1", "?")
