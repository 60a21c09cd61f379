"""`python main.py guide [--lang LANG] -o guide.html`: the facilitator guide, written from the content.

For each chapter: its goal, a 40-45 minute lesson plan, the ground rules, the pause-point and debrief questions at both
levels, what the choices mean, the exit question and the help card. One self-contained HTML file (no external
resources: a school lab is often offline) that prints on A4, one chapter per page run. Every word on the page comes
from the content and guide.yaml, through the language's catalogue; the code only arranges them.
"""

from __future__ import annotations

import base64
import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from game.classroom.guidetext import (GAPS, GUIDE_FILE, GuideText, Plan, Text, check_guide_text, debrief_questions,
                                      labelled_choices, lesson_plan, pause_points, surveys_of)
from game.story.model import Choice, Pause

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")

# Scripts the system fonts of a school computer may lack: when the page uses one, its Noto font (which also has Latin
# letters, so a page looks of a piece) is embedded. (first, last code point, family, regular file, bold file)
SCRIPT_FONTS = (
    (0x0900, 0x097F, "Guide Devanagari", "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"),
    (0x0980, 0x09FF, "Guide Bengali", "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
)


# --- what the page says, before any HTML ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PausePoint:
    id: str
    younger: str
    older: str
    minutes: int
    where: str  # "Just before the decision “…”", or ""


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    younger: str
    older: str  # "" when guide.yaml has no older version (check_guide_text warns)


@dataclass(frozen=True, slots=True)
class Decision:
    id: str
    label: str
    options: tuple[str, ...]
    note: str  # "" when guide.yaml has none (check_guide_text warns)


@dataclass(frozen=True, slots=True)
class ChapterPage:
    id: str
    number: int
    title: str
    goal: str
    exit: str
    plan: Plan
    pauses: tuple[PausePoint, ...]
    questions: tuple[Question, ...]
    decisions: tuple[Decision, ...]


class _Words:
    """The guide's texts in the page's language."""

    def __init__(self, content) -> None:
        self.catalog = content.catalog
        self.guide: GuideText = content.guide

    def t(self, text: Text | None) -> str:
        return self.catalog.text(text.id, text.text) if text is not None else ""

    def h(self, key: str, **values: object) -> str:
        text = self.t(self.guide.headings.get(key))
        return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)

    def story(self, ident: str, source: str) -> str:
        return self.catalog.text(ident, source)


def _where(words: _Words, story, pause: Pause) -> str:
    """Where a pause point comes, told by the nearest labelled decision of its node: the next one, else the last."""
    node = story.node(pause.id.rsplit(".", 1)[0])
    if node is None:
        return ""
    at = next(i for i, s in enumerate(node.steps) if s is pause)
    after = [s for s in node.steps[at + 1:] if isinstance(s, Choice) and s.label]
    before = [s for s in node.steps[:at] if isinstance(s, Choice) and s.label]
    if after:
        return words.h("pause_before", label=words.story(f"{after[0].id}.label", after[0].label))
    if before:
        return words.h("pause_after", label=words.story(f"{before[-1].id}.label", before[-1].label))
    return ""


def chapter_pages(content) -> list[ChapterPage]:
    from game.classroom.playtime import play_minutes, words_read
    from game.content import external_entries
    from game.story.paths import scene_entries

    words = _Words(content)
    story = content.story
    entries = external_entries(content.scenes)
    pages = []
    for number, chapter in enumerate(content.chapters, start=1):
        scenes = [s for s in chapter.scenes if s in story.scenes]
        first = story.scenes[scenes[0]] if scenes else None
        text = words.guide.chapters.get(chapter.id)
        pauses = tuple(PausePoint(p.id, words.story(f"{p.id}.younger", p.younger),
                                  words.story(f"{p.id}.older", p.older), p.minutes, _where(words, story, p))
                       for p in pause_points(story, scenes))
        questions = tuple(Question(q.id, words.story(q.id, q.text),
                                   words.t(text.older.get(q.id)) if text else "")
                          for q in debrief_questions(story, scenes))
        decisions = tuple(Decision(c.id, words.story(f"{c.id}.label", c.label or ""),
                                   tuple(words.story(o.id, o.text) for o in c.options),
                                   words.t(text.notes.get(c.id)) if text else "")
                          for c in labelled_choices(story, scenes))
        pages.append(ChapterPage(
            chapter.id, number, words.story(f"{first.id}.title", first.title) if first else chapter.id,
            words.t(text.goal) if text else "", words.t(text.exit) if text else "",
            lesson_plan(words.guide, sum(p.minutes for p in pauses),
                        play_minutes(words_read(story, scene_entries(story, entries, scenes), chapter.intro)),
                        surveys_of(number - 1, len(content.chapters))), pauses, questions, decisions))
    return pages


