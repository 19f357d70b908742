#!/usr/bin/env bash
# Install what the site's browser test needs: Debian's Chromium and Playwright for Python.
#   tools/install_browser.sh [PYTHON]     (default .venv/bin/python)
# Playwright's own browser download is not used (it is not reachable from every network):
# the test points Playwright at /usr/bin/chromium. Needs root (or sudo) only when Chromium is missing.
set -euo pipefail
PYTHON="${1:-.venv/bin/python}"
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  echo "[browser] installing Debian's chromium (apt-get) ..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
/usr/bin/chromium --version
"$PYTHON" -m pip install --quiet -r requirements-site.txt -c requirements.txt
