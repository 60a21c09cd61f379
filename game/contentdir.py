"""Facilitators' content apart from the program.

Two places hold content:

- the *shipped* content: the checkout itself (developer mode), or the ``small_acts_data`` package of an installed
  wheel or a one-folder build (read-only, perhaps under Program Files);
- the facilitators' *own* folder: ``--content DIR``, the ``SMALL_ACTS_CONTENT`` variable, the ``content_dir``
  setting, or by default ``content/`` in the user-data folder. It has the same layout (``dialogue/hi/home.yaml``,
  ``scenes/park/…``) and holds only the files someone changed or added; each one shadows the shipped file of the
  same path. A lab can point every PC at one folder on a share.

Every loader in the game reads one folder (``root``) and resolves references inside it (game/paths.py keeps them
there), so the two places are combined into a *view*: a folder in the local cache holding, for each path, the own
file if there is one and the shipped one otherwise. ``open_root`` brings the view up to date by comparing sizes and
modification times (a few hundred ``stat`` calls; files are copied only when they changed) and returns it; with no
own files it returns the shipped folder itself. Commands that write content (``new-scene``, ``i18n new/import``)
write into the view and ``write_back`` copies what they wrote into the own folder, so nothing is ever written into
the program. Messages name the own file when the problem is in one (``show``).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from game.paths import checkout_root, project_root
from game.story.problems import Problem

CONTENT_ENV = "SMALL_ACTS_CONTENT"
FOLDERS = ("scenes", "assets", "dialogue", "schemas")  # what may be shadowed: the content, never the code
MANIFEST = ".small-acts-view.json"
# A content folder holds tens to a few hundred files. A share holding far more, or huge files, is a mistake (or a
# prank) and must not make every start copy gigabytes: past these limits files are skipped and counted.
MAX_OWN_FILES = 5000
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Place:
    shipped: Path
    own: Path | None  # None: developer mode, content is edited in the checkout itself

    @property
    def editable(self) -> Path:
        """Where facilitators edit: their own folder, or the checkout in developer mode."""
        return self.own if self.own is not None else self.shipped


@dataclass(frozen=True, slots=True)
class Synced:
    copied: int
    removed: int
    skipped: tuple[str, ...]  # own files left out (too many, too big, links, unreadable)


def choose_place(option: Path | None = None, setting: str = "", env: Mapping[str, str] | None = None) -> Place:
    """--content, then SMALL_ACTS_CONTENT, then the content_dir setting; with none of them the user-data folder's
    content/ for an installed game, and no own folder at all in a checkout (the repository is edited directly)."""
    env = os.environ if env is None else env
    chosen = str(option) if option else (env.get(CONTENT_ENV, "").strip() or setting.strip())
    if chosen:
        return Place(project_root(), Path(chosen).expanduser().absolute())
    if checkout_root() is not None:
        return Place(project_root(), None)
    from game.userdata import user_data_dir

    return Place(project_root(), user_data_dir() / "content")


def open_root(place: Place, *, writing: bool = False) -> Path:
    """The folder the loaders read. Never raises: if the view cannot be made, the shipped content is used."""
    if place.own is None:
        return place.shipped
    if not writing and not _own_files(place.own):
        return place.shipped
    view = view_dir(place)
    try:
        sync_view(place, view)
    except OSError:
        if writing:
            raise
        return place.shipped
    return view


def view_dir(place: Place) -> Path:
    import hashlib  # here, not at start-up: loading OpenSSL takes 15 ms before the window shows

    from game.userdata import user_cache_dir

    key = hashlib.sha1(f"{place.shipped}\n{place.own}".encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return user_cache_dir() / f"content-view-{key}"


def _walk(base: Path, limit: int | None = None) -> dict[str, Path]:
    """Files under the content folders of ``base``, by posix path, without hidden ones; at most ``limit``."""
    out: dict[str, Path] = {}
    for folder in FOLDERS:
        top = base / folder
        if not top.is_dir() or top.is_symlink():
            continue
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                path = Path(dirpath) / name
                out[path.relative_to(base).as_posix()] = path
                if limit is not None and len(out) >= limit:
                    return out
    return out


def _own_files(own: Path) -> bool:
    return any((own / folder).is_dir() and any((own / folder).iterdir()) for folder in FOLDERS)


def _read_manifest(view: Path) -> dict:
    try:
        raw = json.loads((view / MANIFEST).read_text("utf-8"))
        return raw if isinstance(raw, dict) and isinstance(raw.get("files"), dict) else {}
    except (OSError, ValueError):
        return {}


def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dest)  # another game on the same account never sees half a file


def sync_view(place: Place, view: Path) -> Synced:
    winners: dict[str, tuple[str, Path]] = {rel: ("shipped", path) for rel, path in _walk(place.shipped).items()}
    skipped: list[str] = []
    own = _walk(place.own, MAX_OWN_FILES + 1) if place.own is not None and place.own.is_dir() else {}
    for count, (rel, path) in enumerate(own.items()):
        try:
            st = path.lstat()
        except OSError:
            skipped.append(rel)
            continue
        if count >= MAX_OWN_FILES or st.st_size > MAX_FILE_BYTES or path.is_symlink():
            skipped.append(rel)
            continue
        winners[rel] = ("own", path)
    old = _read_manifest(view).get("files", {})
    files: dict[str, list] = {}
    copied = 0
    for rel, (origin, src) in winners.items():
        st = src.stat()
        key = [origin, st.st_size, st.st_mtime_ns]
        dest = view / rel
        was = old.get(rel)
        try:
            vst = dest.stat()
            fresh = isinstance(was, list) and was[:3] == key and was[3:] == [vst.st_size, vst.st_mtime_ns]
        except OSError:
            fresh = False
        if not fresh:
            _copy(src, dest)
            copied += 1
            vst = dest.stat()
        files[rel] = key + [vst.st_size, vst.st_mtime_ns]
    removed = 0
    for rel in set(old) - set(winners):
        if isinstance(rel, str) and rel.split("/", 1)[0] in FOLDERS and ".." not in rel.split("/"):
            try:
                (view / rel).unlink()
                removed += 1
            except OSError:
                pass
    for rel, path in _walk(view).items():  # files a writing command left and write_back did not take
        if rel not in files:
            path.unlink(missing_ok=True)
    manifest = {"shipped": str(place.shipped), "own": str(place.own) if place.own else None, "files": files}
    tmp = view / f".{MANIFEST}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(manifest), "utf-8")
    os.replace(tmp, view / MANIFEST)
    return Synced(copied, removed, tuple(skipped))


def place_of(root: Path) -> Place | None:
    """The place a view was made from (None when ``root`` is not a view)."""
    raw = _read_manifest(root)
    shipped, own = raw.get("shipped"), raw.get("own")
    if not isinstance(shipped, str) or not (own is None or isinstance(own, str)):
        return None
    return Place(Path(shipped), Path(own) if own else None)


def refresh(root: Path) -> None:
    """Before reloading (the --dev F5): bring a view up to date with the files just edited. Never raises."""
    place = place_of(root)
    if place is not None:
        try:
            sync_view(place, root)
        except OSError:
            pass


def write_back(root: Path) -> list[Path]:
    """After a command wrote into a view: copy every file it added or changed into the own folder, and return them.
    Nothing to do when ``root`` is not a view (a checkout, or a project folder named on the command line)."""
    place = place_of(root)
    if place is None or place.own is None:
        return []
    old = _read_manifest(root).get("files", {})
    written: list[Path] = []
    for rel, path in _walk(root).items():
        st = path.stat()
        was = old.get(rel)
        if isinstance(was, list) and was[3:] == [st.st_size, st.st_mtime_ns]:
            continue
        dest = place.own / rel
        _copy(path, dest)
        written.append(dest)
    sync_view(place, root)
    return written


def own_file(root: Path, rel: str) -> Path | None:
    """The facilitator's file behind ``rel`` in a view (None for a shipped file, or when ``root`` is not a view)."""
    raw = _read_manifest(root)
    entry = raw.get("files", {}).get(rel)
    own = raw.get("own")
    return Path(own) / rel if isinstance(entry, list) and entry[:1] == ["own"] and isinstance(own, str) else None


