"""`python main.py transcript [SCENE_OR_NODE] [--lang LANG] [--choices 1,3,2 | --seed N]`: one path as plain text.

For proofreading: the real `Runner` plays the story with the player's language (text through `content.catalog.text`,
names through `content.strings.name`) and every line is printed as `Speaker: text` (narration without a name). At a
choice the offered options are listed with numbers and the chosen one marked with `>`; at an ending `[end: title]`
and its text. Pause points are printed as if in a class session, `[pause, N min]` with the younger prompt and
`[pause, older]` with the older one, so their wording can be proofread in context. The choices given are taken in
order (1-based); after them `--seed` picks at random; without a seed the transcript stops at the next choice. A
conversation that ends without an ending is followed by the next one in entry order — the chapter's map objects in
map order (those whose `if` holds), then scene starts — each once; with a seed, once those are used up, a random one.
It stops at an ending or after 500 steps.

Exit codes: 0 printed, 1 content errors, 2 misuse (unknown start, a bad --choices list, a choice number not on offer).
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from game.story.expr import DictEnv, ExprError, evaluate, parse_condition
from game.story.runner import Discuss, Ended, Menu, Note, Runner, RunnerError, Say
from game.story.state import State

MAX_STEPS = 500


class TranscriptError(Exception):
    """Misuse: exit code 2."""


@dataclass(frozen=True, slots=True)
class Start:
    intro: str | None  # a node that begins by itself
    entries: tuple[tuple[str, str | None], ...]  # (full node id, map condition) in entry order
    follow: bool = True  # go on to the next conversation when one ends


def entries_of(content, scenes: list[str]) -> list[tuple[str, str | None]]:
    """Map objects of `scenes` in map order, then each scene's start; each node once."""
    out: list[tuple[str, str | None]] = []
    for sid in scenes:
        info = content.scenes.get(sid)
        for obj in info.map.objects if info else ():
            ref = obj.props.get("node")
            if isinstance(ref, str) and ref:
                cond = obj.props.get("if")
                out.append((content.node_target(sid, ref), cond if isinstance(cond, str) and cond.strip() else None))
    for sid in scenes:
        scene = content.story.scenes.get(sid)
        if scene is not None:
            out.append((f"{sid}.{scene.start}", None))
    seen: set[str] = set()
    return [e for e in out if not (e[0] in seen or seen.add(e[0]))]  # type: ignore[func-returns-value]


def resolve_start(content, target: str | None) -> Start:
    story = content.story
    if target is None:
        chapter = content.chapters[0]
        return Start(chapter.intro, tuple(entries_of(content, list(chapter.scenes))))
    if "." in target:
        if story.node(target) is None:
            from game.story.problems import did_you_mean

            scene_id = target.partition(".")[0]
            known = [n.full_id for n in story.scenes[scene_id].nodes.values()] if scene_id in story.scenes else []
            hint = did_you_mean(target, known)
            raise TranscriptError(f"there is no node '{target}'" + (f" ({hint})" if hint else ""))
        return Start(target, (), follow=False)
    if target in story.scenes:
        scene = story.scenes[target]
        chapter = content.chapter_of(target)
        intro = chapter.intro if chapter and chapter.intro and chapter.intro.startswith(f"{target}.") else None
        return Start(intro or f"{target}.{scene.start}", tuple(entries_of(content, [target])))
    chapter = next((c for c in content.chapters if c.id == target), None)
    if chapter is not None:
        return Start(chapter.intro, tuple(entries_of(content, list(chapter.scenes))))
    from game.story.problems import did_you_mean

    names = list(story.scenes) + [c.id for c in content.chapters]
    hint = did_you_mean(target, names)
    raise TranscriptError(f"there is no chapter, scene or node '{target}'" + (f" ({hint})" if hint else ""))


def parse_choices(text: str) -> list[int]:
    out: list[int] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        if not part.isdigit() or int(part) < 1:
            raise TranscriptError(f"--choices: '{part}' is not an option number (1, 2, 3 …)")
        out.append(int(part))
    return out


def _open(cond: str | None, state: State) -> bool:
    if cond is None:
        return True
    try:
        return bool(evaluate(parse_condition(cond), DictEnv(state.vars, state.visits)))
    except (ExprError, KeyError, TypeError, ValueError):
        return True  # `check` reports it; the transcript goes on


