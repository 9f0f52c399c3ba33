#!/bin/bash
# Integration test of build/plexvol (run by `make test-tools`): 3390 CKD and raw
# volumes, files in and out byte for byte, `info`, Hercules' own utilities and
# Hercules itself reading and writing the records, dasdinit volumes, and the
# error exits for bad input and damaged images.
#   tests/tools/test_plexvol.sh [--keep]     (--keep leaves the work directory)
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
P="$here/build/plexvol"
work=$(mktemp -d /tmp/plexvol-test.XXXXXX)
keep=0
[ "${1:-}" = "--keep" ] && keep=1
cleanup() { [ $keep = 1 ] && echo "work directory: $work" || rm -rf "$work"; }
trap cleanup EXIT
cd "$work" || exit 1
export SOURCE_DATE_EPOCH=1767225600   # 2026-01-01 00:00:00 UTC: reproducible maps

passed=0
failed=0
skipped=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
skip() { skipped=$((skipped + 1)); echo "SKIP: $*"; }

# run NAME CMD...: must succeed; output in out.txt / err.txt
run() {
	local name=$1; shift
	if "$@" > out.txt 2> err.txt; then ok; else
		bad "$name: exit $? from: $*"; sed 's/^/    /' err.txt >&2; fi
}
# fails NAME STATUS PATTERN CMD...: must exit STATUS with PATTERN (grep -E) on stderr
fails() {
	local name=$1 want=$2 pat=$3 rc; shift 3
	"$@" > out.txt 2> err.txt; rc=$?
	if [ $rc -ne "$want" ]; then
		bad "$name: exit $rc, expected $want: $*"; sed 's/^/    /' err.txt >&2
	elif ! grep -Eq -- "$pat" err.txt; then
		bad "$name: stderr lacks /$pat/:"; sed 's/^/    /' err.txt >&2
	else ok; fi
}
# has NAME PATTERN FILE: FILE matches PATTERN (grep -E)
has() {
	if grep -Eq -- "$2" "$3"; then ok; else bad "$1: /$2/ not in $3:"; sed 's/^/    /' "$3" >&2; fi
}
same() { if cmp -s "$2" "$3"; then ok; else bad "$1: $2 and $3 differ"; fi; }
size_is() {
	local s; s=$(stat -c %s "$2")
	if [ "$s" = "$3" ]; then ok; else bad "$1: $2 is $s bytes, expected $3"; fi
}

[ -x "$P" ] || { echo "test_plexvol: build $P first (make tools)" >&2; exit 1; }

# ---- inputs: binary, multi-megabyte, text, empty --------------------------------------
head -c 5000000 /dev/urandom > kernel.bin
head -c 3145728 /dev/urandom > initrd.bin        # exactly 768 blocks
head -c 1000001 /dev/urandom > kernel2.bin
printf 'root=/dev/vda console=ttyS0' > parm.txt
: > empty.bin

# ---- usage ----------------------------------------------------------------------------
run help "$P" --help
has help "^Usage: plexvol COMMAND" out.txt
has help "put FILE --extent START\[:COUNT\] NAME INPUT" out.txt
fails no-command 2 "no command" "$P"
fails unknown-command 2 "unknown command 'frobnicate'" "$P" frobnicate x
fails unknown-option 2 "unknown option --bogus" "$P" info x --bogus

# ---- create: 3390 and raw, same metadata ------------------------------------------------
EXT="--extent PERM:1:25:LINUX01 --extent page:26:2 --extent PDR:28:1:PDR"
run create-3390 "$P" create v.3390 --type 3390 --cyls 30 --volser plx001 \
	--owner plexssi.nosys $EXT
has create-3390 "v.3390: 3390 volume PLX001, 30 cylinders, 3 extents" out.txt
size_is create-3390 v.3390 $((512 + 30 * 15 * 56832))
run create-raw "$P" create v.raw --type raw --cyls 30 --volser PLX001 \
	--owner PLEXSSI.NOSYS $EXT
