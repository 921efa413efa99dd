# Sourced by the deploy scripts: wait_for_api blocks until the Prefect API at $PREFECT_API_URL
# answers its health check, or stops the script with one clear line. A server just started by
# deploy/server.sh takes tens of seconds to answer on a busy 2-core machine.
# COURTDOC_API_WAIT_SECONDS sets how long to wait (default 180).
wait_for_api() {
  local limit="${COURTDOC_API_WAIT_SECONDS:-180}" waited=0 python=python3
  if [[ -x .venv/bin/python ]]; then python=.venv/bin/python; fi
  until "$python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1].rstrip("/") + "/health", timeout=5)' \
      "$PREFECT_API_URL" 2>/dev/null; do
    if ((waited >= limit)); then
      echo "$(basename "$0"): the Prefect API at $PREFECT_API_URL did not answer within ${limit} s;" \
        "start it with deploy/server.sh (or set COURTDOC_API_WAIT_SECONDS to wait longer)" >&2
      exit 1
    fi
    if ((waited == 0)); then echo "$(basename "$0"): waiting for the Prefect API at $PREFECT_API_URL" >&2; fi
    sleep 2
    waited=$((waited + 2))
  done
}