def transcript(content, start: Start, choices: list[int], seed: int | None, out: TextIO,
               show_ids: bool = False, max_steps: int = MAX_STEPS) -> None:
    """Print one path. Raises TranscriptError on a choice number that is not on offer."""
    story = content.story
    state = State.new(story)
    runner = Runner(story, state, content.catalog.text, pauses=lambda _pause_id: True)  # proofread them too
    rng = random.Random(seed) if seed is not None else None
    queue = list(start.entries)
    todo = list(choices)
    made = 0
    steps = 0
    shown_goal: str | None = None

    def header(node: str) -> None:
        print(f"\n== {node} ==", file=out)

    def begin_next() -> bool:
        while queue:
            node, cond = queue.pop(0)
            if _open(cond, state):
                runner.begin(node)
                header(node)
                return True
        if rng is not None and start.entries:
            node, _ = rng.choice(start.entries)
            runner.begin(node)
            header(node)
            return True
        return False

    if start.intro is not None:
        runner.begin(start.intro)
        header(start.intro)
        queue = [e for e in queue if e[0] != start.intro]
    elif not begin_next():
        print("(nothing to play)", file=out)
        return
    while True:
        if steps >= max_steps:
            print(f"\n[stopped after {max_steps} steps]", file=out)
            return
        steps += 1
        step = runner.current()
        if isinstance(step, Say):
            name = content.strings.name(step.speaker) if step.speaker else ""
            prefix = f"[{step.id}] " if show_ids else ""
            print(f"{prefix}{name}: {step.text}" if name else f"{prefix}{step.text}", file=out)
            runner.advance()
        elif isinstance(step, Discuss):
            prefix = f"[{step.id}] " if show_ids else ""
            print(f"{prefix}[pause, {step.minutes} min] {step.younger}", file=out)
            print(f"{prefix}[pause, older] {step.older}", file=out)
            runner.advance()
        elif isinstance(step, Note):  # a content note: the transcript reads the part, and shows the summary
            prefix = f"[{step.id}] " if show_ids else ""
            print(f"{prefix}[content note: {', '.join(step.tags)}] (if skipped: {step.summary})", file=out)
            runner.advance()
        elif isinstance(step, Menu):
            if step.label:
                print(f"  ({step.label})", file=out)
            if todo:
                pick = todo.pop(0)
                made += 1
                if not 1 <= pick <= len(step.options):
                    for i, option in enumerate(step.options, 1):
                        print(f"    {i}. {option.text}", file=out)
                    raise TranscriptError(f"choice {made} is {pick}, but this menu ({step.id}) has "
                                          f"{len(step.options)} option{'s' if len(step.options) != 1 else ''}")
                index = pick - 1
            elif rng is not None and step.options:
                index = rng.randrange(len(step.options))
            else:
                for i, option in enumerate(step.options, 1):
                    print(f"    {i}. {option.text}", file=out)
                print(f"\n[stopped at a choice: give --choices or --seed to go on ({made} choices made)]", file=out)
                return
            for i, option in enumerate(step.options, 1):
                print(f"  {'>' if i - 1 == index else ' '} {i}. {option.text}", file=out)
            runner.choose(index)
        elif isinstance(step, Ended):
            print(f"\n[end: {step.title}]", file=out)
            print(step.text, file=out)
            return
        else:  # the conversation is over: the player walks to the next one
            guide = runner.goal()
            if guide is not None and guide.id != shown_goal:
                shown_goal = guide.id
                print(f"\n[goal: {guide.text}]", file=out)  # what the world screen shows in its corner now
            if not start.follow or not begin_next():
                print("\n[conversation over]", file=out)
                return


def run_transcript(target: str | None, lang: str, choices: str, seed: int | None, root: Path,
                   out: TextIO | None = None, show_ids: bool = False) -> int:
    from game.storymap import load_or_report

    out = out or sys.stdout
    try:
        picks = parse_choices(choices or "")
    except TranscriptError as exc:
        print(f"transcript: error: {exc}", file=sys.stderr)
        return 2
    content = load_or_report(root, lang, "transcript", out)
    if content is None:
        return 1
    try:
        start = resolve_start(content, target)
        transcript(content, start, picks, seed, out, show_ids)
    except TranscriptError as exc:
        out.flush()
        print(f"transcript: error: {exc}", file=sys.stderr)
        return 2
    except RunnerError as exc:
        print(f"transcript: error: the story cannot go on: {exc}", file=sys.stderr)
        return 1
    return 0
