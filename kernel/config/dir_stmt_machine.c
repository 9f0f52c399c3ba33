/*
 * Directory statements that shape the virtual machine:
 *   INCLUDE profile                      BUILD ON member USING SUBCONFIG name
 *   STORAGE size    MAXSTORAGE size      MACHINE ESA|XA|XC|Z [maxcpu]
 *   CPU nn [BASE] [CPUID xxxxxx]         IPL vdev|name [LOADPARM x] [PARM text]
 *   OPTION keyword [value] ...           VMRELOCATE ON|OFF [DOMAIN name]
 */
#include "kernel/config/dir_parser.h"
#include <stdio.h>
#include <string.h>

bool dir_take_storage(struct cfg_cursor *c, const char *desc, uint64_t *bytes)
{
	const struct cfg_token *t = cur_take(c);
	char shown[32];

	if (!t) {
		cur_error(c, NULL, "missing %s", desc);
		return false;
	}
	tok_show(t, shown, sizeof(shown));
	if (tok_size(t, bytes) != 0) {
		/* Digits with a unit but too large to hold are out of range, not malformed. */
		bool digits = t->len >= 2 && strchr("KMGTkmgt", t->text[t->len - 1]) != NULL;

		for (uint32_t k = 0; digits && k + 1 < t->len; k++)
			digits = t->text[k] >= '0' && t->text[k] <= '9';
		if (digits)
			cur_error(c, t, "%s %s out of range 1M-2T", desc, shown);
		else
			cur_error(c, t, "%s '%s' is not a size (nnnK, nnnM, nnnG or nnnT)", desc, shown);
		return false;
	}
	if (*bytes < DIR_MIN_STORAGE || *bytes > DIR_MAX_STORAGE) {
		cur_error(c, t, "%s %s out of range 1M-2T", desc, shown);
		return false;
	}
	if (*bytes % 4096) {
		cur_error(c, t, "%s %s is not a multiple of 4K", desc, shown);
		return false;
	}
	return true;
}

bool dir_parse_include(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s)
{
	(void)p;
	return cur_name(c, "profile name", CFG_NAME_LEN, CS_USERID, s->u.include) && cur_done(c);
}

static bool expect(struct cfg_cursor *c, const char *kw)
{
	const struct cfg_token *t = cur_peek(c);
	char shown[32];

	if (cur_keyword(c, kw, (unsigned)strlen(kw)))
		return true;
	if (!t) {
		cur_error(c, NULL, "missing %s", kw);
	} else {
		tok_show(t, shown, sizeof(shown));
		cur_error(c, t, "expected %s, found '%s'", kw, shown);
	}
	return false;
}

bool dir_parse_build(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s)
{
	(void)p;
	return expect(c, "ON") &&
	       cur_name(c, "member name", CFG_NAME_LEN, CS_NAME, s->u.build.member) &&
	       expect(c, "USING") && expect(c, "SUBCONFIG") &&
	       cur_name(c, "SUBCONFIG name", CFG_NAME_LEN, CS_USERID, s->u.build.subconfig) &&
	       cur_done(c);
}

bool dir_parse_storage(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s)
{
	(void)p;
	return dir_take_storage(c, "size", &s->u.storage) && cur_done(c);
}

bool dir_parse_machine(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s)
{
	static const char *const modes[] = { [MACH_ESA] = "ESA", [MACH_XA] = "XA",
					     [MACH_XC] = "XC", [MACH_Z] = "Z" };
	const struct cfg_token *t = cur_take(c);
	char shown[32];
	uint64_t maxcpu;

	(void)p;
	if (!t) {
		cur_error(c, NULL, "missing mode (ESA, XA, XC or Z)");
		return false;
	}
	for (size_t i = 0; i < ARRAY_SIZE(modes); i++) {
		if (tok_is(t, modes[i])) {
			s->u.machine.mode = (uint8_t)i;
			if (!cur_end(c)) {
				if (!cur_dec(c, "maximum CPUs", 1, DIR_MAX_CPUS, &maxcpu))
					return false;
				s->u.machine.maxcpu = (uint8_t)maxcpu;
			}
			return cur_done(c);
		}
	}
	tok_show(t, shown, sizeof(shown));
	cur_error(c, t, "unknown mode '%s' (expected ESA, XA, XC or Z)", shown);
	return false;
}

bool dir_parse_cpu(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s)
{
	const struct cfg_token *t = cur_peek(c);
	uint32_t addr;

	(void)p;
	if (!cur_hex(c, "address", 2, &addr))
		return false;
	if (addr >= DIR_MAX_CPUS) {
		cur_error(c, t, "address %02X out of range 00-3F", (unsigned)addr);
		return false;
	}
	s->u.cpu.addr = (uint8_t)addr;
	while (!cur_end(c)) {
		t = cur_peek(c);
		if (cur_keyword(c, "BASE", 4)) {
			s->u.cpu.base = true;
		} else if (cur_keyword(c, "CPUID", 5)) {
			if (!cur_hex(c, "CPUID", 6, &s->u.cpu.cpuid))
				return false;
			s->u.cpu.has_cpuid = true;
		} else {
			return cur_done(c);
		}
	}
	return true;
}

