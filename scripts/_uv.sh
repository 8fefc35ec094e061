# Sourced by scripts/start and scripts/test: find uv, installing it from PyPI if it is missing.
export UV_PYTHON_DOWNLOADS=never
# Installed packages get their bytecode compiled once, at install: otherwise every command
# compiles polars' Python afresh (where PYTHONDONTWRITEBYTECODE is set), which doubles the
# start-up of `fraudcase victims scan` and of each web process.
export UV_COMPILE_BYTECODE=1
if command -v uv >/dev/null 2>&1; then
  UV=(uv)
else
  if ! python3 -m uv --version >/dev/null 2>&1; then
    echo "Installing uv from PyPI..."
    python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet uv
  fi
  UV=(python3 -m uv)
fi
