"""Starting the game window (or rendering one screenshot headless)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path


def play(args: argparse.Namespace, root: Path) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if args.screenshot:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from game.save import remove_leftover_temps
    from game.settings import load_settings
    from game.ui.display import Display
    from game.userdata import user_data_dir

    # Only what the game uses: initialising audio here would cost start-up time on every lab PC.
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_caption("Small Acts")  # replaced by the title in ui.yaml once the content has loaded
    if args.screenshot and args.data is None:
        # A screenshot never touches the student's own save.
        data_dir = Path(tempfile.mkdtemp(prefix="small-acts-shot-"))
    else:
        data_dir = _data_dir(args.data, user_data_dir)
        remove_leftover_temps(data_dir)  # writes a kill or a power cut interrupted last time
    settings = load_settings(data_dir)
    fullscreen = bool(args.fullscreen if args.fullscreen is not None else settings.fullscreen)
    Display.set_icon(root / "assets" / "portraits" / "ravi" / "happy.png")
    display = Display(fullscreen, args.size or settings.window_size)
    if not args.screenshot:
        _splash(display, root)
        if args.bench_first_frame:
            print("first-frame", flush=True)  # bench/run.py: the window shows the game

    # The rest of the game is imported only now: on an old lab PC this is most of a second, and the window above
    # already tells the student the game is starting.
    from game.content import load_content_or_english
    from game.story.problems import summary
    from game.ui.app import App
    from game.ui.audio import Audio
    from game.ui.context import Context
    from game.ui.problems_screen import ProblemsScreen
    from game.ui.text import FontFiles, TextRenderer

    lang = args.lang or settings.language
    content, problems, files = load_content_or_english(root, lang)
    if content is None:
        from game.contentdir import show

        problems = show(root, problems)  # a mistake in a facilitator's own file names that file
        for p in problems:
            print(p.format(), file=sys.stderr)
        print(summary(problems, files), file=sys.stderr)
        text = TextRenderer(FontFiles.shipped(root / "assets" / "fonts"))
        app = App(None, ProblemsScreen(text, problems, files), display)
    else:
        ctx = Context.create(root, content, settings, data_dir)
        ctx.display = display
        ctx.dev = bool(args.dev)
        ctx.results_override = getattr(args, "results", None)
        if not args.screenshot:  # the mixer itself opens on the first sound, not here
            ctx.audio = Audio.create(root / "assets" / "sound", ctx.settings.volume)
        pygame.display.set_caption(ctx.t("game.title"))
        if data_dir.name.startswith(UNSAVED_PREFIX):
            ctx.notice = ctx.t("title.save_unavailable")
        # Options that try a setting for this run only (screenshots at 200 % text, in high contrast, …); not saved.
        tried = {name: value for name, value in (("text_scale", args.text_scale),
                                                 ("theme", getattr(args, "theme", None)),
                                                 ("font", getattr(args, "font", None)),
                                                 ("line_spacing", getattr(args, "line_spacing", None)))
                 if value is not None}
        if tried:
            ctx.settings = replace(ctx.settings, **tried)
            ctx.apply_settings()
        try:
            map_path = getattr(args, "map", None)
            first = (_map_screen(ctx, map_path) if map_path is not None
                     else _first_screen(ctx, args.scene if args.screenshot else "title"))
        except UsageError as exc:
            print(f"python main.py: error: {exc}", file=sys.stderr)
            return 2
        app = App(ctx, first, display)
    if args.screenshot:
        return _screenshot(app, args)
    if args.bench_first_frame:  # bench/run.py measures start-up to this line
        app.step([], 0.0)
        print("title-ready", flush=True)
        return 0
    app.run()
    if app.ctx is not None and not display.fullscreen:
        app.ctx.update_settings(window_size=display.window.get_size())  # the next lesson opens the same size
    pygame.quit()
    return 0


UNSAVED_PREFIX = "small-acts-unsaved-"


def _splash(display, root: Path) -> None:
    """The title's picture in the window at once, while the story, maps and fonts load behind it. It has no words of
    its own (every word a player sees comes from the translated content), so nothing changes but the band and menu
    arriving over the same picture. A missing or damaged picture leaves the window dark."""
    import pygame

    from game.ui.picture import at_height
    from game.ui.theme import TITLE_PICTURE

    surface = display.logical
    surface.fill((24, 20, 28))
    try:
        picture = at_height(root / TITLE_PICTURE, surface.get_height())
        surface.blit(picture, ((surface.get_width() - picture.get_width()) // 2, 0))
    except (pygame.error, OSError, ValueError):
        pass
    display.present()
    pygame.event.pump()  # a window manager shows a window only once the program has looked at its events


def _data_dir(chosen: Path | None, default) -> Path:
    """The save folder; if it cannot be created (a locked-down lab profile), a temporary one so play still works."""
    try:
        folder = chosen or default(create=True)
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    except OSError:
        return Path(tempfile.mkdtemp(prefix=UNSAVED_PREFIX))


class UsageError(Exception):
    """A command-line mistake: reported in one line, exit code 2."""


def _first_screen(ctx, scene: str):
    from game.session import Session, spawn_point
    from game.story.problems import did_you_mean
    from game.ui.title import TitleScreen
    from game.ui.world import WorldScreen

    if scene == "title":
        return TitleScreen(ctx)
    scene_id, _, node = scene.partition(".")
    if scene_id not in ctx.content.scenes:
        raise UsageError(f"--scene: unknown scene '{scene_id}' (known: title, {', '.join(ctx.content.scenes)})")
    nodes = ctx.content.story.scenes[scene_id].nodes if scene_id in ctx.content.story.scenes else {}
    if node and node not in nodes:
        raise UsageError(f"--scene: the scene '{scene_id}' has no node '{node}'" + (f" ({hint})" if (hint := did_you_mean(node, nodes)) else ""))
    session = Session.new(ctx.content, ctx.data_dir)
    chapter = ctx.content.chapter_of(scene_id)
    if chapter is not None and chapter.scenes[0] == scene_id and not node:
        session.start_chapter(chapter.id)  # the chapter as a student meets it, intro and all
    else:
        session.state.position = None
        session.world = spawn_point(ctx.content, scene_id)
        if node:
            session.runner.begin(f"{scene_id}.{node}")
    return WorldScreen(ctx, session)


def _map_screen(ctx, path: Path):
    """--map: walk around any Tiled map, without a story."""
    from game.mapview import MapError, MapWalkScreen, read_map

    if path.suffix.lower() not in (".tmx", ".tmj") or not path.is_file():
        raise UsageError(f"--map: '{path}' is not a Tiled map file (.tmx or .tmj)")
    try:
        return MapWalkScreen(ctx, path, read_map(path))
    except MapError as exc:
        raise UsageError(f"--map: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - pytmx/pygame could not draw it (a missing tileset image, …)
        raise UsageError(f"--map: {path.as_posix()}: the map could not be drawn: {exc or type(exc).__name__}") from None


def _screenshot(app, args) -> int:
    import pygame

    keys = [k.strip() for k in args.keys.split(",") if k.strip()]
    for _ in range(3):
        app.step(dt=1 / 60)
    for name in keys:
        code = pygame.key.key_code(name)
        app.step([pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)], dt=1 / 60)
        app.step([pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode="", scancode=0)], dt=1 / 60)
        for _ in range(20):
            app.step([], dt=1 / 60)
    for _ in range(max(0, args.frames)):
        app.step([], dt=1 / 60)
    app.draw()
    args.screenshot.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(app.surface, str(args.screenshot))
    print(f"saved {args.screenshot}")
    return 0
