#!/bin/sh
# Make a guest minidisk volume: a PlexVM volume whose PERM extent holds, in its file
# directory, what PlexVM IPLs a Linux guest from: `kernel`, `initrd` and `parmfile`
# (the kernel command line), plus a small text file `label` that the guest can read
# back (plx.readlabel) to prove it sees the disk.
#
#   tools/guest/mkguestdisk.sh [options] OUTPUT
#     --type raw|3390     raw image (QEMU virtio-blk, the default) or Hercules 3390 CKD
#     --volser VOLSER     volume serial (default GST001)
#     --name NAME         the extent's name, the guest's user id (default LINUX01)
#     --cyls N            extent size in cylinders (default: room for two copies
#                         of the files, so that they can be replaced in place)
#     --kernel FILE       default build/guest/vmlinuz
#     --initrd FILE       default build/guest/initramfs.cpio.gz
#     --parm TEXT         the kernel command line (default: see below)
#     --console DEV       console= for the default command line: ttysclp0 for raw
#                         (QEMU's VT220), ttyS0 for 3390 (SCLP line mode)
#     --label TEXT        contents of `label` (default "PLEXVM GUEST DISK VOLSER NAME")
#
# The default command line is "console=DEV plx.name=NAME plx.run=memtest:64:5:0:42".
# Every plexvol command is printed before it runs. The volume is 1 + N cylinders:
# cylinder 0 holds the label and the allocation map, the extent starts at cylinder 1.
set -eu

here=$(cd "$(dirname "$0")/../.." && pwd)
PLEXVOL=${PLEXVOL:-$here/build/plexvol}
type=raw
volser=GST001
name=LINUX01
cyls=""
kernel=$here/build/guest/vmlinuz
initrd=$here/build/guest/initramfs.cpio.gz
parm=""
console=""
label=""
output=""

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit "$1"; }
die() { echo "mkguestdisk: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
	case "$1" in
	--type|--volser|--name|--cyls|--kernel|--initrd|--parm|--console|--label)
		[ $# -ge 2 ] || { echo "mkguestdisk: $1 needs a value" >&2; exit 2; }
		opt=${1#--}; val=$2; shift 2
		case "$opt" in
		type) type=$val ;; volser) volser=$val ;; name) name=$val ;; cyls) cyls=$val ;;
		kernel) kernel=$val ;; initrd) initrd=$val ;; parm) parm=$val ;;
		console) console=$val ;; label) label=$val ;;
		esac ;;
	-h|--help) usage 0 ;;
	-*) echo "mkguestdisk: unknown option $1" >&2; exit 2 ;;
	*) [ -z "$output" ] || { echo "mkguestdisk: one OUTPUT only" >&2; exit 2; }
	   output=$1; shift ;;
	esac
done
[ -n "$output" ] || usage 2
case "$type" in
raw) : "${console:=ttysclp0}" ;;
3390) : "${console:=ttyS0}" ;;
*) echo "mkguestdisk: --type is raw or 3390, not $type" >&2; exit 2 ;;
esac
[ -x "$PLEXVOL" ] || die "no $PLEXVOL: run 'make tools' first"
for f in "$kernel" "$initrd"; do
	[ -s "$f" ] || die "no $f: run 'make guest' first"
done
: "${parm:=console=$console plx.name=$(echo "$name" | tr A-Z a-z) plx.run=memtest:64:5:0:42}"
: "${label:=PLEXVM GUEST DISK $(echo "$volser" | tr a-z A-Z) $(echo "$name" | tr a-z A-Z)}"

work=$(mktemp -d "${TMPDIR:-/tmp}/mkguestdisk.XXXXXX")
trap 'rm -rf "$work"' EXIT
printf '%s' "$parm" > "$work/parmfile"      # no newline: it is the command line
printf '%s\n' "$label" > "$work/label"

blocks() { echo $((($(stat -c %s "$1") + 4095) / 4096)); }
if [ -z "$cyls" ]; then
	# directory block + the files, twice over, in whole cylinders of 180 blocks
	need=$((1 + 2 * ($(blocks "$kernel") + $(blocks "$initrd") + 2)))
	cyls=$(((need + 179) / 180))
fi
case "$cyls" in ''|*[!0-9]*) die "--cyls wants a number, not $cyls" ;; esac

# run CMD...: print it (quoted as a shell would need it), then run it.
run() {
	line="+"
	for a in "$@"; do
		case "$a" in
		*[!A-Za-z0-9_./:=,+-]*|'') line="$line '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'" ;;
		*) line="$line $a" ;;
		esac
	done
	echo "$line"
	"$@"
}

run "$PLEXVOL" create "$output" --type "$type" --cyls $((cyls + 1)) --volser "$volser" \
	--extent "PERM:1:$cyls:$name" --force
run "$PLEXVOL" put "$output" --extent 1 kernel "$kernel" initrd "$initrd" \
	parmfile "$work/parmfile" label "$work/label"
run "$PLEXVOL" ls "$output" --extent 1
echo "mkguestdisk: $output: parmfile \"$parm\""
