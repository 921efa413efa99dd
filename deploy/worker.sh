#!/usr/bin/env bash
# Start a process worker that runs courtdoc's deployments from this checkout.
#   PREFECT_API_URL=http://server-host:4200/api deploy/worker.sh
# Creates the `courtdoc` process work pool if it is missing. Documents are read in local
# worker processes (COURTDOC_WORKERS, default: CPU count), or on a Dask cluster when
# COURTDOC_DASK_ADDRESS=tcp://scheduler:8786 is set here. Waits for the API to answer.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -x .venv/bin/prefect ]]; then PATH="$PWD/.venv/bin:$PATH"; fi

export COURTDOC_HOME="${COURTDOC_HOME:-$PWD}"  # prefect.yaml's pull step changes into it
: "${PREFECT_API_URL:?set PREFECT_API_URL, e.g. http://127.0.0.1:4200/api}"

source deploy/wait-for-api.sh
wait_for_api

exec prefect worker start --pool courtdoc --type process --name "courtdoc-$(hostname)" "$@"
