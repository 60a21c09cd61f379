"""`python main.py teacher`: the live teacher view in its own window (or one screenshot, headless).

Only this module and the view it opens import pygame; the rest of game/classroom stays pure.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def run_teacher(args: argparse.Namespace, root: Path) -> int:
    """Exit 0 when the view closed (or the picture was saved), 1 when there is no session to show or the content
    has errors, 2 on misuse."""
    size = None
    if args.size:
        from game.cli import _size

        try:
            size = _size(args.size)
        except argparse.ArgumentTypeError as exc:
            print(f"python main.py teacher: error: --size: {exc}", file=sys.stderr)
            return 2
    from game.classroom.session_cli import ask_key

    key = ask_key(args, "teacher", sys.stderr)  # the view signs pause and resume: it speaks as the teacher
    if key is None:
        return 1
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if args.screenshot:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from game.content import load_content_or_english
    from game.play import _data_dir
    from game.settings import load_settings
    from game.story.problems import summary
    from game.ui.app import App
    from game.ui.context import Context
    from game.ui.display import Display
    from game.ui.teacher_view import TeacherViewScreen
    from game.userdata import user_data_dir

    data_dir = _data_dir(args.data, user_data_dir)
    settings = load_settings(data_dir)
    if args.screenshot:  # one picture: nothing to serve
        import dataclasses

        settings = dataclasses.replace(settings, class_network=False)
    lang = args.lang or settings.language
    content, problems, files = load_content_or_english(root, lang)
    if content is None:
        for p in problems:
            print(p.format(), file=sys.stderr)
        print(summary(problems, files), file=sys.stderr)
        return 1
    ctx = Context.create(root, content, settings, data_dir)
    ctx.results_override = args.results
    ctx.teacher_key = key
    # The session is found before a window opens, so a wrong folder or code is a one-line message, not a window.
    from game.classroom.folder import normalize_code

    folder = ctx.class_folder()
    if args.code is not None:
        session = folder.session(args.code)
        if session is None:
            known = ", ".join(s.code for s in folder.sessions()[:8]) or "none"
            print(f"python main.py teacher: there is no class session '{normalize_code(args.code) or args.code}' in "
                  f"{folder.root} (sessions there: {known})", file=sys.stderr)
            return 1
    else:
        sessions = folder.sessions()
        if not sessions:
            print(f"python main.py teacher: there is no class session in {folder.root} yet; start one with "
                  "`python main.py classroom new` or from the Teacher menu of the game", file=sys.stderr)
            return 1
        session = sessions[0]

    pygame.display.init()
    pygame.font.init()
    display = Display(bool(settings.fullscreen) and not args.screenshot, size or settings.window_size)
    ctx.display = display
    pygame.display.set_caption(f"{ctx.t('game.title')} · {ctx.t('teacher.join_heading')} {session.code}")
    app = App(ctx, TeacherViewScreen(ctx, folder, session), display)
    if args.screenshot:
        app.step([], 0.0)
        app.draw()
        args.screenshot.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(app.surface, str(args.screenshot))
        print(f"saved {args.screenshot}")
        return 0
    app.run()
    pygame.quit()
    return 0