bool dir_parse_ipl(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s)
{
	struct dir_ipl *ipl = &s->u.ipl;
	const struct cfg_token *t = cur_peek(c);
	uint32_t vdev;

	(void)p;
	if (!t) {
		cur_error(c, NULL, "missing device number or system name");
		return false;
	}
	if (tok_hex(t, 4, &vdev) == 0) {
		cur_take(c);
		ipl->is_vdev = true;
		ipl->vdev = (uint16_t)vdev;
	} else if (!cur_name(c, "system name", CFG_NAME_LEN, CS_NAME, ipl->name)) {
		return false;
	}
	while (!cur_end(c)) {
		t = cur_peek(c);
		if (cur_keyword(c, "LOADPARM", 8)) {
			if (!cur_name(c, "LOADPARM", 8, CS_NAME, ipl->loadparm))
				return false;
		} else if (cur_keyword(c, "PARM", 4)) {
			/* PARM takes the rest of the line, case kept, single blanks. */
			size_t n = 0;

			while (!cur_end(c)) {
				t = cur_take(c);
				if (n + (n ? 1 : 0) + t->len > DIR_IPL_PARM_LEN) {
					cur_error(c, t, "PARM longer than %u characters", DIR_IPL_PARM_LEN);
					return false;
				}
				if (n)
					ipl->parm[n++] = ' ';
				memcpy(ipl->parm + n, t->text, t->len);
				n += t->len;
			}
			ipl->parm[n] = '\0';
			if (n == 0) {
				cur_error(c, NULL, "missing PARM text");
				return false;
			}
		} else {
			return cur_done(c);
		}
	}
	return true;
}

struct option_def {
	const char *name;
	unsigned min;
	int arity;		/* 0: keyword alone; 1: one value */
};

static const struct option_def options[] = {
	{ "ACCT", 4, 0 }, { "APPLMON", 7, 0 }, { "CHPIDVIRTUALIZATION", 6, 1 },
	{ "COMSRV", 6, 0 }, { "D84NOPAS", 8, 0 }, { "DEVINFO", 7, 0 }, { "DEVMAINT", 8, 0 },
	{ "DIAG88", 6, 0 }, { "IGNMAXU", 7, 0 }, { "LANG", 4, 1 }, { "LKFAC", 5, 0 },
	{ "LNKEXCLU", 8, 0 }, { "LNKNOPAS", 8, 0 }, { "LNKSTABL", 8, 0 }, { "MAINTCCW", 8, 0 },
	{ "MAXCONN", 7, 1 }, { "QUICKDSP", 8, 0 }, { "RMCHINFO", 8, 0 }, { "STGEXEMPT", 9, 0 },
	{ "SVC76", 5, 0 }, { "SVCACC", 6, 0 }, { "SVCOFF", 6, 0 }, { "TODENABLE", 9, 0 },
};

static bool option_value(struct cfg_cursor *c, const struct option_def *o, char *value)
{
	const struct cfg_token *t = cur_peek(c);
	uint64_t n;

	if (strcmp(o->name, "CHPIDVIRTUALIZATION") == 0) {
		if (t && (tok_is(t, "ONE") || tok_is(t, "NONE")))
			return tok_name(cur_take(c), 8, CS_NAME, value);
		cur_error(c, t, "CHPIDVIRTUALIZATION must be followed by ONE or NONE");
		return false;
	}
	if (strcmp(o->name, "MAXCONN") == 0) {
		if (!cur_dec(c, "MAXCONN", 0, 65535, &n))
			return false;
		snprintf(value, 9, "%u", (unsigned)n);
		return true;
	}
	return cur_name(c, o->name, 5, CS_NAME, value);
}

bool dir_parse_option(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s)
{
	if (cur_end(c)) {
		cur_error(c, NULL, "missing option");
		return false;
	}
	while (!cur_end(c)) {
		const struct cfg_token *t = cur_take(c);
		const struct option_def *o = NULL;
		char shown[32];

		for (size_t i = 0; i < ARRAY_SIZE(options) && !o; i++)
			if (tok_abbrev(t, options[i].name, options[i].min))
				o = &options[i];
		if (!o) {
			tok_show(t, shown, sizeof(shown));
			cur_error(c, t, "unknown option '%s'", shown);
			return false;
		}
		memset(&s->u.option, 0, sizeof(s->u.option));
		s->u.option.name = o->name;
		if (o->arity && !option_value(c, o, s->u.option.value))
			return false;
		dir_add_stmt(p, s);
	}
	return false;	/* every option was added above */
}

bool dir_parse_vmrelocate(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s)
{
	const struct cfg_token *t = cur_take(c);

	(void)p;
	if (t && tok_is(t, "ON")) {
		s->u.vmrelocate.on = true;
	} else if (!t || !tok_is(t, "OFF")) {
		cur_error(c, t, "expected ON or OFF");
		return false;
	}
	if (cur_keyword(c, "DOMAIN", 6) &&
	    !cur_name(c, "domain name", CFG_NAME_LEN, CS_NAME, s->u.vmrelocate.domain))
		return false;
	return cur_done(c);
}
