#!/usr/bin/env bash
# Register (or update) the deployments in prefect.yaml: the scheduled `courtdoc-ingest/inbox`
# and the manual `courtdoc-clean/manual`.
#   PREFECT_API_URL=http://127.0.0.1:4200/api COURTDOC_INBOX=/data/inbox COURTDOC_OUT=/data/out deploy/deploy.sh
# COURTDOC_INBOX and COURTDOC_OUT are paths as the worker sees them. COURTDOC_HOME is where the
# worker finds this checkout (default: here; /opt/courtdoc for the container image).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -x .venv/bin/prefect ]]; then PATH="$PWD/.venv/bin:$PATH"; fi

: "${PREFECT_API_URL:?set PREFECT_API_URL, e.g. http://127.0.0.1:4200/api}"
: "${COURTDOC_INBOX:?set COURTDOC_INBOX to the inbox folder as the worker sees it}"
: "${COURTDOC_OUT:?set COURTDOC_OUT to the output folder as the worker sees it}"
export COURTDOC_HOME="${COURTDOC_HOME:-$PWD}"

source deploy/wait-for-api.sh
wait_for_api

prefect work-pool inspect courtdoc >/dev/null 2>&1 || prefect work-pool create courtdoc --type process
exec prefect --no-prompt deploy --all
