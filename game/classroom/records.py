"""A statement read back from a results file, as the few facts the report and the teacher view need."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from game.classroom import valid, xapi

KINDS = ("game", "chapter", "choice", "pause", "survey")
# The extensions read from every statement, as names here: a district's report reads millions of statements.
_CHAPTER, _PHASE, _REPLAY, _KIND, _LANGUAGE = (xapi.EXT_CHAPTER, xapi.EXT_PHASE, xapi.EXT_REPLAY, xapi.EXT_KIND,
                                               xapi.EXT_LANGUAGE)
PROGRESS = ("", "chapter", "pause", "released")


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
    """None for anything that is not a statement this game writes (a store's export may hold others), and for any
    field outside its limits (game.classroom.valid): an over-long or strange id never reaches a screen or a path."""
    values = fields(statement)
    return Record(*values) if values is not None else None


Fields = tuple[str, str, str, str, str, str, str, str, bool, str, str, str]


def fields(statement: dict[str, Any]) -> Fields | None:
    """What parse checks and gives, as a plain tuple in the order of Record's fields. The report reads every
    statement of a district and keeps none: making a Record of each would cost it a tenth of its time."""
    try:
        verb = xapi.VERB_BY_ID.get(statement["verb"]["id"])
        activity = _activity(statement["object"]["id"])
        account = statement["actor"]["account"]
        context = statement.get("context") or {}
        ext = context.get("extensions") or {}
        result = statement.get("result") or {}
        rext = result.get("extensions") or {}
        if verb is None or activity is None or not isinstance(ext, dict) or not isinstance(rext, dict):
            return None
        kind, ident = activity
        student, registration = account["name"], context.get("registration", "")
        response, chapter = result.get("response", ""), ext.get(_CHAPTER, "")
        phase, replay = ext.get(_PHASE, ""), ext.get(_REPLAY, False)
        progress = ext.get(_KIND, rext.get(_KIND, ""))
        timestamp, language = statement.get("timestamp", ""), ext.get(_LANGUAGE, "")
        if not (_actor(student, registration) and _rest_ok(kind, ident, response, chapter, phase, replay, progress,
                                                           language)
                and (timestamp == "" or valid.is_stamp(timestamp))):
            return None  # (an unhashable value, a list or an object, fails in a cache as TypeError: None too)
        return (student, registration, verb, kind, ident, response, chapter, phase, replay, progress, timestamp,
                language)
    except (KeyError, TypeError, AttributeError):
        return None


# A lesson names the same few hundred activities and one student per file over and over: each is checked once.
@lru_cache(maxsize=8192)
def _activity(iri: str) -> tuple[str, str] | None:
    """(kind, id) of one of our activities with a valid id, else None."""
    kind, ident = xapi.activity_id(iri)
    return (kind, ident) if kind in KINDS and (ident == "" or valid.is_id(ident)) else None


@lru_cache(maxsize=4096)
def _actor(student: str, registration: str) -> bool:
    return valid.is_anon(student) and (registration == "" or valid.is_uuid(registration))


# What a statement says besides who and when takes a few thousand forms in a district (decisions × options, items ×
# values, chapters, phases, languages): each is checked once. typed: a replay of 1 is not the replay True.
@lru_cache(maxsize=16384, typed=True)
def _rest_ok(kind: str, ident: str, response: object, chapter: object, phase: object, replay: object,
             progress: object, language: object) -> bool:
    return ((chapter == "" or valid.is_id(chapter)) and phase in ("", "pre", "post") and isinstance(replay, bool)
            and progress in PROGRESS and (language == "" or valid.is_lang(language)) and isinstance(response, str)
            and _response_ok(kind, ident, response))


def _response_ok(kind: str, ident: str, response: str) -> bool:
    if kind == "choice":
        return response == "" or (valid.is_id(response) and response.startswith(ident + "."))
    if kind == "survey":
        return response.isascii() and response.isdigit() and len(response) <= 2
    return response == ""