# --- HTML -------------------------------------------------------------------------------------------------------------
def _e(text: str) -> str:
    return html.escape(text, quote=True)


CSS = """
:root { --ink: #1d2327; --soft: #5b6670; --accent: #1f5c70; --line: #c9d3d9; --tint: #f2f6f8; --warm: #fbf6ea; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font-family: FONTS;
       font-size: 17px; line-height: 1.5; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
/* Generous line height: Devanagari and Bengali vowel signs rise above the line box, and at a page break their tops
   would print at the foot of the page before. */
h1, h2, h3, h4 { line-height: 1.45; color: var(--accent); margin: 1.3em 0 0.4em; padding-top: 0.1em; }
h1 { font-size: 2em; margin-top: 0.5em; }
h2 { font-size: 1.55em; border-bottom: 2px solid var(--accent); padding-bottom: 0.2em; }
h3 { font-size: 1.2em; }
h4 { font-size: 1em; color: var(--ink); margin: 0 0 0.3em; }
p { margin: 0 0 0.7em; }
ul, ol { margin: 0 0 0.8em; padding-left: 1.4em; }
li { margin: 0.15em 0; }
.intro { font-size: 1.08em; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.goal { background: var(--warm); border-left: 5px solid #c99a2e; padding: 0.7em 1em; border-radius: 4px;
        font-size: 1.05em; margin: 0 0 0.8em; }
.goal p { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: 0 0 1em; break-inside: avoid; page-break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 0.45em 0.6em; border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid var(--accent); color: var(--accent); font-size: 0.92em; }
td.num, th.num { text-align: right; white-space: nowrap; width: 5.5em; }
td.part { font-weight: bold; width: 13em; }
tfoot td { font-weight: bold; border-top: 2px solid var(--accent); border-bottom: none; }
.box { border: 1px solid var(--line); border-radius: 6px; padding: 0.7em 0.9em; margin: 0 0 0.9em;
       break-inside: avoid; page-break-inside: avoid; }
.where { color: var(--soft); font-size: 0.92em; margin-bottom: 0.4em; }
.levels { display: grid; grid-template-columns: 1fr 1fr; gap: 0.8em; }
.level { background: var(--tint); border-radius: 4px; padding: 0.5em 0.7em; }
.level .tag, .qtable th { font-size: 0.8em; font-weight: bold; text-transform: uppercase; letter-spacing: 0.03em;
                          color: var(--soft); }
.level p { margin: 0.2em 0 0; }
.qtable td { width: 50%; }
.options { color: var(--ink); }
.note { border-top: 1px dashed var(--line); padding-top: 0.45em; margin: 0.3em 0 0; }
.exitq { font-size: 1.1em; font-weight: bold; border: 2px solid var(--accent); border-radius: 6px;
         padding: 0.7em 1em; break-inside: avoid; page-break-inside: avoid; }
.empty { color: var(--soft); font-style: italic; }
.help .number { font-weight: bold; font-size: 1.15em; white-space: nowrap; }
.help td { padding: 0.3em 0.5em 0.3em 0; }
.help ul { margin-bottom: 0.5em; }
.help td:first-child { width: 30%; }
@media (max-width: 40rem) { .levels { grid-template-columns: 1fr; } }
.checked { color: var(--soft); font-size: 0.92em; }
dl.ds { display: grid; grid-template-columns: max-content 1fr; gap: 0.3em 1em; margin: 0 0 1em; }
dl.ds dt { font-weight: bold; color: var(--accent); }
dl.ds dd { margin: 0; }
nav ul { list-style: none; padding-left: 0; }
nav li { margin: 0 0 0.4em; }
nav a { color: var(--accent); }
nav .goalline { display: block; color: var(--soft); font-size: 0.92em; }
@page { size: A4; margin: 16mm 15mm 16mm 15mm; }
@media print {
  body { font-size: 11pt; line-height: 1.42; }
  .intro { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 20pt; }
  h2 { font-size: 16pt; margin-top: 0; }
  h3 { font-size: 12.5pt; margin-top: 1.1em; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .chapter { break-before: page; page-break-before: always; }
  #page-disclosure { break-before: page; page-break-before: always; }  /* one page a teacher can pin up */
  p, li { orphans: 3; widows: 3; }
  nav a { color: var(--ink); text-decoration: none; }
  nav .goalline { display: none; }  /* each chapter's first page has its goal */
  .level, .goal { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _font_faces(root: Path, text: str) -> tuple[str, list[str]]:
    """@font-face rules (fonts as data: URLs) for the scripts the page uses, and their family names."""
    rules, families = [], []
    for first, last, family, regular, bold in SCRIPT_FONTS:
        if not any(first <= ord(ch) <= last for ch in text):
            continue
        for weight, name in (("normal", regular), ("bold", bold)):
            path = root / "assets" / "fonts" / name
            if not path.is_file():
                continue
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            rules.append(f"@font-face {{ font-family: '{family}'; font-weight: {weight}; font-style: normal; "
                         f"src: url(data:font/ttf;base64,{data}) format('truetype'); }}")
        families.append(f"'{family}'")
    return "\n".join(rules), families


def _plan(w: _Words, page: ChapterPage) -> str:
    rows = []
    for key in page.plan.minutes:
        part = w.guide.lesson[key]
        what = w.t(part.text)
        if key == "pauses" and not page.pauses:
            what = w.h("no_pauses")
        if key == "play" and page.plan.needed:
            what += " " + w.h("play_more", minutes=page.plan.needed)
        minutes = page.plan.minutes[key]
        rows.append(f"<tr data-part='{key}' data-minutes='{minutes}'><td class='part'>{_e(w.t(part.name))}</td>"
                    f"<td>{_e(what)}</td><td class='num'>{_e(w.h('min', minutes=minutes))}</td></tr>")
    return (f"<table class='plan'><thead><tr><th>{_e(w.h('part'))}</th><th>{_e(w.h('what'))}</th>"
            f"<th class='num'>{_e(w.h('minutes'))}</th></tr></thead><tbody>{''.join(rows)}</tbody>"
            f"<tfoot><tr><td colspan='2'>{_e(w.h('total'))}</td>"
            f"<td class='num' data-total='{page.plan.total}'>{_e(w.h('min', minutes=page.plan.total))}</td></tr>"
            f"</tfoot></table>")


def _levels(w: _Words, younger: str, older: str) -> str:
    return (f"<div class='levels'><div class='level'><span class='tag'>{_e(w.h('younger'))}</span>"
            f"<p>{_e(younger)}</p></div><div class='level'><span class='tag'>{_e(w.h('older'))}</span>"
            f"<p>{_e(older)}</p></div></div>")


def _pauses(w: _Words, page: ChapterPage) -> str:
    if not page.pauses:
        return f"<p class='empty'>{_e(w.h('no_pauses'))}</p>"
    out = []
    for i, p in enumerate(page.pauses, start=1):
        where = f"<p class='where'>{_e(p.where)}</p>" if p.where else ""
        out.append(f"<div class='box pause' id='{_e(p.id)}'><h4>{_e(w.h('pause', number=i, minutes=p.minutes))}</h4>"
                   f"{where}{_levels(w, p.younger, p.older)}</div>")
    return "".join(out)


def _questions(w: _Words, page: ChapterPage) -> str:
    if not page.questions:
        return f"<p class='empty'>{_e(w.h('no_debrief'))}</p>"
    rows = "".join(f"<tr id='{_e(q.id)}'><td>{_e(q.younger)}</td><td>{_e(q.older)}</td></tr>" for q in page.questions)
    return (f"<table class='qtable'><thead><tr><th>{_e(w.h('younger'))}</th><th>{_e(w.h('older'))}</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _decisions(w: _Words, page: ChapterPage) -> str:
    if not page.decisions:
        return f"<p class='empty'>{_e(w.h('no_choices'))}</p>"
    out = []
    for d in page.decisions:
        options = "".join(f"<li>{_e(o)}</li>" for o in d.options)
        note = f"<p class='note'>{_e(d.note)}</p>" if d.note else ""
        out.append(f"<div class='box choice' id='{_e(d.id)}'><h4>{_e(d.label)}</h4>"
                   f"<ul class='options'>{options}</ul>{note}</div>")
    return "".join(out)


def _help(w: _Words, card) -> str:
    people = "".join(f"<li>{_e(p)}</li>" for p in card.people)
    lines = "".join(f"<tr><td>{_e(x.name)}</td><td class='number'>{_e(x.number)}</td><td>{_e(x.note)}</td></tr>"
                    for x in card.lines)
    checked = w.h("checked", date=card.checked) if card.checked else w.h("unchecked")
    return (f"<div class='box help'><p><strong>{_e(card.title)}.</strong> {_e(card.intro)}</p>"
            f"<div class='keep'><h4>{_e(w.h('people'))}</h4><ul>{people}</ul></div>"
            f"<div class='keep'><h4>{_e(w.h('lines'))}</h4><table><tbody>{lines}</tbody></table></div>"
            f"<p class='checked'>{_e(checked)}</p></div>")


def _section(title: str, body: str, cls: str = "") -> str:
    """A heading kept on the same page as the start of what it heads: the first block goes in with it."""
    head, rest = _first_block(body)
    return f"<section class='{cls}'><div class='keep'><h3>{_e(title)}</h3>{head}</div>{rest}</section>"


def _first_block(body: str) -> tuple[str, str]:
    """Split off the first top-level element of a fragment we wrote (only div, p, table or ol/ul start one)."""
    m = re.match(r"<(div|p|table|ol|ul)\b", body)
    if not m:
        return "", body
    tag = m.group(1)
    depth, i = 0, 0
    for t in re.finditer(rf"<(/?){tag}\b[^>]*>", body):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            i = t.end()
            break
    return body[:i], body[i:]


def _chapter(w: _Words, page: ChapterPage, card) -> str:
    rules = "".join(f"<li>{_e(w.t(r))}</li>" for r in w.guide.ground_rules)
    heading = w.h("chapter", number=page.number, title=page.title)
    return (f"<section class='chapter' id='chapter-{_e(page.id)}'><h2>{_e(heading)}</h2>"
            f"<div class='keep'><h3>{_e(w.h('goal'))}</h3><div class='goal'><p>{_e(page.goal)}</p></div></div>"
            + _section(w.h("plan"), _plan(w, page))
            # In the order of the lesson (rules and help card, pauses, debrief, exit), then the notes to read before.
            + _section(w.h("ground_rules"), f"<ol>{rules}</ol>")
            + _section(w.h("help"), _help(w, card))
            + _section(w.h("pauses"), _pauses(w, page))
            + _section(w.h("debrief"), _questions(w, page))
            + _section(w.h("exit"), f"<p class='exitq'>{_e(page.exit)}</p>")
            + _section(w.h("choices"), _decisions(w, page))
            + "</section>")


def _front(w: _Words, pages: Sequence[ChapterPage]) -> str:
    g = w.guide
    toc = "".join(f"<li><a href='#chapter-{_e(p.id)}'>{_e(w.h('chapter', number=p.number, title=p.title))}</a>"
                  f"<span class='goalline'>{_e(p.goal)}</span></li>" for p in pages)
    parts = "".join(f"<dt>{_e(w.t(g.lesson[k].name))}</dt><dd>{_e(w.t(g.lesson[k].text))}</dd>" for k in g.lesson)
    ds = "".join(f"<dt>{_e(w.t(d.name))}</dt><dd>{_e(w.t(d.text))}</dd>" for d in g.five_ds)
    teacher = "".join(
        f"<section class='teacher-page' id='page-{_e(p.id)}'><div class='keep'><h2>{_e(w.t(p.title))}</h2>"
        f"<p>{_e(w.t(p.text))}</p></div>"
        + (f"<ul>{''.join(f'<li>{_e(w.t(x))}</li>' for x in p.points)}</ul>" if p.points else "") + "</section>"
        for p in g.pages)
    return (f"<header><h1>{_e(w.t(g.title))}</h1><p class='intro'>{_e(w.t(g.intro))}</p></header>"
            f"<nav><div class='keep'><h2>{_e(w.h('contents'))}</h2><ul>{toc}</ul></div></nav>"
            f"<section class='about'><div class='keep'><h2>{_e(w.h('about'))}</h2><dl class='ds'>{parts}</dl></div>"
            f"<div class='keep'><h3>{_e(w.h('five_ds'))}</h3><dl class='ds'>{ds}</dl></div></section>{teacher}")


def render_guide(content) -> str:
    """The whole guide as one HTML document in the content's language."""
    w = _Words(content)
    pages = chapter_pages(content)
    body = _front(w, pages) + "".join(_chapter(w, p, content.strings.help) for p in pages)
    faces, families = _font_faces(content.root, body)
    fonts = ", ".join([*families, "'Noto Sans'", "'Segoe UI'", "Arial", "'Helvetica Neue'", "sans-serif"])
    css = CSS.replace("FONTS", fonts)
    return (f"<!DOCTYPE html>\n<html lang='{_e(content.lang)}'>\n<head>\n<meta charset='utf-8'>\n"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
            f"<title>{_e(w.t(w.guide.title))}</title>\n<style>\n{faces}\n{css}</style>\n</head>\n"
            f"<body><main>{body}</main></body>\n</html>\n")


