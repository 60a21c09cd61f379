"""xAPI 1.0.3 statements, one per line of a student's results file, and a checker for the rules a learning record
store enforces.

A statement never carries a name or an email: the actor is an anonymous *account* whose ``name`` is a random id made
for one play-through and whose ``homePage`` is the class session's IRI. Object ids are stable IRIs built from content
ids (scene, node, choice, option, survey item), so statements from many classes and many languages line up.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Mapping

from game import __version__

# The IRIs are identifiers, not web pages: the game never contacts them. ``.example`` is reserved, so no real site
# is ever implied; a district that forwards the files to its own store may map the prefix.
BASE = "https://small-acts.example/"
ACTIVITY = BASE + "activity/"
EXTENSION = BASE + "extension/"

VERBS: Mapping[str, str] = {
    "initialized": "http://adlnet.gov/expapi/verbs/initialized",
    "progressed": "http://adlnet.gov/expapi/verbs/progressed",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "selected": "http://id.tincanapi.com/verb/selected",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
}
VERB_BY_ID = {iri: name for name, iri in VERBS.items()}

# Context extensions on every statement.
EXT_GAME_VERSION = EXTENSION + "game-version"
EXT_CONTENT_VERSION = EXTENSION + "content-version"
EXT_LANGUAGE = EXTENSION + "language"
EXT_CHAPTER = EXTENSION + "chapter"      # the chapter the student is in ("" before the first)
# On some statements only.
EXT_PHASE = EXTENSION + "survey-phase"   # "pre" or "post", on answered
EXT_REPLAY = EXTENSION + "replay"        # true on a choice made again after "What if?" went back
EXT_KIND = EXTENSION + "kind"            # what a progressed statement marks: "chapter", "pause", "released"
EXT_ENDING = EXTENSION + "ending"         # on completed (chapter): the ending reached
EXT_CODE = EXTENSION + "class-code"      # on initialized: the join code, so a store's report names the class

# What each kind of activity is, for a store's dashboard (ADL and Activity Streams vocabularies where one fits).
TYPES: Mapping[str, str] = {
    "game": "http://activitystrea.ms/schema/1.0/game",
    "chapter": "http://adlnet.gov/expapi/activities/module",
    "choice": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "pause": BASE + "activity-type/pause-point",
    "survey": "http://adlnet.gov/expapi/activities/cmi.interaction",
}
INTERACTIONS = ("true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert",
                "numeric", "other")


def session_iri(registration: str) -> str:
    return f"{BASE}class/{registration}"


def activity_iri(kind: str, ident: str = "") -> str:
    """``activity_iri("choice", "home.meera_menu.talk")`` → https://small-acts.example/activity/choice/home.meera…"""
    return ACTIVITY + kind + (f"/{ident}" if ident else "")


