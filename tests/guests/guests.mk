# ---- Test guests (tests/guests/README.md) ------------------------------------------------
# Small freestanding programs PlexVM's tests IPL as guests: build/tguest/<name>.elf (QEMU
# -kernel) and build/tguest/<name>.bin (flat image from absolute 0, entry 0x10000).
# Built with the hypervisor's compiler flags; lib/format.c, ebcdic.c, sclp_event.c are shared.
TGUEST       := $(BUILD)/tguest
TGUEST_PROGS := hostile cpuloop diagloop smp
TGUEST_LIB   := $(wildcard tests/guests/lib/*.c) $(wildcard tests/guests/lib/*.S)
TGUEST_LIB_OBJ := $(patsubst %.c,$(BUILD)/s390x/%.o,$(patsubst %.S,$(BUILD)/s390x/%.o,$(TGUEST_LIB))) \
	$(addprefix $(BUILD)/s390x/,lib/format.o lib/string.o lib/strtol.o lib/ctype.o \
		arch/s390x/ebcdic.o arch/s390x/sclp_event.o)
TGUEST_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
	-T tests/guests/guest.ld
TGUEST_OUT   := $(foreach p,$(TGUEST_PROGS),$(TGUEST)/$(p).elf $(TGUEST)/$(p).bin)
# Objects reached only through the pattern rules below: keep them (make would delete them).
.SECONDARY: $(TGUEST_LIB_OBJ) $(patsubst %.c,$(BUILD)/s390x/%.o,$(wildcard tests/guests/*.c))

.PHONY: test-guests-build
test-guests-build: $(TGUEST_OUT)
all: test-guests-build

# A program is tests/guests/<name>.c plus any tests/guests/<name>_*.c.
# (No % inside the secondary expansion: make would substitute the stem there.)
$(TGUEST)/%.elf: $$(addprefix $(BUILD)/s390x/,$$(addsuffix .o,$$(basename \
			$$(wildcard tests/guests/$$*.c tests/guests/$$*_*.c)))) \
		$(TGUEST_LIB_OBJ) tests/guests/guest.ld
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC_S390) $(TGUEST_LDFLAGS) -o $@ $(filter %.o,$^) -lgcc

$(TGUEST)/%.bin: $(TGUEST)/%.elf
	@echo "  OBJCOPY $@"
	$(Q)$(OBJCOPY_S390) -O binary $< $@
