#!/usr/bin/env bash
# Create (or reuse) the interop venv at the repository top and install the pinned
# python-fido2 into it. Idempotent and non-interactive: CI runs it before `cargo test`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/../.." && pwd)"
venv="$top/.venv"
req="$here/requirements.txt"
python="${PYTHON:-python3}"

# A venv whose python cannot run pip is what a failed `python3 -m venv` leaves behind (on
# Debian without python3-venv, ensurepip is missing): start over rather than reuse it.
if [ -x "$venv/bin/python" ] && ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
    echo "setup_venv.sh: $venv is incomplete (no pip); recreating it" >&2
    rm -rf "$venv"
fi
if [ ! -x "$venv/bin/python" ]; then
    if ! "$python" -m venv "$venv"; then
        rm -rf "$venv"
        echo "setup_venv.sh: '$python -m venv' failed; on Debian/Ubuntu install python3-venv (apt-get install python3-venv)" >&2
        exit 1
    fi
fi

# Skip pip (and the network) when the pinned requirements are already installed;
# the stamp records which requirements file content was installed.
stamp="$venv/.fidoctl-requirements"
if [ ! -f "$stamp" ] || ! cmp -s "$req" "$stamp"; then
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install --quiet --no-input -r "$req"
    cp "$req" "$stamp"
fi

echo "$venv/bin/python"
