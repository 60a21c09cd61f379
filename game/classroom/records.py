"""A statement read back from a results file, as the few facts the report and the teacher view need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.classroom import xapi


@dataclass(frozen=True, slots=True)
class Record:
    student: str        # actor.account.name: the anonymous id of one play-through
    registration: str   # the class session
    verb: str           # initialized | progressed | completed | selected | answered
    kind: str           # what the object is: game, chapter, choice, pause, survey
    ident: str          # its id: a chapter id, a choice id (home.meera_menu.talk), a survey item id …
    response: str       # result.response ("" when none): an option's full id, a Likert value
    chapter: str        # the chapter the student was in
    phase: str          # "pre" / "post" on survey answers, else ""
    replay: bool        # a choice made again after "What if?"
    progress: str       # on progressed: "chapter", "pause", "released"; on completed: "chapter" or "game"
    timestamp: str
    language: str


def parse(statement: dict[str, Any]) -> Record | None:
    """None for anything that is not a statement this game writes (a store's export may hold others)."""
    try:
        verb = xapi.VERB_BY_ID.get(statement["verb"]["id"])
        kind, ident = xapi.activity_id(statement["object"]["id"])
        account = statement["actor"]["account"]
        context = statement.get("context") or {}
        ext = context.get("extensions") or {}
        result = statement.get("result") or {}
        rext = result.get("extensions") or {}
        if verb is None or not kind:
            return None
        return Record(str(account["name"]), str(context.get("registration", "")), verb, kind, ident,
                      str(result.get("response", "")), str(ext.get(xapi.EXT_CHAPTER, "")),
                      str(ext.get(xapi.EXT_PHASE, "")), bool(ext.get(xapi.EXT_REPLAY, False)),
                      str(ext.get(xapi.EXT_KIND, rext.get(xapi.EXT_KIND, ""))), str(statement.get("timestamp", "")),
                      str(ext.get(xapi.EXT_LANGUAGE, "")))
    except (KeyError, TypeError, AttributeError):
        return None
