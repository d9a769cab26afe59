#!/usr/bin/env bash
# Create (or reuse) the interop venv at the repository top and install the pinned
# python-fido2 into it. Idempotent and non-interactive: CI runs it before `cargo test`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/../.." && pwd)"
venv="$top/.venv"
req="$here/requirements.txt"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi

# Skip pip (and the network) when the pinned requirements are already installed;
# the stamp records which requirements file content was installed.
stamp="$venv/.fidoctl-requirements"
if [ ! -f "$stamp" ] || ! cmp -s "$req" "$stamp"; then
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install --quiet --no-input -r "$req"
    cp "$req" "$stamp"
fi

echo "$venv/bin/python"
