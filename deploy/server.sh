#!/usr/bin/env bash
# Start a Prefect server for courtdoc.
#   deploy/server.sh                     SQLite under $PREFECT_HOME (~/.prefect): one machine
#   PREFECT_SERVER_DATABASE_CONNECTION_URL=postgresql+asyncpg://prefect:SECRET@db-host:5432/prefect \
#     deploy/server.sh                   PostgreSQL: production, several workers
# Listens on $COURTDOC_SERVER_HOST:$COURTDOC_SERVER_PORT (default 127.0.0.1:4200); the UI is at
# http://HOST:PORT and the API at http://HOST:PORT/api. Set COURTDOC_SERVER_HOST=0.0.0.0 to serve
# other machines, and PREFECT_SERVER_UI_API_URL=http://<public name>:4200/api so browsers find the API.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -x .venv/bin/prefect ]]; then PATH="$PWD/.venv/bin:$PATH"; fi

host="${COURTDOC_SERVER_HOST:-127.0.0.1}"
port="${COURTDOC_SERVER_PORT:-4200}"
export PREFECT_SERVER_ANALYTICS_ENABLED="${PREFECT_SERVER_ANALYTICS_ENABLED:-false}"

if [[ -n "${PREFECT_SERVER_DATABASE_CONNECTION_URL:-}" ]]; then
  echo "server: database ${PREFECT_SERVER_DATABASE_CONNECTION_URL%%://*}://…" >&2
else
  echo "server: SQLite database in ${PREFECT_HOME:-$HOME/.prefect}" >&2
fi
exec prefect server start --host "$host" --port "$port"