# --- the command ------------------------------------------------------------------------------------------------------
def run_guide(args, root: Path) -> int:
    from game.i18n.locale import valid_lang

    lang, output = args.lang, Path(args.output)
    if not valid_lang(lang):
        print(f"guide: error: '{lang}' is not a language code (like en, hi or hi-IN)", file=sys.stderr)
        return 2
    if output.is_dir() or not output.parent.exists():
        where = "it is a folder" if output.is_dir() else f"the folder '{output.parent}' does not exist"
        print(f"guide: error: cannot write '{output}': {where}", file=sys.stderr)
        return 2
    content, problems = _load(root, lang)
    if content is None:
        return 1
    # Only what concerns the guide: guide.yaml (and its translation) against the story; `check` reports the rest.
    # (load_content has checked it already, as warnings: a mistake in the guide never stops students playing.)
    from game.story.problems import sort_problems

    if content.guide is not None:  # and what the guide has nothing for yet (`check` leaves that to this command)
        problems += [p for p in check_guide_text(content.guide, content.story, content.chapters)
                     if p.message.endswith(GAPS)]
    for problem in sort_problems(p for p in problems if p.pos.path.endswith("/guide.yaml")):
        print(problem.format(), file=sys.stderr)
    if content.guide is None:
        missing = not (root / GUIDE_FILE).is_file()
        print(f"guide: error: there is no {GUIDE_FILE}: the guide's headings and notes come from it" if missing
              else f"guide: error: fix the mistakes in {GUIDE_FILE} above, then try again", file=sys.stderr)
        return 1
    try:
        output.write_text(render_guide(content), encoding="utf-8")
    except OSError as exc:
        print(f"guide: error: cannot write '{output}': {exc.strerror}", file=sys.stderr)
        return 2
    print(f"wrote {output} ({len(content.chapters)} chapters, language {content.lang})")
    return 0


def _load(root: Path, lang: str):
    """The content and its problems, or (None, problems) after printing every problem as `check` does."""
    from game.content import load_content_safely
    from game.story.problems import has_errors, sort_problems, summary

    content, problems, files = load_content_safely(root, lang)
    if content is None or has_errors(problems):
        problems = sort_problems(problems)
        for p in problems:
            print(p.format(), file=sys.stderr)
        print(summary(problems, files), file=sys.stderr)
        return None, problems
    return content, list(problems)


__all__ = ["run_guide", "render_guide", "chapter_pages", "ChapterPage"]