size_is create-raw v.raw $((30 * 180 * 4096))
# The CKD header: CKD_P370, 15 heads and 56832 (little-endian), device type 0x90.
head -c 20 v.3390 | od -An -tx1 -w20 | tr -s ' ' > hdr.txt
has ckd-header " 43 4b 44 5f 50 33 37 30 0f 00 00 00 00 de 00 00 90 00 00 00" hdr.txt
# The raw label: EBCDIC VOL1 PLX001 at byte 0.
head -c 10 v.raw | od -An -tx1 | tr -s ' ' > lab.txt
has raw-label " e5 d6 d3 f1 d7 d3 e7 f0 f0 f1" lab.txt

for v in v.3390 v.raw; do
	run "info $v" "$P" info $v
	has "info $v" "^Volume +PLX001" out.txt
	has "info $v" "^Label +VOL1 PLX001, owner PLEXVM" out.txt
	has "info $v" "^Geometry +30 cylinders, 15 tracks/cylinder, 12 blocks/track of 4096 bytes" out.txt
	has "info $v" "^Owner +PLEXSSI.NOSYS \(shared by the cluster\)" out.txt
	has "info $v" "^Created +2026-01-01 00:00:00 UTC" out.txt
	has "info $v" "^LABEL +0 +0 +1 " out.txt
	has "info $v" "^PERM +1 +25 +25 +LINUX01" out.txt
	has "info $v" "^PAGE +26 +27 +2 *$" out.txt
	has "info $v" "^PDR +28 +28 +1 +PDR" out.txt
	has "info $v" "^FREE +29 +29 +1" out.txt
	has "info $v" "^28 of 29 cylinders allocated, 1 free" out.txt
done
grep -v '^Image' out.txt > info.raw.txt
"$P" info v.3390 | grep -v '^Image' > info.3390.txt
same "info identical on both" info.3390.txt info.raw.txt

# ---- files: put, ls, get, replace, rm -------------------------------------------------
for v in v.3390 v.raw; do
	run "put $v" "$P" put $v --extent 1 kernel kernel.bin initrd initrd.bin parm parm.txt \
		empty empty.bin
	has "put $v" "^kernel: 5000000 bytes at block 1 of the extent" out.txt
	has "put $v" "^initrd: 3145728 bytes at block 1222 " out.txt
	has "put $v" "new file directory in the extent at cylinder 1" err.txt
	run "ls $v" "$P" ls $v --extent 1
	has "ls $v" "^PERM extent LINUX01 cylinders 1-25: 4500 blocks, 1991 in use, 4 files" out.txt
	has "ls $v" "^kernel +1 +1221 +5000000 [0-9a-f]{8}$" out.txt
	has "ls $v" "^initrd +1222 +768 +3145728 " out.txt
	has "ls $v" "^empty +1991 +0 +0 00000000$" out.txt
	for f in kernel initrd parm empty; do
		src=$f.bin; [ $f = parm ] && src=parm.txt
		run "get $v $f" "$P" get $v --extent 1 $f got.$f
		same "get $v $f" $src got.$f
	done
	"$P" get $v --extent 1 parm - > got.stdout 2> err.txt
	same "get $v to stdout" parm.txt got.stdout
	# Replace: the new copy goes to free space, the old one stays until the switch.
	run "replace $v" "$P" put $v --extent 1 kernel kernel2.bin
	has "replace $v" "^kernel: 1000001 bytes at block 1991 " out.txt
	run "get replaced $v" "$P" get $v --extent 1 kernel got.kernel
	same "get replaced $v" kernel2.bin got.kernel
	run "get $v initrd after replace" "$P" get $v --extent 1 initrd got.initrd
	same "get $v initrd after replace" initrd.bin got.initrd
	run "rm $v" "$P" rm $v --extent 1 parm
	rm -f got.parm
	fails "get removed $v" 1 "file 'parm' not found" "$P" get $v --extent 1 parm got.parm
	[ -e got.parm ] && bad "get removed $v left an output file" || ok
	# A new extent from put's START:COUNT in the free cylinder.
	run "put new extent $v" "$P" put $v --extent 29:1 small parm.txt
	has "put new extent $v" "added PERM extent at cylinders 29-29" err.txt
	run "get new extent $v" "$P" get $v --extent 29 small got.small
	same "get new extent $v" parm.txt got.small
