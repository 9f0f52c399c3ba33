#!/bin/sh
# Install what building and testing PlexVM needs on Debian 12, when missing.
# Used by `make run`, `make check` and CI; quiet when everything is there.
set -eu

PACKAGES="make gcc python3 git gcc-s390x-linux-gnu binutils-s390x-linux-gnu qemu-system-misc
hercules libcriterion-dev clang libclang-rt-14-dev"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "Installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "ensure-deps: need root (or sudo) to install:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
