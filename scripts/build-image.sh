#!/usr/bin/env bash
# Build the tool's own image, residency-audit:<version>, without a registry: a root filesystem made of
# this machine's Node binary and the libraries `ldd` names for it, the built package (dist/src, bin,
# templates, evidence, package.json) and its production node_modules, imported with `docker import`
# into the engine DOCKER_HOST names (default unix:///var/run/docker.sock). The same image as the
# Dockerfile builds for users with a registry: Node entrypoint, production dependencies only, no
# setuid/setgid files, no geoip-lite city data (the tool reads only its country files).
#
#   scripts/build-image.sh [--tag TAG] [--tar FILE] [--from-tar FILE] [--no-import]
#     --tag TAG        image name (default residency-audit:<package.json version>)
#     --tar FILE       also keep the root filesystem tar in FILE (to import into several engines)
#     --from-tar FILE  import FILE (from an earlier --tar) instead of building
#     --no-import      build the tar only (needs --tar)
set -euo pipefail
cd "$(dirname "$0")/.."
root_dir=$(pwd)
version=$(node -p 'require("./package.json").version')
tag="residency-audit:${version}"
tar_out=""
from_tar=""
do_import=1
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag="$2"; shift 2 ;;
    --tar) tar_out="$2"; shift 2 ;;
    --from-tar) from_tar="$2"; shift 2 ;;
    --no-import) do_import=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "build-image: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ "$do_import" = 0 ] && [ -z "$tar_out" ]; then echo "build-image: --no-import needs --tar FILE" >&2; exit 2; fi

import_tar() {
  # The same settings the Dockerfile gives: entrypoint, default command, environment.
  docker import \
    --change 'ENTRYPOINT ["/usr/local/bin/node", "/opt/residency-audit/bin/residency-audit"]' \
    --change 'CMD ["--help"]' \
    --change 'ENV NODE_ENV=production' \
    --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
    --change 'WORKDIR /' \
    --message "residency-audit ${version}, built by scripts/build-image.sh" \
    "$1" "$tag" >/dev/null
  echo "build-image: imported ${tag} into ${DOCKER_HOST:-unix:///var/run/docker.sock}"
}

if [ -n "$from_tar" ]; then
  [ -f "$from_tar" ] || { echo "build-image: no such tar: $from_tar" >&2; exit 2; }
  import_tar "$from_tar"
  exit 0
fi

node_bin=$(readlink -f "$(command -v node)")
[ -x "$node_bin" ] || { echo "build-image: node is not installed" >&2; exit 2; }
if [ ! -f dist/src/cli/main.js ]; then
  echo "build-image: building the package (npm run build)"
  npx tsc -p tsconfig.json
fi

work=$(mktemp -d /tmp/ra-image-XXXXXX)
trap 'rm -rf "$work"' EXIT
fs="$work/rootfs"
mkdir -p "$fs"/{usr/local/bin,etc,tmp,host,run,proc,sys,dev,var/run,opt/residency-audit}
chmod 1777 "$fs/tmp"

# Node and the shared libraries it loads (ldd prints "name => /path (addr)" or "/path (addr)").
cp "$node_bin" "$fs/usr/local/bin/node"
for lib in $(ldd "$node_bin" | awk '/=>/ { if ($3 ~ /^\//) print $3; next } $1 ~ /^\// { print $1 }'); do
  mkdir -p "$fs$(dirname "$lib")"
  cp -L "$lib" "$fs$lib"
done
# glibc resolves host names through NSS: files, then DNS.
printf 'hosts: files dns\n' > "$fs/etc/nsswitch.conf"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' > "$fs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$fs/etc/group"

# The package: what package.json "files" names, plus package.json itself.
app="$fs/opt/residency-audit"
cp package.json "$app/"
cp -r bin templates "$app/"
[ -d evidence ] && cp -r evidence "$app/"
mkdir -p "$app/dist"
cp -r dist/src "$app/dist/src"
find "$app/dist" -name '*.map' -delete
# Production dependencies only, as npm resolves them.
npm ls --omit=dev --all --parseable 2>/dev/null | tail -n +2 | while read -r dep; do
  rel=${dep#"$root_dir"/}
  [ -d "$app/$rel" ] && continue
  mkdir -p "$app/$(dirname "$rel")"
  cp -a "$dep" "$app/$rel"
done
[ -d "$app/node_modules/dockerode" ] || { echo "build-image: production node_modules missing (run npm ci)" >&2; exit 1; }
# geoip-lite's city files (146 MB) are never read: the tool reads geoip-country.dat/geoip-country6.dat directly.
rm -f "$app"/node_modules/geoip-lite/data/geoip-city*.dat
# Nothing in the image may gain privileges through a setuid or setgid file.
find "$fs" -xdev -type f -perm /6000 -exec chmod ug-s {} +
chmod -R go-w "$fs/opt" "$fs/usr" "$fs/etc"

tarball="$work/rootfs.tar"
tar --numeric-owner --owner=0 --group=0 -C "$fs" -cf "$tarball" .
echo "build-image: root filesystem $(du -h "$tarball" | cut -f1) ($(basename "$node_bin") $(node --version))"
if [ -n "$tar_out" ]; then cp "$tarball" "$tar_out"; echo "build-image: wrote $tar_out"; fi
[ "$do_import" = 1 ] && import_tar "$tarball"
exit 0
