#!/usr/bin/env bash
# Restore a dump made by backup.sh into the PostgreSQL database at DATABASE_URL:
# `make restore BACKUP=backups/repair-....dump` (docs/operations.md).
#
# Replaces every table the dump holds. It runs in one transaction: if anything fails, the
# database is left as it was. It asks before overwriting unless given --yes (or YES=1 to make).
# The checksum written beside the dump is verified first when it is there.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/_pg_url.sh
. "$here/_pg_url.sh"

yes=""
file=""
for arg in "$@"; do
  case "$arg" in
    --yes) yes=1 ;;
    *) file="$arg" ;;
  esac
done
if [ -z "$file" ]; then
  echo "usage: $0 [--yes] BACKUP_FILE   (make restore BACKUP=path/to/file.dump)" >&2
  exit 2
fi
if [ ! -f "$file" ]; then
  echo "no such backup: $file" >&2
  exit 2
fi
url="$(pg_url)"

if [ -f "$file.sha256" ]; then
  (cd "$(dirname "$file")" && sha256sum --check --quiet "$(basename "$file").sha256")
  echo "checksum ok: $file"
fi

if [ -z "$yes" ]; then
  target="${url##*@}"
  read -r -p "Replace the contents of ${target%%\?*} with $file? Type 'restore' to go on: " answer
  if [ "$answer" != "restore" ]; then
    echo "restore cancelled" >&2
    exit 1
  fi
fi

"${PG_RESTORE:-pg_restore}" --clean --if-exists --no-owner --no-acl \
  --single-transaction --exit-on-error --dbname="$url" "$file"
echo "restored $file"