done
# The same operations leave the same blocks on both image types (SOURCE_DATE_EPOCH).
for b in 12 180 181 1400 5040 5220; do
	"$P" read-block v.3390 $b --raw > b.3390 && "$P" read-block v.raw $b --raw > b.raw
	same "block $b identical on 3390 and raw" b.3390 b.raw
done
run read-block "$P" read-block v.3390 12
has read-block "^Block 12: cylinder 0 head 1 record 1" out.txt
has read-block "^000000  504c5856 4d415031 00000001 [0-9a-f]{8}  \|PLXVMAP1" out.txt
has read-block "^\*$" out.txt

# ---- Hercules' utilities ---------------------------------------------------------------
if command -v dasdls > /dev/null && command -v ckd2cckd > /dev/null; then
	run dasdls dasdls v.3390
	has dasdls "VOLSER=PLX001" out.txt
	# Hercules' compressor walks every track image; a round trip must be exact.
	run ckd2cckd ckd2cckd v.3390 v.cckd
	run cckdcdsk cckdcdsk -3 v.cckd
	run cckd2ckd cckd2ckd v.cckd back.3390
	same "CKD -> CCKD -> CKD round trip" v.3390 back.3390
	fails cckd-refused 1 "compressed CCKD image: convert it with cckd2ckd first" "$P" info v.cckd
else
	skip "Hercules utilities (dasdls, ckd2cckd) not installed"
fi

# ---- Hercules reads and writes the records ---------------------------------------------
herc_ok=0
if command -v hercules > /dev/null && command -v "${CROSS:-s390x-linux-gnu-}gcc" > /dev/null; then
	herc_ok=1
fi
if [ $herc_ok = 1 ]; then
	cp v.3390 h.3390
	printf 'HERC2694' > p.in && run write-block "$P" write-block h.3390 2694 p.in
	cc=${CROSS:-s390x-linux-gnu-}
	${cc}gcc -m31 -march=z10 -c "$here/tests/tools/herc_ckd_io.S" -o io.o &&
		${cc}ld -m elf_s390 -Ttext=0 -e 0 -o io.elf io.o &&
		${cc}objcopy -O binary io.elf io.bin && ok || bad "assemble herc_ckd_io.S"
	# Requests: CC HH R command length expected-first-8-bytes (see herc_ckd_io.S).
	python3 - "$work" <<'PY'
import struct, sys
w = sys.argv[1]
def ent(c, h, r, op, ln, exp): return struct.pack('>HHBBH8s', c, h, r, op, ln, exp)
vol1 = bytes([0xe5, 0xd6, 0xd3, 0xf1])
kernel = open(w + '/kernel2.bin', 'rb').read(8)
reqs = [
    ent(0, 0, 3, 0x0e, 84, vol1 + vol1),          # VOL1 label: key + 80 data bytes
    ent(0, 1, 1, 0x06, 4096, b'PLXVMAP1'),        # block 12: the allocation map
    ent(1, 0, 1, 0x06, 4096, b'PLXFDIR1'),        # block 180: the directory of cylinder 1
    ent(12, 0, 12, 0x06, 4096, kernel),           # block 2171: kernel2 at extent block 1991
    ent(14, 14, 7, 0x06, 4096, b'HERC2694'),      # block 2694, written by plexvol above
    ent(29, 14, 12, 0x05, 4096, b'HERCWROT'),     # the volume's last block, written by Hercules
    ent(29, 14, 12, 0x06, 4096, b'HERCWROT'),
]
open(w + '/req.bin', 'wb').write(b''.join(reqs) + struct.pack('>H', 0xffff) + bytes(14))
PY
	printf 'io.bin 0x00000000\nreq.bin 0x00003000\n' > io.ins
	cat > h.cnf <<CNF
