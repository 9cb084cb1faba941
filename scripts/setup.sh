#!/usr/bin/env bash
# Installs what a fresh machine lacks for the tests: a Docker engine and busybox-static (the tests start
# a private dockerd and import a busybox image), fio (storage engine comparison), poppler-utils
# (pdftotext/pdftoppm for PDF tests), chromium (HTML pack tests), iptables/nftables/iproute2 (network
# collector and namespace rig), openssh-server (fleet ssh test), then the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

# Node itself is not installed here: Debian's nodejs is too old (the project needs >= 20.19).
if ! command -v node >/dev/null 2>&1 || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "setup: Node.js >= 20.19 is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
# The test image needs a static busybox: a dynamically linked one cannot run inside it.
dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
command -v fio >/dev/null 2>&1 || missing+=(fio)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# The network collector reads the packet filter and interfaces; the namespace rig builds netns, veth and bridges.
command -v iptables-save >/dev/null 2>&1 || missing+=(iptables)
command -v nft >/dev/null 2>&1 || missing+=(nftables)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
# The fleet inventory test pins an ssh host key against an sshd it starts on 127.0.0.1.
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
npm ci --no-audit --no-fund
