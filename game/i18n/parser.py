"""The `i18n` subcommand's arguments, kept apart from the commands so that starting the game does not import them."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    i18n = sub.add_parser(
        "i18n", help="translation tools: new language, status, PO export and import",
        description="Tools for translators (docs/translating.md). Exit 0 on success, 1 when problems are found, "
                    "2 on misuse.")
    cmds = i18n.add_subparsers(dest="i18n_command", metavar="ACTION", required=True)
    new = cmds.add_parser("new", help="write the translation files of a new language",
                          description="Write dialogue/LANG/<file>.yaml for every English file, each line with its "
                                      "English source and an empty text. Files that exist are left untouched.")
    new.add_argument("lang", metavar="LANG", help="language code: hi, or a regional variant like hi-IN")
    new.add_argument("--name", default=None, help="the language's name, for the files' header (default: LANG)")
    status = cmds.add_parser("status", help="translated / missing / stale / orphaned, per language and file",
                             description="Count, for every language folder under dialogue/ and every file, the "
                                         "strings translated, missing, stale (the English changed) and orphaned (no "
                                         "longer in the English). Exit 0, or 1 with --strict unless every language "
                                         "is 100 % translated with nothing stale.")
    status.add_argument("--json", action="store_true", help="print the numbers as JSON")
    status.add_argument("--strict", action="store_true", help="exit 1 unless every language is complete")
    export = cmds.add_parser("export", help="write one language as a gettext PO file",
                             description="Write LANG as a PO file for Poedit or a translation platform: msgctxt is "
                                         "the id, msgid the English, msgstr the translation; stale ones are fuzzy "
                                         "with the English they were made from as '#| msgid'. LANG 'en' writes the "
                                         "template (.pot) a new translation starts from.")
    export.add_argument("lang", metavar="LANG")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.po|FILE.pot")
    imp = cmds.add_parser("import", help="read a PO file back into the translation files",
                          description="Write the translations of a PO file into dialogue/LANG/ (LANG from the "
                                      "file's Language header). Fuzzy entries are kept as needing work and not shown to "
                                      "players. Unknown ids, ids given twice, {placeholder} mismatches and texts over "
                                      "the length limits are reported at the PO line and not imported; exit 1 then.")
    imp.add_argument("file", type=Path, metavar="FILE.po")
    imp.add_argument("--lang", default=None, help="the language, when the file has no Language header")
