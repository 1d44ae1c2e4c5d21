#!/bin/sh
# First start of the database container (docker-entrypoint-initdb.d): create the application's
# role next to the owner (POSTGRES_USER, who runs the migrations). deploy/postgres/app-role.sql.
set -eu
psql --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v app_user="${REPAIR_DB_APP_USER:-repair_app}" \
    -v app_password="${REPAIR_DB_APP_PASSWORD:?set REPAIR_DB_APP_PASSWORD}" \
    -f /etc/repair/app-role.sql
