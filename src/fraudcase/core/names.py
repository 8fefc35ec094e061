"""How a person's name is compared to find the same person (victims, imports).

A repeat victim is "the same person (forename, surname and date of birth)" (DOMAIN.md), and an
NFRC number belongs to one victim (§5.1). Names are compared without case, spaces, hyphens,
apostrophes or full stops, which lists write differently for the same person ("Mary-Ann
O'Brien", "MARY ANN OBRIEN"); the project's decision (docs/rules.md). Spelling is not guessed:
"Ann" and "Anne" are different names.
"""

import re

NAME_IGNORED_CHARACTERS = (" ", "\t", "\u00a0", "'", "’", ".", "-")  # noqa: RUF001 - the typographic apostrophe
# The same characters as a regular expression class, for Python and polars alike ("-" last).
NAME_IGNORED = "[" + "".join(NAME_IGNORED_CHARACTERS) + "]"


def name_key(name: str) -> str:
    """A name as it is compared to find the same person."""
    return re.sub(NAME_IGNORED, "", name or "").lower()
