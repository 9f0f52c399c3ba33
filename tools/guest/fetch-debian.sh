#!/bin/sh
# Fetch the Linux guest payload from Debian 12's own s390x packages, once.
#
#   tools/guest/fetch-debian.sh [--refresh] [--quiet]
#
# Downloads linux-image-6.1.0-<abi>-s390x (the ABI that Debian's linux-image-s390x
# metapackage currently depends on) and busybox-static for s390x with apt
# (multiarch: dpkg --add-architecture s390x), unpacks them with dpkg-deb -x under
# build/guest/debian/ and leaves:
#   build/guest/vmlinuz          the kernel image file from the package's /boot
#   build/guest/busybox          the static busybox binary
#   build/guest/modules          -> the kernel's modules directory (/lib/modules/<release>)
#   build/guest/kernel.release   the release string, e.g. 6.1.0-50-s390x
# It also installs the host packages the guest build needs (the s390x cross
# compiler and its C library for tools/guest/memtest.c).
#
# Needs root or sudo for apt-get install/update and dpkg --add-architecture. Once
# the files are there a second run does nothing and prints nothing (it works
# offline); --refresh looks up the current kernel ABI again and fetches it if it
# changed. Set GUEST_KERNEL_ABI=47 (for example) to pin an ABI (with --refresh when
# another one was fetched before).
set -eu

here=$(cd "$(dirname "$0")/../.." && pwd)
out="$here/build/guest"
cache="$out/debian"
refresh=0
for a in "$@"; do
	case "$a" in
	--refresh) refresh=1 ;;
	--quiet) ;;          # quiet is the default; kept for scripts that pass it
	-h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "fetch-debian: unknown option $a" >&2; exit 2 ;;
	esac
done

