#!/bin/sh
# /init of PlexVM's Linux test guest (busybox ash). Built into the initramfs by
# tools/guest/mkinitramfs.py; its kernel command line options (plx.*) are described
# in tools/guest/README.md. Every line meant for a test starts with "PLXGUEST ".
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
export HOME=/root TERM=${TERM:-vt100}
umask 022

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts 2>/dev/null
mount -t tmpfs tmpfs /tmp 2>/dev/null

# ---- the command line: plx.* options --------------------------------------------------
name=plxguest
modules=""
run=""
ip=""
ifname=""
readlabel=""
after=shell
wait_dev=10
for opt in $(cat /proc/cmdline); do
	case "$opt" in
	plx.name=*) name=${opt#*=} ;;
	plx.modules=*) modules="$modules ${opt#*=}" ;;
	plx.run=*) run="$run ${opt#*=}" ;;
	plx.ip=*) ip=${opt#*=} ;;
	plx.if=*) ifname=${opt#*=} ;;
	plx.readlabel=*) readlabel=${opt#*=} ;;
	plx.after=*) after=${opt#*=} ;;
	plx.wait=*) wait_dev=${opt#*=} ;;
	esac
done
hostname "$name"
echo "PLXGUEST READY $name"

# Every busybox applet as a symlink (the initramfs holds only the common ones).
/bin/busybox --install -s 2>/dev/null
echo 1 > /proc/sys/kernel/sysrq 2>/dev/null

# ---- modules: /lib/modules/NAME.ko, dependencies listed in /lib/modules/deps ------------
loaded() { grep -q "^$1 " /proc/modules 2>/dev/null; }
load_module() {
	local m d out
	m=$(echo "$1" | tr - _)
	loaded "$m" && return 0
	if [ ! -f "/lib/modules/$m.ko" ]; then
		echo "PLXGUEST MODULE $m FAIL not in the initramfs"
		return 1
	fi
	for d in $(sed -n "s/^$m://p" /lib/modules/deps 2>/dev/null); do
		load_module "$d" || return 1
	done
	if out=$(insmod "/lib/modules/$m.ko" 2>&1); then
		echo "PLXGUEST MODULE $m ok"
	else
		echo "PLXGUEST MODULE $m FAIL $out"
		return 1
	fi
}
for m in $(echo "$modules" | tr , ' '); do
	load_module "$m"
done

# wait_for TEST SECONDS: poll a shell test every 0.1 s.
wait_for() {
	i=0
	while ! eval "$1"; do
		[ $i -ge $(($2 * 10)) ] && return 1
		sleep 0.1
		i=$((i + 1))
	done
}

# ---- plx.readlabel: the volume label (and a file named "label") at the start of a disk ----
# One 4096-byte block of DEV as decimal numbers, for awk: blk DEV BLOCK
blk() { dd if="$1" bs=4096 skip="$2" count=1 2>/dev/null | od -An -v -tu1; }
# Functions shared by the awk programs below: b[] holds the block's bytes.
AWK_LIB='
BEGIN {
	p = " !\"#$%&'"'"'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
	for (i = 0; i < 256; i++) e[i] = "."
	e[64] = " "; e[75] = "."; e[91] = "$"; e[123] = "#"; e[124] = "@"; e[96] = "-"; e[109] = "_"
	for (i = 0; i < 9; i++) {
		e[193 + i] = substr("ABCDEFGHI", i + 1, 1); e[209 + i] = substr("JKLMNOPQR", i + 1, 1)
		e[129 + i] = substr("abcdefghi", i + 1, 1); e[145 + i] = substr("jklmnopqr", i + 1, 1)
	}
	for (i = 0; i < 8; i++) { e[226 + i] = substr("STUVWXYZ", i + 1, 1); e[162 + i] = substr("stuvwxyz", i + 1, 1) }
	for (i = 0; i < 10; i++) e[240 + i] = i ""
}
{ for (i = 1; i <= NF; i++) b[n++] = $i + 0 }
function be(off, len,   v, i) { v = 0; for (i = 0; i < len; i++) v = v * 256 + b[off + i]; return v }
function asc(off, len,   s, i, c) {
	s = ""
	for (i = 0; i < len; i++) { c = b[off + i]; if (c == 0) break; s = s ((c >= 32 && c < 127) ? substr(p, c - 31, 1) : ".") }
	return s
}
function line(off, len,   s, i, c) {
	s = ""
	for (i = 0; i < len; i++) { c = b[off + i]; if (c < 32 || c >= 127) break; s = s substr(p, c - 31, 1) }
	return s
}
function ebc(off, len,   s, i) { s = ""; for (i = 0; i < len; i++) s = s e[b[off + i]]; return s }
function trim(s) { sub(/ +$/, "", s); return s }
'
# The label file in the file directory at block DIR: prints "START LENGTH" or nothing.
fdir_label() {
	blk "$1" "$2" | awk "$AWK_LIB"'
	END {
		if (asc(0, 8) != "PLXFDIR1") exit
		cnt = be(16, 4); if (cnt > 63) cnt = 63
		for (k = 0; k < cnt; k++) {
			o = 32 + 64 * k
			if (asc(o, 32) == "label") { print be(o + 32, 4), be(o + 36, 8); exit }
		}
	}'
}
# Print the label file found by fdir_label for the directory at block DIR.
show_label_file() {
	set -- "$1" "$2" $(fdir_label "$1" "$2")
	[ $# -eq 4 ] || return 1
	text=$(dd if="$1" bs=4096 skip=$(($2 + $3)) count=$((($4 + 4095) / 4096)) 2>/dev/null |
		head -c "$4" | awk '{ gsub(/[^ -~]/, ""); print; exit }')
	echo "PLXGUEST LABELFILE $text"
}
read_label() {
	dev=$1
	case "$dev" in /*) ;; *) dev=/dev/$dev ;; esac
	if [ ! -b "$dev" ] && ! loaded virtio_blk && [ -f /lib/modules/virtio_blk.ko ]; then
		load_module virtio_blk
	fi
	if ! wait_for "[ -b $dev ]" "$wait_dev"; then
		echo "PLXGUEST LABEL NONE no device $dev"
		return
	fi
	kind=$(blk "$dev" 0 | awk "$AWK_LIB"'
	END {
		if (n < 80) print "EMPTY"
		else if (b[0] == 229 && b[1] == 214 && b[2] == 211 && b[3] == 241)
			print "VOL1 " trim(ebc(4, 6)) " " trim(ebc(41, 14))
		else if (asc(0, 8) == "PLXFDIR1") print "FDIR"
		else if (line(0, 80) != "") print "TEXT " line(0, 80)
		else print "EMPTY"
	}')
	case "$kind" in
	VOL1*)
		echo "PLXGUEST LABEL $kind"
		# The allocation map (block 12): the file directories of PERM and DRCT extents.
		for cyl in $(blk "$dev" 12 | awk "$AWK_LIB"'
			END {
				if (asc(0, 8) != "PLXVMAP1") exit
				cnt = be(40, 2); if (cnt > 167) cnt = 167
				for (k = 0; k < cnt; k++) { o = 72 + 24 * k; if (b[o] == 1 || b[o] == 6) print be(o + 4, 4) }
			}'); do
			show_label_file "$dev" $((cyl * 180)) && break
		done ;;
	FDIR)
		# A minidisk (the extent alone, its file directory in block 0): the label
		# file is its label.
		if line=$(show_label_file "$dev" 0); then
			echo "PLXGUEST LABEL ${line#PLXGUEST LABELFILE }"
			echo "$line"
		else
			echo "PLXGUEST LABEL NONE no label file on $dev"
		fi ;;
	"TEXT "?*)
		echo "PLXGUEST LABEL ${kind#TEXT }" ;;
	*)
		echo "PLXGUEST LABEL NONE nothing readable on $dev" ;;
	esac
}
[ -n "$readlabel" ] && read_label "$readlabel"

# ---- plx.ip: ADDR/PREFIX[,GATEWAY] on plx.if or the first network interface ------------
netif() {
	for d in /sys/class/net/*; do
		n=${d##*/}
		[ "$n" = lo ] || { echo "$n"; return 0; }
	done
	return 1
}
ip link set lo up 2>/dev/null
if [ -n "$ip" ]; then
	if [ -z "$ifname" ] && ! netif >/dev/null && ! loaded virtio_net; then
		load_module virtio_net
	fi
	if [ -n "$ifname" ]; then
		wait_for "[ -e /sys/class/net/$ifname ]" "$wait_dev"
	else
		wait_for "netif >/dev/null" "$wait_dev" && ifname=$(netif)
	fi
	addr=${ip%%,*}
	gw=""
	[ "$addr" != "$ip" ] && gw=${ip#*,}
	if [ -z "$ifname" ] || [ ! -e "/sys/class/net/$ifname" ]; then
		echo "PLXGUEST IP FAIL no network interface"
	elif out=$(ip addr add "$addr" dev "$ifname" 2>&1 && ip link set "$ifname" up 2>&1 &&
		{ [ -z "$gw" ] || ip route add default via "$gw" 2>&1; }); then
		echo "PLXGUEST IP $ifname $addr${gw:+ via $gw} ok"
	else
		echo "PLXGUEST IP $ifname $addr FAIL $out"
	fi
fi

# ---- plx.run: programs run one after another, in the background ----------------------
# PROG:ARG:ARG... with memtest (/bin/memtest) and cpuloop:N (memtest --cpu-loop N) known
# by name; any other PROG is looked up in PATH.
run_one() {
	prog=${1%%:*}
	args=""
	[ "$prog" != "$1" ] && args=$(echo "${1#*:}" | tr : ' ')
	case "$prog" in
	cpuloop) prog=memtest; args="--cpu-loop $args" ;;
	esac
	echo "PLXGUEST RUN $prog $args"
	# shellcheck disable=SC2086
	"$prog" $args
	echo "PLXGUEST EXIT $prog rc=$?"
}
# The pause lets the console send its last lines before the machine stops.
finish() {
	case "$after" in
	poweroff) echo "PLXGUEST POWEROFF"; sync; sleep 2; poweroff -f ;;
	halt) echo "PLXGUEST HALT"; sync; sleep 2; halt -f ;;
	reboot) echo "PLXGUEST REBOOT"; sync; sleep 2; reboot -f ;;
	esac
}
if [ -n "$run" ]; then
	(
		for r in $run; do run_one "$r"; done
		finish
	) &
elif [ "$after" != shell ]; then
	finish
fi

# ---- a shell on the console, for commands sent to the guest's console --------------------
export PS1="$name# "
echo "PLXGUEST SHELL"
# With a device node for the console's tty (ttysclp0), the shell gets it as its
# controlling terminal (job control, ^C); the SCLP line-mode console is called ttyS0
# but its node is sclp_line0, so there the shell just reads /dev/console.
while :; do
	con=$(sed 's/.* //' /sys/class/tty/console/active 2>/dev/null)
	if [ -n "$con" ] && [ -c "/dev/$con" ] && command -v cttyhack >/dev/null; then
		setsid cttyhack sh
	else
		sh
	fi
	sleep 1
done
