"""Import profiles: another file's headings mapped onto the default columns, without code."""

from fraudcase.core.errors import FileRejected, Problem
from fraudcase.core.tables import DEFAULT_PROFILE, Profile

from .models import ImportKind, ImportProfile


def load_profile(name: str, kind: str = ImportKind.NFIB_PACKAGE) -> Profile:
    if name == "default":
        return DEFAULT_PROFILE
    stored = ImportProfile.objects.filter(name=name, kind=kind).first()
    if stored is None:
        known = ", ".join(ImportProfile.objects.filter(kind=kind).values_list("name", flat=True))
        raise FileRejected(
            [Problem(0, "profile", f"No import profile '{name}'. Known: default {known}".strip())],
            profile=name,
        )
    return Profile(stored.name, stored.column_map, stored.date_format, stored.victim_type_map)