ARCHMODE z/Arch
MAINSIZE 64
NUMCPU 1
MAXCPU 1
CPUMODEL 2817
PANRATE FAST
CODEPAGE 819/037
0009 3215-C / noprompt
0120 3390 $work/h.3390
CNF
	printf 'hao tgt HHCCP011I\nhao cmd quit\nipl %s/io.ins\n' "$work" > h.rc
	HERCULES_RC=h.rc timeout -k 5 60 hercules -d -f h.cnf < /dev/null > herc.log 2>&1
	has "hercules attaches the volume" "HHCDA020I $work/h.3390 cyls=30 heads=15 tracks=450 trklen=56832" herc.log
	if grep -E '^(HHCDA|HHCCF)[0-9]+[ESW]' herc.log > herc.err; then
		bad "hercules device errors:"; sed 's/^/    /' herc.err >&2; else ok; fi
	has "hercules channel programs succeed" "PSW=000A0000 80C0FFEE" herc.log
	"$P" read-block h.3390 5399 --raw | head -c 16 > hw.txt
	printf 'HERCWROTHERCWROT' > hw.want
	same "plexvol reads what Hercules wrote" hw.want hw.txt
	run "get after hercules" "$P" get h.3390 --extent 1 kernel got.kernel
	same "get after hercules" kernel2.bin got.kernel
else
	skip "hercules or the s390x cross assembler not installed"
fi

# ---- volumes made by Hercules' dasdinit ------------------------------------------------
if command -v dasdinit > /dev/null; then
	dasdinit d.3390 3390-1 HERC01 5 > /dev/null 2>&1 && ok || bad "dasdinit"
	fails "dasdinit volume refused" 1 "block 12: cylinder 0 head 1 has no record 1 .*not formatted for PlexVM" \
		"$P" info d.3390
	has "dasdinit label still shown" "^Label +VOL1 HERC01, owner HERCULES, has a VTOC pointer" out.txt
	dasdinit -linux l.3390 3390-1 LNX001 5 > /dev/null 2>&1 && ok || bad "dasdinit -linux"
	fails "dasdinit -linux volume refused" 1 "record 1 has key length 44 and data length 96, not a 4096-byte block" \
		"$P" info l.3390
	run "format dasdinit volume" "$P" format d.3390 --owner plexssi.sys1 --extent perm:1:4
	has "format dasdinit volume" "formatted 3390 volume HERC01, 5 cylinders, 1 extents" out.txt
	run "info formatted" "$P" info d.3390
	has "info formatted" "^Owner +PLEXSSI.SYS1$" out.txt
	run "put formatted" "$P" put d.3390 --extent 1 kernel kernel2.bin
	run "get formatted" "$P" get d.3390 --extent 1 kernel got.kernel
	same "get formatted" kernel2.bin got.kernel
	run "dasdls formatted" dasdls d.3390
	has "dasdls formatted" "VOLSER=HERC01" out.txt
else
	skip "dasdinit not installed"
fi

