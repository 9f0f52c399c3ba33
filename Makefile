# PlexVM build. `make` builds the s390x image and the host tools; `make check`
# runs every test; `make run` boots one member under QEMU with its console here.

CROSS      ?= s390x-linux-gnu-
CC_S390     = $(CROSS)gcc
OBJCOPY_S390 = $(CROSS)objcopy
HOSTCC     ?= gcc
CLANG      ?= clang
PYTHON     ?= python3

BUILD      := build
V          ?= 0
Q          := $(if $(filter 1,$(V)),,@)
VERSION    := 0.1.0
GIT_REV    := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)

WARN       := -Wall -Wextra -Werror -Wno-address-of-packed-member
S390_CFLAGS := -std=gnu11 -O2 -g $(WARN) -m64 -mzarch -march=z10 -mtune=zEC12 \
	-msoft-float -ffreestanding -fno-builtin -nostdinc -nostdlib -fno-pic -fno-pie \
	-fno-stack-protector -fno-delete-null-pointer-checks -fno-asynchronous-unwind-tables \
	-fno-tree-loop-distribute-patterns -mbackchain --param=min-pagesize=0 \
	-isystem lib/include -isystem $(shell $(CC_S390) -print-file-name=include) -I. \
	-DPLEXVM_VERSION=\"$(VERSION)\" -DPLEXVM_GIT_REV=\"$(GIT_REV)\"
S390_ASFLAGS := -m64 -mzarch -march=z10 -I. -D__ASSEMBLER__
S390_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none -Wl,--no-warn-rwx-segments -T linker.ld

HOST_CFLAGS := -std=gnu11 -O1 -g $(WARN) -I. -DPLEXVM_HOST

# ---- The hypervisor image -------------------------------------------------------------
IMAGE_ASM  := arch/s390x/head.S arch/s390x/entry.S arch/s390x/sie.S
IMAGE_C    := $(wildcard lib/*.c) $(wildcard arch/s390x/*.c) $(wildcard kernel/*.c) \
	$(wildcard kernel/*/*.c) $(wildcard drivers/*/*.c) $(wildcard ssi/*.c) $(wildcard lgr/*.c)
IMAGE_OBJ  := $(patsubst %.S,$(BUILD)/s390x/%.o,$(IMAGE_ASM)) \
	$(patsubst %.c,$(BUILD)/s390x/%.o,$(IMAGE_C))

.PHONY: all image tools clean check test-unit test-fuzz test-tools test-integration test-qemu \
	test-hercules bench fuzz run run-hercules run-linux deps
all: image tools $(BUILD)/plexvm.bundle

# The embedded default configuration: the sample SYSTEM CONFIG and directory as an IPL bundle.
$(BUILD)/plexvm.bundle: samples/SYSTEM.CONFIG samples/USER.DIRECT $(BUILD)/plexcfg
	@echo "  BUNDLE  $@"
	$(Q)$(BUILD)/plexcfg bundle -o $@ samples/SYSTEM.CONFIG samples/USER.DIRECT

image: $(BUILD)/plexvm.elf $(BUILD)/plexvm.ins

$(BUILD)/s390x/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC_S390) $(S390_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/s390x/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC_S390) $(S390_ASFLAGS) -MMD -MP -c $< -o $@

# The version object is rebuilt with every link so the build stamp is current.
$(BUILD)/plexvm.elf: $(IMAGE_OBJ) linker.ld
	@echo "#define PLEXVM_BUILD_DATE \"$$(date -u '+%m/%d/%y %H:%M:%S')\"" > $(BUILD)/build_date.h
	$(Q)$(CC_S390) $(S390_CFLAGS) -include $(BUILD)/build_date.h -c kernel/version.c \
		-o $(BUILD)/s390x/kernel/version.o
	@echo "  LD      $@"
	$(Q)$(CC_S390) $(S390_LDFLAGS) -o $@ $(IMAGE_OBJ) -lgcc

# List-directed IPL set: the IPL PSW at 0 and the image at 0x10000.
$(BUILD)/plexvm.ins: $(BUILD)/plexvm.elf tools/mkins.sh
	tools/mkins.sh $(BUILD)/plexvm.elf $(BUILD)

# ---- Host-side code: tools and unit tests ---------------------------------------------
# Hardware-independent sources that build for the host as well.
HOST_SHARED := arch/s390x/ebcdic.c arch/s390x/sclp_event.c $(wildcard kernel/lib/*.c) \
	kernel/mm/frames.c kernel/mm/slab.c kernel/cp/parse.c kernel/cp/dispatch.c \
	drivers/virtio/virtqueue.c kernel/io/sense.c kernel/link/frame.c \
	$(wildcard kernel/config/*.c) $(wildcard kernel/vol/*.c) \
	$(wildcard kernel/vdev/*.c) $(wildcard kernel/vm/gdat.c) \
	kernel/vm/gdat_walk.c kernel/vm/gdat_access.c
HOST_OBJ    := $(patsubst %.c,$(BUILD)/host/%.o,$(HOST_SHARED))

$(BUILD)/host/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

# The freestanding C library, built for the host with every symbol prefixed
# plx_ so the unit tests can compare it against the host C library.
LIB_C := $(wildcard lib/*.c)
$(BUILD)/host/libplx.o: $(LIB_C)
	@mkdir -p $(BUILD)/host/libplx
	for f in $(LIB_C); do \
		$(HOSTCC) -std=gnu11 -O1 -g $(WARN) -ffreestanding -fno-builtin -nostdinc \
			-fno-stack-protector -fno-tree-loop-distribute-patterns \
			-isystem lib/include -isystem $$($(HOSTCC) -print-file-name=include) \
			-c $$f -o $(BUILD)/host/libplx/$$(basename $$f .c).o || exit 1; \
	done
	ld -r -o $@.tmp $(BUILD)/host/libplx/*.o
	objcopy --prefix-symbols=plx_ $@.tmp $@
	rm -f $@.tmp

# Host commands: each tools/<name>/ directory builds build/<name> (tools/guest holds
# s390x guest programs instead: `make guest`).
TOOL_DIRS := $(filter-out guest,$(patsubst tools/%/,%,$(sort $(dir $(wildcard tools/*/*.c)))))
TOOL_BINS := $(addprefix $(BUILD)/,$(TOOL_DIRS))
tools: $(TOOL_BINS)

