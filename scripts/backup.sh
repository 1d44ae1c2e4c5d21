#!/usr/bin/env bash
# Back up the PostgreSQL database at DATABASE_URL: `make backup` (docs/operations.md).
#
# Writes BACKUP_DIR/repair-<UTC time>.dump (pg_dump custom format: compressed, restorable table
# by table) and a .sha256 beside it, then prints the dump's path. BACKUP_FILE names the file
# instead. The dump is written under a temporary name and renamed when complete, so a file
# with the final name is never a partial dump.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/_pg_url.sh
. "$here/_pg_url.sh"

url="$(pg_url)"
dir="${BACKUP_DIR:-backups}"
file="${BACKUP_FILE:-$dir/repair-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$file")"
partial="$file.partial"
trap 'rm -f "$partial"' EXIT

# No owner or grants: the dump restores into a database owned by any role.
"${PG_DUMP:-pg_dump}" --format=custom --no-owner --no-acl --file="$partial" --dbname="$url"
mv "$partial" "$file"
(cd "$(dirname "$file")" && sha256sum "$(basename "$file")" > "$(basename "$file").sha256")
echo "$file"
