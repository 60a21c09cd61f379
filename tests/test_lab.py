"""What a school lab meets: the facilitators' content folder, output that survives Windows code pages, one line for a
missing package, a quiet start without a sound card, and hints that name the command as it is typed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.contentdir import MANIFEST, Place, copy_shipped, open_root, place_of, sync_view, write_back
from game.paths import project_root

ROOT = Path(__file__).resolve().parent.parent


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SMALL_ACTS_CONTENT"}
    env.update({"SMALL_ACTS_DATA": str(tmp_path / "data"), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"})
    env.update(extra)
    return env


# --------------------------------------------------------------------------- the content folder


@pytest.fixture
def place(tmp_path, monkeypatch) -> Place:
    monkeypatch.setenv("SMALL_ACTS_DATA", str(tmp_path / "data"))
    return Place(project_root(), tmp_path / "own folder ü")


def test_own_files_shadow_the_shipped_ones_and_nothing_else_changes(place):
    assert open_root(place) == place.shipped  # nothing of their own yet: the shipped content, no copy
    mine = copy_shipped(place, "dialogue/hi/home.yaml")
    mine.write_text(mine.read_text("utf-8") + "\n# our school's words\n", "utf-8")
    view = open_root(place)
    assert view != place.shipped
    assert (view / "dialogue" / "hi" / "home.yaml").read_text("utf-8").endswith("# our school's words\n")
    assert (view / "dialogue" / "en" / "home.yaml").read_bytes() == \
        (place.shipped / "dialogue" / "en" / "home.yaml").read_bytes()
    assert place_of(view) == place
    mine.unlink()  # deleting their copy brings the shipped file back
    sync_view(place, view)
    assert (view / "dialogue" / "hi" / "home.yaml").read_bytes() == \
        (place.shipped / "dialogue" / "hi" / "home.yaml").read_bytes()


def test_writing_commands_write_into_the_own_folder_only(place, capsys):
    view = open_root(place, writing=True)
    (view / "dialogue" / "xx").mkdir()
    (view / "dialogue" / "xx" / "ui.yaml").write_text("x: 1\n", "utf-8")
    written = write_back(view)
    assert written == [place.own / "dialogue" / "xx" / "ui.yaml"]
    assert not (place.shipped / "dialogue" / "xx").exists()
    assert write_back(view) == []  # nothing new the second time


def test_i18n_new_with_content_after_the_action_writes_there(place, capsys):
    code = main(["i18n", "new", "xx", "--name", "Test", "--content", str(place.own)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert (place.own / "dialogue" / "xx" / "ui.yaml").is_file()
    assert not (place.shipped / "dialogue" / "xx").exists()
    assert f"written into your content folder {place.own}" in out


def test_check_names_the_facilitators_own_file(place, capsys):
    mine = copy_shipped(place, "dialogue/en/home.yaml")
    mine.write_text(mine.read_text("utf-8").replace("text:", "txet:", 1), "utf-8")
    assert main(["--content", str(place.own), "check", str(mine)]) == 1
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if ": error: " in line]
    assert lines and all(line.startswith(f"{mine}:") for line in lines), out


def test_hostile_own_folders_are_bounded(place, monkeypatch):
    import game.contentdir as contentdir

    (place.own / "dialogue" / "en").mkdir(parents=True)
    for i in range(5):  # with a limit of 3, extra0..2 are taken
        (place.own / "dialogue" / "en" / f"extra{i}.txt").write_text("x", "utf-8")
    outside = place.own.parent / "secret.txt"
    outside.write_text("not content", "utf-8")
    (place.own / "dialogue" / "en" / "link.yaml").symlink_to(outside)
    view = contentdir.view_dir(place)
    result = sync_view(place, view)
    assert result.skipped == ("dialogue/en/link.yaml",)  # a link could point anywhere on the PC
    assert not (view / "dialogue" / "en" / "link.yaml").exists()
    monkeypatch.setattr(contentdir, "MAX_OWN_FILES", 3)
    result = sync_view(place, view)
    assert result.skipped == ("dialogue/en/extra3.txt",)  # the walk stops past the limit
    assert (view / MANIFEST).is_file()


@pytest.mark.parametrize("bad", ["../etc/passwd", "dialogue/../../x", "game/cli.py", "", "dialogue/en/nope.yaml"])
def test_content_copy_takes_only_shipped_content_files(place, bad):
    with pytest.raises(ValueError):
        copy_shipped(place, bad)


def test_content_copy_in_a_checkout_says_to_edit_in_place(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("SMALL_ACTS_CONTENT", raising=False)
    monkeypatch.setenv("SMALL_ACTS_DATA", str(tmp_path))
    assert main(["content", "copy", "dialogue/hi/home.yaml"]) == 1
    assert "this is a checkout: edit the file where it is" in capsys.readouterr().err
    assert main(["content", "where"]) == 0
    assert "(this checkout)" in capsys.readouterr().out


# --------------------------------------------------------------------------- the terminal


@pytest.mark.parametrize("args", [["i18n", "status"], ["transcript", "--lang", "hi"], ["check"]])
def test_redirected_output_in_a_windows_code_page_never_crashes(tmp_path, args, searched_before):
    searched_before(tmp_path / "data" / "cache")  # about the output's encoding, not the search
    out = tmp_path / "out.txt"
    with out.open("wb") as sink:
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=tmp_path, stdout=sink,
                              stderr=subprocess.PIPE, env=_env(tmp_path, PYTHONIOENCODING="cp1252"), timeout=300)
    text = out.read_bytes().decode("utf-8")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in done.stderr.decode("utf-8", "replace")
    if "transcript" in args:
        assert any("\u0900" <= ch <= "\u097f" for ch in text)  # the Hindi came through


def test_a_missing_package_is_one_plain_line(tmp_path):
    code = ("import sys; sys.modules['pytmx'] = None; sys.argv = ['main.py', 'check']\n"
            "from game.console import entry; sys.exit(entry())")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env=_env(tmp_path), timeout=120)
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "not installed: pytmx" in lines[0] and "map" not in lines[0], done.stderr


def test_no_sound_card_is_one_plain_line(tmp_path):
    """With a real audio driver on a PC without a sound card (like this one, or a lab PC), ALSA's own errors stay
    off the terminal; where a device exists, nothing is printed at all."""
    code = ("from pathlib import Path; from game.ui.audio import Audio\n"
            "a = Audio(Path('assets/sound'), 1.0); a.play('select'); a.play('page')")
    env = _env(tmp_path)
    env.pop("SDL_AUDIODRIVER")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0
    assert "ALSA" not in done.stderr
    assert done.stderr == "" or done.stderr.strip().splitlines() == [
        "Sound is off: no sound device was found. The game plays silently, with captions."]


def test_hints_name_the_command_as_it_is_typed():
    from game.console import as_run

    text = "run `python main.py check`, then python main.py --dev"
    assert as_run(text, "python main.py") == text
    assert as_run(text, "small-acts") == "run `small-acts check`, then small-acts --dev"
