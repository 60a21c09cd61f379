"""The logical 1280×720 picture scaled into any window, with mouse positions mapped back."""

import pygame

from game.content import load_content
from game.paths import project_root
from game.settings import Settings
from game.ui.app import App
from game.ui.context import Context
from game.ui.dialogue import DialogueScreen
from game.ui.display import Display
from game.ui.title import TitleScreen
from game.ui.world import WorldScreen


def test_small_window_is_letterboxed_and_clicks_land_on_the_right_button(display, tmp_path):
    small = Display(size=(1024, 600))
    try:
        assert small.window.get_size() == (1024, 600)
        assert small.logical.get_size() == (1280, 720)
        assert small.view == pygame.Rect(0, 12, 1024, 576)  # 16:9 inside 1024×600: thin bars top and bottom
        content, problems, _ = load_content(project_root())
        assert content is not None
        ctx = Context.create(project_root(), content, Settings(), tmp_path)
        ctx.display = small
        app = App(ctx, TitleScreen(ctx), small)
        app.step([], 1 / 60)
        # The whole picture is shown: the window's corner pixel inside the view matches the logical corner.
        assert small.window.get_at((0, 0))[:3] == (0, 0, 0)
        inside = small.window.get_at((512, 300))[:3]
        assert inside != (0, 0, 0)
        # Click "New game" where it appears in the small window.
        rect = app.top.menu.rects[0]
        x = round(rect.centerx * 1024 / 1280)
        y = round(rect.centery * 576 / 720) + 12
        app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(x, y))], 1 / 60)
        # A new game: the world, with the chapter's opening lines over it.
        assert isinstance(app.stack[0], WorldScreen) and isinstance(app.top, DialogueScreen)
    finally:
        # Back to the session's 1280×720 window, which the other tests keep drawing on.
        pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
        display.refresh()


def test_logical_size_window_draws_straight_onto_the_window(display):
    assert display.logical is display.window
    event = pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(100, 200))
    assert display.translate(event) is event


def test_a_save_folder_that_cannot_be_made_falls_back_to_a_temporary_one(tmp_path):
    from game.play import UNSAVED_PREFIX, _data_dir

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    folder = _data_dir(blocker / "saves", None)
    assert folder.is_dir() and folder.name.startswith(UNSAVED_PREFIX)
    assert _data_dir(tmp_path / "ok", None) == tmp_path / "ok"