.SECONDEXPANSION:
$(TOOL_BINS): $(BUILD)/%: $$(wildcard tools/%/*.c) $$(wildcard tools/%/*.h) $(HOST_OBJ)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $(wildcard tools/$*/*.c) $(HOST_OBJ)

# libFuzzer harnesses: tests/fuzz/fuzz_<name>.c, seeds in tests/fuzz/corpus/<name>/.
FUZZ_SRC  := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(FUZZ_SRC))
FUZZ_SECONDS ?= 15
$(BUILD)/fuzz/%: tests/fuzz/%.c $(HOST_SHARED)
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  $@"
	$(Q)$(CLANG) -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-I. -DPLEXVM_HOST -o $@ $< $(HOST_SHARED)

test-fuzz: $(FUZZ_BINS)
	@for f in $(FUZZ_BINS); do \
		name=$$(basename $$f); seeds=tests/fuzz/corpus/$${name#fuzz_}; \
		mkdir -p $(BUILD)/fuzz/corpus-$$name; \
		echo "  FUZZ    $$name ($(FUZZ_SECONDS)s)"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -timeout=5 -rss_limit_mb=1024 -print_final_stats=0 \
			$(BUILD)/fuzz/corpus-$$name $$( [ -d $$seeds ] && echo $$seeds ) \
			> $(BUILD)/fuzz/$$name.log 2>&1 || { tail -40 $(BUILD)/fuzz/$$name.log; exit 1; }; \
	done

fuzz:
	$(MAKE) test-fuzz FUZZ_SECONDS=300

UNIT_SRC := $(wildcard tests/unit/*.c)
$(BUILD)/unit-tests: $(UNIT_SRC) $(HOST_OBJ) $(BUILD)/host/libplx.o
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $(UNIT_SRC) $(HOST_OBJ) $(BUILD)/host/libplx.o -lcriterion

test-unit: $(BUILD)/unit-tests
	$(BUILD)/unit-tests --jobs 2

# Host tools against real images (and Hercules' own utilities and emulator).
test-tools: tools
	tests/tools/test_plexvol.sh
	$(PYTHON) tests/tools/test_mkinitramfs.py
	$(PYTHON) tests/tools/test_messages_documented.py

# The Hercules guest tests boot Debian's kernel: `guest` fetches it (once) first.
test-integration: all guest
	$(PYTHON) tests/integration/run.py

test-qemu: all
	$(PYTHON) tests/integration/run.py --machine qemu

test-hercules: all guest
	$(PYTHON) tests/integration/run.py --machine hercules

check: deps all
	$(MAKE) test-unit
	$(MAKE) test-fuzz
	$(MAKE) test-tools
	$(MAKE) test-guest
	$(MAKE) test-integration

bench: deps all guest
	$(PYTHON) tests/bench/boot_time.py
	$(PYTHON) tests/bench/devices.py
	$(PYTHON) tests/bench/guests.py

run: deps all
	qemu/run-member

run-hercules: deps all
	hercules/run-member

run-linux: deps all guest
	hercules/run-linux

deps:
	@tools/ensure-deps.sh

# ---- The Linux test guest (tools/guest/README.md) ---------------------------------------
# Debian's s390x kernel and busybox (fetched once), memtest and the initramfs in build/guest/.
GUEST := $(BUILD)/guest
.PHONY: guest test-guest
guest:
	@tools/guest/fetch-debian.sh
	@$(MAKE) --no-print-directory $(if $(filter 1,$(V)),,-s) $(GUEST)/initramfs.cpio.gz

$(GUEST)/memtest: tools/guest/memtest.c
	@echo "  CC      $@"
	$(Q)$(CC_S390) -static -O2 -std=gnu11 -Wall -Wextra -Werror -o $@ $<

$(GUEST)/initramfs.cpio.gz: $(GUEST)/memtest $(GUEST)/busybox $(GUEST)/debian/stamp \
		tools/guest/init.sh tools/guest/mkinitramfs.py
	$(Q)$(PYTHON) tools/guest/mkinitramfs.py -o $@ --busybox $(GUEST)/busybox \
		--memtest $(GUEST)/memtest --modules-dir $(GUEST)/modules \
		--kernel-release $$(cat $(GUEST)/kernel.release)

test-guest: deps guest tools
	tests/tools/test_guest_qemu.sh

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' -type f 2>/dev/null)

include tests/guests/guests.mk
