#!/bin/sh
# Boot one test guest on bare QEMU (TCG) with its SCLP line-mode console on stdout.
#   tests/guests/run-qemu.sh [-s CPUS] [-m MIB] [-t SECONDS] [-a "COMMAND LINE"] NAME|FILE.elf [QEMU ARGS...]
# NAME is a program in build/tguest/ (hostile, cpuloop, diagloop, smp). Extra arguments go to
# QEMU (e.g. -device virtio-rng-ccw for hostile's channel-program check).
# Exit status: QEMU's. 0 = the guest stopped at disabled wait 0xfff (success); 1 = another
# disabled wait (a failed check, a crash or no console: see README.md); 124 = timeout.
set -u
cpus=1 mem=128 secs=10 append=""
while getopts s:m:t:a: opt; do
	case $opt in
	s) cpus=$OPTARG ;;
	m) mem=$OPTARG ;;
	t) secs=$OPTARG ;;
	a) append=$OPTARG ;;
	*) sed -n '2,8s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { sed -n '2,8s/^# \{0,1\}//p' "$0" >&2; exit 2; }
elf=$1
shift
case $elf in
*.elf) ;;
*) elf=$(dirname "$0")/../../build/tguest/$elf.elf ;;
esac
[ -f "$elf" ] || { echo "run-qemu.sh: $elf not found (make test-guests-build)" >&2; exit 2; }

timeout -k 2 "$secs" qemu-system-s390x -M s390-ccw-virtio -nodefaults -display none -no-reboot \
	-action panic=exit-failure -smp "$cpus" -m "$mem" \
	-chardev stdio,id=con,signal=off -device sclplmconsole,chardev=con \
	-kernel "$elf" -append "$append" "$@" </dev/null
rc=$?
# The line-mode console writes the newline before each line: end the last one.
echo
exit $rc
