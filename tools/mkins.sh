#!/bin/sh
# Make the list-directed IPL set for Hercules' `ipl` command and an LPAR's
# "load from removable media or server": plexvm.ins names plexvm.psw (the
# 8-byte ESA/390 IPL PSW, loaded at 0) and plexvm.bin (the image at 0x10000).
# Usage: mkins.sh build/plexvm.elf OUTDIR
set -eu
elf=$1
out=$2
objcopy=${CROSS:-s390x-linux-gnu-}objcopy
$objcopy -O binary "$elf" "$out/plexvm.bin"
# ESA/390 PSW: 31-bit addressing, instruction address 0x10000.
printf '\000\010\000\000\200\001\000\000' > "$out/plexvm.psw"
cat > "$out/plexvm.ins" <<INS
* PlexVM list-directed IPL: the IPL PSW, then the image
plexvm.psw 0x00000000
plexvm.bin 0x00010000
INS
