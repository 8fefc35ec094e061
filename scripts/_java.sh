# Sourced by scripts/start and scripts/test: Java for `fraudcase link --engine spark` (Spark runs
# in a JVM; docs/admin-guide.md "Linking on Spark"). Installs Debian's headless runtime when no
# `java` is found and this runs as root; otherwise says what is missing.
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Java for linking on Spark (Debian package default-jre-headless)..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      default-jre-headless) >/dev/null
  else
    echo "No java found: install a Java 17 or later runtime (Debian: default-jre-headless)" \
      "for 'fraudcase link --engine spark' and its tests." >&2
  fi
fi
