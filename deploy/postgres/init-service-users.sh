#!/bin/sh
# Runs once, when the PostgreSQL volume is created: one login per service, each owning only its own schema
# (its tables land there through its search_path), and no one else may create tables in public.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v ingest_password="$INGEST_DB_PASSWORD" -v enrichment_password="$ENRICHMENT_DB_PASSWORD" <<'SQL'
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
CREATE ROLE ingest LOGIN PASSWORD :'ingest_password';
CREATE SCHEMA ingest AUTHORIZATION ingest;
ALTER ROLE ingest SET search_path = ingest;
CREATE ROLE enrichment LOGIN PASSWORD :'enrichment_password';
CREATE SCHEMA enrichment AUTHORIZATION enrichment;
ALTER ROLE enrichment SET search_path = enrichment;
SQL