def activity_id(iri: str) -> tuple[str, str]:
    """The inverse of :func:`activity_iri`: (kind, id), or ("", "") for an IRI that is not ours."""
    if not iri.startswith(ACTIVITY):
        return "", ""
    kind, _, ident = iri[len(ACTIVITY):].partition("/")
    return kind, ident


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did it, with no personal data: a random id for one play-through, in one class session."""
    anon: str
    registration: str  # the class session's UUID
    language: str
    content_version: str

    def statement(self, verb: str, kind: str, ident: str = "", *, chapter: str = "",
                  result: Mapping[str, Any] | None = None, name: str = "",
                  extra: Mapping[str, Any] | None = None, timestamp: str | None = None,
                  definition: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """One statement. ``kind``/``ident`` name the object (``choice``, ``home.meera_menu.talk``); ``definition``
        its name (and, for a decision or a survey question, its interaction) from game.classroom.activities."""
        obj: dict[str, Any] = {"objectType": "Activity", "id": activity_iri(kind, ident),
                               "definition": {"type": TYPES.get(kind, TYPES["game"]),
                                              "name": {_rfc5646(self.language): name or ident or kind},
                                              **(definition or {})}}
        extensions = {EXT_GAME_VERSION: __version__, EXT_CONTENT_VERSION: self.content_version,
                      EXT_LANGUAGE: self.language, **({EXT_CHAPTER: chapter} if chapter else {}), **(extra or {})}
        # A store refuses or shows as blank an extension with no value: none is written.
        extensions = {k: v for k, v in extensions.items() if v not in ("", None, [], {})}
        statement: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "actor": {"objectType": "Agent",
                      "account": {"homePage": session_iri(self.registration), "name": self.anon}},
            "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
            "object": obj,
            "context": {"registration": self.registration, "language": _rfc5646(self.language),
                        "platform": "Small Acts", "extensions": extensions},
            "timestamp": timestamp or now_iso(),
        }
        if result:
            statement["result"] = dict(result)
        return statement


def _rfc5646(lang: str) -> str:
    return lang if _LANG_TAG.match(lang) else "und"


# --- the rules of xAPI 1.0.3 that a learning record store checks -----------------------------------------------------
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
_IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_LANG_TAG = re.compile(r"^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$")
_STATEMENT_KEYS = {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority",
                   "version", "attachments"}
_RESULT_KEYS = {"score", "success", "completion", "response", "duration", "extensions"}
_CONTEXT_KEYS = {"registration", "instructor", "team", "contextActivities", "revision", "platform", "language",
                 "statement", "extensions"}


def validate(statement: object) -> list[str]:
    """What is wrong with a statement under xAPI 1.0.3 (required properties, types, formats); [] when it is valid.

    It covers what this game writes (Agent actors with an account, Activity objects, result, context) and refuses
    anything else rather than half-checking it."""
    errors: list[str] = []

    def need(cond: bool, message: str) -> bool:
        if not cond:
            errors.append(message)
        return cond

    if not need(isinstance(statement, dict), "a statement is a JSON object"):
        return errors
    s: dict = statement  # type: ignore[assignment]
    unknown = set(s) - _STATEMENT_KEYS
    need(not unknown, f"unknown statement properties: {sorted(unknown)}")
    if "id" in s:
        need(isinstance(s["id"], str) and bool(_UUID.match(s["id"])), "id must be a UUID (RFC 4122 variant)")
    _actor(s.get("actor"), need)
    verb = s.get("verb")
    if need(isinstance(verb, dict), "verb is required and is an object"):
        need(isinstance(verb.get("id"), str) and bool(_IRI.match(verb["id"])), "verb.id must be an IRI")
        if "display" in verb:
            _language_map(verb["display"], "verb.display", need)
    obj = s.get("object")
    if need(isinstance(obj, dict), "object is required and is an object"):
        need(obj.get("objectType", "Activity") == "Activity", "object.objectType must be Activity")
        need(isinstance(obj.get("id"), str) and bool(_IRI.match(obj["id"])), "object.id must be an IRI")
        definition = obj.get("definition")
        if definition is not None and need(isinstance(definition, dict), "object.definition is an object"):
            for key in ("name", "description"):
                if key in definition:
                    _language_map(definition[key], f"object.definition.{key}", need)
            if "type" in definition:
                need(isinstance(definition["type"], str) and bool(_IRI.match(definition["type"])),
                     "object.definition.type must be an IRI")
            _interaction(definition, need)
    if "result" in s:
        result = s["result"]
        if need(isinstance(result, dict), "result is an object"):
            need(not (set(result) - _RESULT_KEYS), f"unknown result properties: {sorted(set(result) - _RESULT_KEYS)}")
            if "response" in result:
                need(isinstance(result["response"], str), "result.response is a string")
            for key in ("success", "completion"):
                if key in result:
                    need(isinstance(result[key], bool), f"result.{key} is true or false")
            if "extensions" in result:
                _extensions(result["extensions"], "result.extensions", need)
    if "context" in s:
        context = s["context"]
        if need(isinstance(context, dict), "context is an object"):
            need(not (set(context) - _CONTEXT_KEYS), f"unknown context properties: {sorted(set(context) - _CONTEXT_KEYS)}")
            if "registration" in context:
                need(isinstance(context["registration"], str) and bool(_UUID.match(context["registration"])),
                     "context.registration must be a UUID")
            if "language" in context:
                need(isinstance(context["language"], str) and bool(_LANG_TAG.match(context["language"])),
                     "context.language must be an RFC 5646 tag")
            if "platform" in context:
                need(isinstance(context["platform"], str), "context.platform is a string")
            if "extensions" in context:
                _extensions(context["extensions"], "context.extensions", need)
    if "timestamp" in s:
        need(isinstance(s["timestamp"], str) and bool(_ISO.match(s["timestamp"])), "timestamp must be ISO 8601")
    return errors


def _actor(actor: object, need) -> None:
    if not need(isinstance(actor, dict), "actor is required and is an object"):
        return
    assert isinstance(actor, dict)
    need(actor.get("objectType", "Agent") == "Agent", "actor.objectType must be Agent")
    ifis = [k for k in ("mbox", "mbox_sha1sum", "openid", "account") if k in actor]
    need(len(ifis) == 1, "an Agent has exactly one identifier (mbox, mbox_sha1sum, openid or account)")
    need("mbox" not in actor and "name" not in actor, "no names or emails: the actor must be an anonymous account")
    account = actor.get("account")
    if need(isinstance(account, dict), "actor.account is an object"):
        assert isinstance(account, dict)
        need(isinstance(account.get("homePage"), str) and bool(_IRI.match(account["homePage"])),
             "actor.account.homePage must be an IRL")
        need(isinstance(account.get("name"), str) and bool(account["name"]), "actor.account.name is a non-empty string")
        need(set(account) <= {"homePage", "name"}, "actor.account has only homePage and name")


def _language_map(value: object, where: str, need) -> None:
    if need(isinstance(value, dict) and bool(value), f"{where} is a language map"):
        assert isinstance(value, dict)
        for tag, text in value.items():
            need(bool(_LANG_TAG.match(str(tag))) and isinstance(text, str), f"{where}: '{tag}' is not a language tag "
                 "with a string")


def _extensions(value: object, where: str, need) -> None:
    if need(isinstance(value, dict), f"{where} is an object"):
        assert isinstance(value, dict)
        for key, item in value.items():
            need(isinstance(key, str) and bool(_IRI.match(key)), f"{where}: the key '{key}' must be an IRI")
            need(item not in ("", None, [], {}), f"{where}: '{key}' has an empty value")


def _interaction(definition: dict, need) -> None:
    """An interaction activity (xAPI 1.0.3 §2.4.4.1.1.1): its type, and the components its type allows."""
    kind = definition.get("interactionType")
    components = [k for k in ("choices", "scale", "source", "target", "steps") if k in definition]
    if kind is None:
        need(not components, "interaction components need an interactionType")
        return
    need(definition.get("type") == TYPES["choice"], "an interaction's type must be cmi.interaction")
    if not need(kind in INTERACTIONS, f"interactionType '{kind}' is not an xAPI interaction type"):
        return
    allowed = {"choice": {"choices"}, "sequencing": {"choices"}, "likert": {"scale"}, "matching": {"source", "target"},
               "performance": {"steps"}}.get(kind, set())
    need(set(components) <= allowed, f"a {kind} interaction cannot have {sorted(set(components) - allowed)}")
    for key in components:
        items = definition[key]
        if need(isinstance(items, list) and bool(items), f"object.definition.{key} is a non-empty list"):
            ids = [c.get("id") if isinstance(c, dict) else None for c in items]
            need(all(isinstance(i, str) and i for i in ids) and len(set(ids)) == len(ids),
                 f"object.definition.{key}: every component has its own id")
            for c in items:
                if isinstance(c, dict) and "description" in c:
                    _language_map(c["description"], f"object.definition.{key}.description", need)
