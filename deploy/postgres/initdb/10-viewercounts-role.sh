#!/bin/sh
# Runs once, when the postgres container starts on an empty data directory (the official image
# runs /docker-entrypoint-initdb.d/*). Creates the role the apps connect as, which
#  - owns the database, so the poller's Flyway migrations create the tables as this role and the
#    capture may create its publication on them;
#  - has REPLICATION, so the capture may stream changes from its logical replication slot;
#  - is not a superuser.
set -eu

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=role="$VIEWERCOUNTS_DB_USER" \
  --set=password="$VIEWERCOUNTS_DB_PASSWORD" \
  --set=database="$POSTGRES_DB" <<'SQL'
CREATE ROLE :"role" WITH LOGIN REPLICATION PASSWORD :'password';
-- Since PostgreSQL 15 the public schema belongs to the database's owner.
ALTER DATABASE :"database" OWNER TO :"role";
SQL
