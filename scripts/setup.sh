#!/usr/bin/env bash
# Installs what a fresh machine lacks for the tests: a Docker engine and busybox-static (the tests start
# a private dockerd and import a busybox image), fio (storage engine comparison), poppler-utils
# (pdftotext/pdftoppm for PDF tests), chromium (HTML pack tests), then the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
{ [ -x /bin/busybox ] || [ -x /usr/bin/busybox ]; } || missing+=(busybox-static)
command -v fio >/dev/null 2>&1 || missing+=(fio)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
npm ci --no-audit --no-fund
