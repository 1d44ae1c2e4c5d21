#!/bin/sh
# Run once by the postgres image when it initialises an empty data directory (compose mounts it
# into /docker-entrypoint-initdb.d): lets a streaming replica (compose profile "scale",
# docs/scaling.md) connect for replication with the database password.
set -eu
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
