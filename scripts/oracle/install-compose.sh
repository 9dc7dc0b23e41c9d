#!/usr/bin/env bash
# Installs Docker Compose from Debian's packages (sid, as shared/oracle does for Docker 28.5) into
# /opt/stagecraft-compose, for scripts/record-compose.ts. Run once, as root; the test suite never
# needs it. Only the Compose CLI plugin is used: merging compose files needs no engine.
set -euo pipefail
root=${COMPOSE_ROOT:-/opt/stagecraft-compose}
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list)
[ -n "$mirror" ] || { echo "no Debian mirror configured in apt's sources" >&2; exit 1; }
lists=$(mktemp -d); src=$(mktemp); debs=$(mktemp -d)
trap 'rm -rf "$lists" "$src" "$debs"' EXIT
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main" > "$src"
opts=(-o "Dir::Etc::SourceList=$src" -o Dir::Etc::SourceParts=- -o "Dir::State::Lists=$lists" -o APT::Get::List-Cleanup=0)
apt-get "${opts[@]}" update -qq
(cd "$debs" && apt-get "${opts[@]}" download docker-compose >/dev/null 2>&1)
mkdir -p "$root"
for f in "$debs"/*.deb; do dpkg -x "$f" "$root"; done
echo "compose installed in $root ($("$root/usr/libexec/docker/cli-plugins/docker-compose" version))"
