#!/usr/bin/env bash
# Fails when a file of the repository (outside .git) refers to the folder beside the clone
# (the parent folder's "shared", with either path separator), which a user who clones the project does not have.
# The name is spelled in pieces below so that this file does not refer to the folder itself.
# Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
name='sha''red'
pattern="\\.\\.[/\\\\]+$name"
hits=$(grep -rIlE --exclude-dir=.git --exclude-dir=bin --exclude-dir=obj --exclude-dir=out \
    --exclude=check-standalone.sh -e "$pattern" . || true)
if [ -n "$hits" ]; then
    echo "These files refer to ../$name, which a clone of the repository does not have:" >&2
    echo "$hits" >&2
    exit 1
fi
echo "standalone: no file refers to a folder beside the clone"
