"""Static files cached forever once collected (docs/admin-guide.md "Serving in production").

After `fraudcase collectstatic`, each file is stored under a name carrying a hash of its content,
with a gzip copy beside it, and pages link those names: WhiteNoise serves them with a
ten-year, immutable Cache-Control (a changed file gets a new name). Until collectstatic has run
(development, tests, `scripts/start`), and for any file the last collectstatic did not see,
pages link the plain name, which WhiteNoise finds where the file is (node_modules, the apps) and
serves for a minute: a forgotten collectstatic makes pages slower to load, never broken.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class CollectedStaticFiles(CompressedManifestStaticFilesStorage):
    def stored_name(self, name: str) -> str:
        """The hashed name collectstatic gave `name`, or `name` itself if it gave none."""
        if not self.hashed_files:
            return name
        try:
            return str(super().stored_name(name))
        except ValueError:  # a file added since the last collectstatic
            return name