def show(root: Path, problems: list[Problem]) -> list[Problem]:
    """Problems as the facilitator needs them: a problem in one of their own files names that file."""
    if not (root / MANIFEST).is_file():
        return problems
    out = []
    for p in problems:
        mine = own_file(root, p.pos.path)
        out.append(replace(p, pos=replace(p.pos, path=str(mine))) if mine is not None else p)
    return out


def copy_shipped(place: Place, rel: str, *, force: bool = False) -> Path:
    """`content copy`: a shipped file into the own folder, to change it there. Raises ValueError with a message."""
    clean = rel.replace("\\", "/").strip("/")
    parts = clean.split("/")
    if not clean or parts[0] not in FOLDERS or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"'{rel}' is not a content file: name one under {', '.join(f + '/' for f in FOLDERS)}, "
                         "e.g. dialogue/hi/home.yaml")
    src = place.shipped / clean
    if not src.is_file():
        from game.story.problems import did_you_mean

        near = [r for r in _walk(place.shipped) if r.rsplit("/", 1)[0] == clean.rsplit("/", 1)[0]]
        raise ValueError(f"there is no shipped file '{clean}'" + (f" ({hint})" if (hint := did_you_mean(
            clean, near)) else ""))
    if place.own is None:
        raise ValueError("this is a checkout: edit the file where it is (or name a folder with --content DIR)")
    dest = place.own / clean
    if dest.exists() and not force:
        raise ValueError(f"{dest} is already there (your own copy); --force replaces it with the shipped file")
    _copy(src, dest)
    return dest


def run_content(args, place: Place, out=None) -> int:  # noqa: ANN001 - argparse.Namespace
    """`content where | list | copy FILE…`."""
    import sys

    out = out or sys.stdout
    if args.content_command == "where":
        print(f"your content folder: {place.editable}" + ("  (this checkout)" if place.own is None else ""), file=out)
        print(f"shipped content:     {place.shipped}", file=out)
        return 0
    if args.content_command == "list":
        if place.own is None or not place.own.is_dir():
            print(f"no own files yet in {place.editable}", file=out)
            return 0
        shipped = _walk(place.shipped)
        for rel in _walk(place.own):
            print(f"{'replaces' if rel in shipped else 'adds    '}  {rel}", file=out)
        return 0
    code = 0
    for rel in args.files:
        try:
            dest = copy_shipped(place, rel, force=args.force)
        except ValueError as exc:
            print(f"content copy: error: {exc}", file=sys.stderr)
            code = 1
        except OSError as exc:
            print(f"content copy: error: {place.own} cannot be written ({exc.strerror or exc})", file=sys.stderr)
            code = 1
        else:
            print(f"copied to {dest} (edit it there; it now replaces the shipped file)", file=out)
    return code