# ---- bad input -------------------------------------------------------------------------
fails create-no-args 2 "--type, --cyls and --volser are required" "$P" create x.3390
fails create-bad-type 2 "--type 3380: expected 3390 or raw" "$P" create x --type 3380 --cyls 5 --volser A
fails create-bad-cyls 2 "--cyls abc: not a number" "$P" create x --type raw --cyls abc --volser A
fails create-one-cyl 2 "1 cylinders: a volume has 2 to 65520" "$P" create x --type raw --cyls 1 --volser A
fails create-huge 2 "65521 cylinders" "$P" create x --type raw --cyls 65521 --volser A
fails create-long-volser 2 "volser 'TOOLON...' is longer than 6 characters" "$P" create x --type raw --cyls 5 --volser toolong
fails create-bad-volser 2 "invalid character 0x2e" "$P" create x --type raw --cyls 5 --volser A.B
fails create-bad-owner 2 "--owner nosystem: expected CLUSTER.SYSTEM" "$P" create x --type raw --cyls 5 --volser A --owner nosystem
fails create-bad-extent 2 "unknown type 'DISK'" "$P" create x --type raw --cyls 5 --volser A --extent disk:1:2
fails create-extent-syntax 2 "expected TYPE:START:COUNT\[:NAME\]" "$P" create x --type raw --cyls 5 --volser A --extent perm:1
fails create-overlap 1 "overlaps extent 0 \(PERM cylinders 1-3\)" "$P" create x --type raw --cyls 5 --volser A --extent perm:1:3 --extent page:3:1
fails create-cyl0 1 "cylinders 0-1 outside 1-4 of the volume" "$P" create x --type raw --cyls 5 --volser A --extent perm:0:2
fails create-past-end 1 "cylinders 4-5 outside 1-4 of the volume" "$P" create x --type 3390 --cyls 5 --volser A --extent perm:4:2
[ -e x ] && bad "a refused create left a file" || ok
fails create-exists 1 "File exists \(use --force to replace it\)" "$P" create v.raw --type raw --cyls 5 --volser A
size_is "create-exists left the file alone" v.raw $((30 * 180 * 4096))
run create-force "$P" create f.raw --type raw --cyls 5 --volser A
run create-force "$P" create f.raw --type raw --cyls 3 --volser B --force
size_is create-force f.raw $((3 * 180 * 4096))
fails put-odd-args 2 "expected FILE --extent" "$P" put v.raw --extent 1 kernel
fails put-no-extent 2 "--extent START\[:COUNT\] is required" "$P" put v.raw kernel kernel.bin
fails put-bad-name 2 "file name has invalid character 0x20" "$P" put v.raw --extent 1 "a b" parm.txt
fails put-long-name 2 "longer than 32 characters" "$P" put v.raw --extent 1 abcdefghijklmnopqrstuvwxyz0123456 parm.txt
fails put-page 1 "the extent at cylinder 26 is PAGE; files go in PERM or DRCT extents" "$P" put v.raw --extent 26 x parm.txt
fails put-count-mismatch 1 "the extent at cylinder 1 has 25 cylinders, not 3" "$P" put v.raw --extent 1:3 x parm.txt
fails put-no-extent-there 1 "no extent starts at cylinder 2" "$P" put v.raw --extent 2 x parm.txt
fails put-missing-input 1 "nothere.bin: No such file or directory" "$P" put v.raw --extent 1 x nothere.bin
fails put-too-big 1 "no room for 'big'" "$P" put v.raw --extent 29 big kernel.bin
run create-no-dir "$P" create g.raw --type raw --cyls 3 --volser G --extent perm:1:2
fails ls-no-dir 1 "the PERM extent at cylinder 1 has no file directory" "$P" ls g.raw --extent 1
fails get-no-dir 1 "the PERM extent at cylinder 1 has no file directory" "$P" get g.raw --extent 1 x y
fails rm-no-dir 1 "the PERM extent at cylinder 1 has no file directory" "$P" rm g.raw --extent 1 x
fails ls-no-extent 1 "no extent starts at cylinder 29" "$P" ls f.raw --extent 29
printf 'guest data' > gd.bin && "$P" write-block g.raw 180 gd.bin
fails put-over-data 1 "the first block of the extent at cylinder 1 \(block 180\) holds data that is not a file directory; not overwriting it" \
	"$P" put g.raw --extent 1 x parm.txt