say() { echo "fetch-debian: $*"; }
die() { echo "fetch-debian: error: $*" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	SUDO="none"
fi
as_root() {
	[ "$SUDO" = none ] && die "need root (or sudo) to run: $*"
	$SUDO "$@"
}

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# apt-get update, failing loudly (and clearly) when the archive cannot be reached.
apt_update() {
	say "apt-get update"
	if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq --error-on=any \
		> "$cache/apt-update.log" 2>&1; then
		sed 's/^/    /' "$cache/apt-update.log" >&2
		die "apt-get update failed: cannot reach Debian's package archive (no network?).
    The guest payload comes from Debian's s390x packages; a first run needs the archive."
	fi
}

# ---- 1. Host packages the guest build needs ------------------------------------------
mkdir -p "$cache"
need=""
for p in gcc-s390x-linux-gnu libc6-dev-s390x-cross python3; do
	installed "$p" || need="$need $p"
done
updated=0
if [ -n "$need" ]; then
	apt_update; updated=1
	say "installing$need"
	# shellcheck disable=SC2086
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		$need > "$cache/apt-install.log" 2>&1 ||
		{ sed 's/^/    /' "$cache/apt-install.log" >&2; die "apt-get install$need failed"; }
fi

# ---- 2. Already fetched? ---------------------------------------------------------------
stamp="$cache/stamp"
outputs_ok() {
	[ -f "$stamp" ] && [ -s "$out/vmlinuz" ] && [ -x "$out/busybox" ] &&
		[ -f "$out/kernel.release" ] && [ -d "$out/modules/kernel" ]
}
if [ $refresh = 0 ] && outputs_ok; then
	exit 0
fi

# ---- 3. Multiarch and the package lists ----------------------------------------------
if ! dpkg --print-foreign-architectures | grep -qx s390x; then
	say "dpkg --add-architecture s390x"
	as_root dpkg --add-architecture s390x
	[ $updated = 1 ] && updated=0      # the lists now lack s390x: update again
fi

# The kernel package for the current ABI: what linux-image-s390x depends on; failing
# that, the highest linux-image-6.1.0-N-s390x that apt-cache lists.
pick_kernel() {
	if [ -n "${GUEST_KERNEL_ABI:-}" ]; then
		echo "linux-image-6.1.0-${GUEST_KERNEL_ABI}-s390x"
		return
	fi
	k=$(apt-cache depends linux-image-s390x:s390x 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-6\.1\.0-[0-9]*-s390x\)\(:s390x\)\{0,1\}$/\1/p' | head -1)
	if [ -z "$k" ]; then
		k=$(apt-cache search --names-only 'linux-image-6.1.0-.*-s390x$' 2>/dev/null |
			awk '{print $1}' | grep -E '^linux-image-6\.1\.0-[0-9]+-s390x$' | sort -V | tail -1)
	fi
	echo "$k"
}
kpkg=$(pick_kernel)
if [ -z "$kpkg" ] || ! apt-cache show "$kpkg:s390x" >/dev/null 2>&1 ||
	! apt-cache show busybox-static:s390x >/dev/null 2>&1; then
	[ $updated = 1 ] || { apt_update; updated=1; }
	kpkg=$(pick_kernel)
fi
[ -n "$kpkg" ] || die "no linux-image-6.1.0-*-s390x package in apt's lists (is this Debian 12 with s390x added?)"
apt-cache show "$kpkg:s390x" >/dev/null 2>&1 || die "apt knows no package $kpkg:s390x"
kver=$(apt-cache policy "$kpkg:s390x" | sed -n 's/^ *Candidate: //p')
bver=$(apt-cache policy busybox-static:s390x | sed -n 's/^ *Candidate: //p')
want="$kpkg $kver busybox-static $bver"
if outputs_ok && [ "$(cat "$stamp")" = "$want" ]; then
	exit 0
fi

# ---- 4. Download and unpack ------------------------------------------------------------
# apt-get download as root cannot drop to _apt in a root-owned directory: say so.
dl_opts=""
[ "$(id -u)" -eq 0 ] && dl_opts="-o APT::Sandbox::User=root"
rm -rf "$cache/dl" "$cache/root"
mkdir -p "$cache/dl" "$cache/root"
say "downloading $kpkg ($kver) and busybox-static ($bver) for s390x"
fetched=0
for attempt in 1 2; do
	# shellcheck disable=SC2086
	if (cd "$cache/dl" && apt-get download -q $dl_opts "$kpkg:s390x=$kver" \
		"busybox-static:s390x=$bver") > "$cache/apt-download.log" 2>&1; then
		fetched=1; break
	fi
	[ $attempt = 1 ] && [ $updated = 0 ] || break
	# Stale lists (the archive moved on): update once and retry.
	apt_update; updated=1
	kpkg=$(pick_kernel)
	kver=$(apt-cache policy "$kpkg:s390x" | sed -n 's/^ *Candidate: //p')
	bver=$(apt-cache policy busybox-static:s390x | sed -n 's/^ *Candidate: //p')
	want="$kpkg $kver busybox-static $bver"
done
if [ $fetched = 0 ]; then
	sed 's/^/    /' "$cache/apt-download.log" >&2
	die "apt-get download failed: cannot reach Debian's package archive (no network?)"
fi
for deb in "$cache"/dl/*.deb; do
	dpkg-deb -x "$deb" "$cache/root"
done

release=${kpkg#linux-image-}
vmlinuz="$cache/root/boot/vmlinuz-$release"
[ -s "$vmlinuz" ] || die "$kpkg has no /boot/vmlinuz-$release"
[ -d "$cache/root/lib/modules/$release/kernel" ] || die "$kpkg has no /lib/modules/$release"
[ -x "$cache/root/bin/busybox" ] || die "busybox-static has no /bin/busybox"

cp "$vmlinuz" "$out/vmlinuz.tmp" && mv "$out/vmlinuz.tmp" "$out/vmlinuz"
cp "$cache/root/bin/busybox" "$out/busybox.tmp" && mv "$out/busybox.tmp" "$out/busybox"
rm -rf "$out/modules"
ln -s "debian/root/lib/modules/$release" "$out/modules"
echo "$release" > "$out/kernel.release"
echo "$want" > "$stamp"
say "kernel $release ($kver): build/guest/vmlinuz, modules in build/guest/modules/; busybox $bver"
