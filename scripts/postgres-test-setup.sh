#!/usr/bin/env bash
# Gives the storage tests a PostgreSQL to run against: Debian's postgresql package, the default
# cluster started with pg_ctlcluster (CI has no systemd), and a test role and database.
# Idempotent; run as root. The role may create databases so a suite can make fresh ones.
# Tests find it at jdbc:postgresql://localhost:5432/valise_test?user=valise&password=valise
# (override with VALISE_TEST_POSTGRES_URL).
set -euo pipefail

if ! command -v pg_lsclusters >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "postgres-test-setup: install the Debian package postgresql first (or run as root)" >&2
    exit 1
  fi
  echo "postgres-test-setup: installing postgresql..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

# The newest installed cluster; Debian creates "main" when it installs the server package.
read -r version cluster _ < <(pg_lsclusters --no-header | sort -k1,1n | tail -1)
if [ -z "${version:-}" ]; then
  echo "postgres-test-setup: no PostgreSQL cluster found (pg_createcluster creates one)" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ] && ! pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -q online; then
  pg_ctlcluster "$version" "$cluster" start
fi

if [ "$(id -u)" -ne 0 ]; then
  # Starting clusters and creating roles needs root (su postgres); a developer without it who
  # already has the cluster up gets on with the tests, which say clearly if the role is missing.
  echo "postgres-test-setup: not root; assuming PostgreSQL $version/$cluster is up with role valise" >&2
  exit 0
fi

psql_admin() { (cd / && su postgres -c "psql -v ON_ERROR_STOP=1 -qAt $*"); }

if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = 'valise'\"")" != 1 ]; then
  psql_admin "-c \"CREATE ROLE valise LOGIN CREATEDB PASSWORD 'valise'\""
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = 'valise_test'\"")" != 1 ]; then
  psql_admin "-c \"CREATE DATABASE valise_test OWNER valise\""
fi
echo "postgres-test-setup: PostgreSQL $version/$cluster is up with role valise and database valise_test" >&2