run clear-block "$P" write-block g.raw 180 /dev/null
run put-after-clear "$P" put g.raw --extent 1 x parm.txt
fails ls-with-count 2 "expected START" "$P" ls v.raw --extent 1:25
fails get-missing 1 "file 'nothere' not found" "$P" get v.raw --extent 1 nothere got.x
fails info-missing 1 "nofile: No such file or directory" "$P" info nofile
head -c 1000 /dev/zero > junk.bin
fails info-junk 1 "neither a CKD image \(no CKD_P370 header\) nor a raw image" "$P" info junk.bin
fails read-block-past-end 1 "block 5400 is past the end of the volume \(5400 blocks\)" "$P" read-block v.3390 5400
fails read-block-label-track 1 "block 5 is on track 0, which holds the label records" "$P" read-block v.3390 5
fails read-block-bad-number 2 "bad block number '12x'" "$P" read-block v.3390 12x
head -c 4097 /dev/zero > big.blk
fails write-block-too-big 1 "4097 bytes, a block holds 4096" "$P" write-block v.raw 100 big.blk

# ---- damaged volumes -------------------------------------------------------------------
for v in v.3390 v.raw; do
	cp $v d.$v
	# A flipped bit in a file's data: get fails on the CRC and leaves no output.
	# (initrd: extent blocks 1222-1989, absolute 1402-2169)
	"$P" read-block d.$v 1412 --raw > blk && printf 'X' | dd of=blk bs=1 seek=100 conv=notrunc 2>/dev/null
	run "corrupt data $v" "$P" write-block d.$v 1412 blk
	fails "crc $v" 1 "file 'initrd' is damaged: its data gives crc32 [0-9a-f]{8}, the directory says" \
		"$P" get d.$v --extent 1 initrd got.bad
	[ -e got.bad ] && bad "damaged get left output" || ok
	# A damaged directory.
	"$P" read-block d.$v 180 --raw > blk && printf 'Z' | dd of=blk bs=1 seek=40 conv=notrunc 2>/dev/null
	"$P" write-block d.$v 180 blk
	fails "dir checksum $v" 1 "file directory of the extent at cylinder 1: file directory checksum is" \
		"$P" ls d.$v --extent 1
	fails "put on damaged dir $v" 1 "file directory checksum is" "$P" put d.$v --extent 1 x parm.txt
	# A damaged map.
	"$P" read-block d.$v 12 --raw > blk && printf '\377' | dd of=blk bs=1 seek=90 conv=notrunc 2>/dev/null
	"$P" write-block d.$v 12 blk
	fails "map checksum $v" 1 "block 12: allocation map checksum is [0-9a-f]{8}, contents give" "$P" info d.$v
	printf 'not a map' > blk && "$P" write-block d.$v 12 blk
	fails "map magic $v" 1 "no allocation map: magic is" "$P" info d.$v
done
# A map whose volser differs from the label.
cp v.raw m.raw && "$P" read-block m.raw 12 --raw > blk
python3 - <<'PY'
import binascii, struct
b = bytearray(open('blk', 'rb').read())
b[16:24] = b'OTHER   '
b[12:16] = bytes(4)
struct.pack_into('>I', b, 12, binascii.crc32(bytes(b)) & 0xffffffff)
open('blk', 'wb').write(bytes(b))
PY
"$P" write-block m.raw 12 blk
fails "volser mismatch" 1 "label volser PLX001 differs from allocation map volser OTHER" "$P" info m.raw
# A damaged CKD track: a count field whose data length runs off the track.
cp v.3390 t.3390
printf '\377\360' | dd of=t.3390 bs=1 seek=$((512 + 56832 * 15 + 5 + 16 + 6)) conv=notrunc 2>/dev/null
fails "damaged track" 1 "cylinder 1 head 0: record 1 at offset 21 \(KL 0 DL 65520\) runs past the 56832-byte track" \
	"$P" ls t.3390 --extent 1
# A damaged home address.
cp v.3390 t.3390
printf '\001' | dd of=t.3390 bs=1 seek=$((512 + 56832 * 16 + 1)) conv=notrunc 2>/dev/null
fails "damaged home address" 1 "cylinder 1 head 1: home address is bin 0 cylinder 257 head 1" \
	"$P" read-block t.3390 192
# A truncated CKD image.
head -c $((512 + 56832 * 100)) v.3390 > t.3390
fails "truncated image" 1 "CKD image has 100 tracks, not whole cylinders of 15" "$P" info t.3390

echo "test_plexvol: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
