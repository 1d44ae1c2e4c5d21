# Sourced by backup.sh and restore.sh: DATABASE_URL as a libpq connection URI.
# django-environ accepts postgres://, postgresql://, pgsql:// and psql://; libpq wants postgresql://.
pg_url() {
  local url="${DATABASE_URL:-}"
  case "$url" in
    postgres://* | postgresql://* | pgsql://* | psql://*)
      printf 'postgresql://%s\n' "${url#*://}"
      ;;
    "")
      echo "DATABASE_URL is not set: point it at the PostgreSQL database (postgres://user:pass@host:5432/name)." >&2
      return 2
      ;;
    *)
      echo "DATABASE_URL is not a PostgreSQL URL (${url%%://*}://...): backup and restore need PostgreSQL." >&2
      return 2
      ;;
  esac
}
