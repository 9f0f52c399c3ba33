/*
 * vsnprintf/snprintf: the ISO C conversions the hypervisor uses
 * (d i u o x X c s p %, flags - + space # 0, width, precision, * and the
 * length modifiers hh h l ll z t j). Floating point is not supported: the
 * hypervisor is built without it. The return value is the length the full
 * output would have had; the buffer is always NUL-terminated when size > 0.
 */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <stdbool.h>

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_repeat(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

struct spec {
	bool left, plus, space, alt, zero;
	int width;
	int precision; /* -1 when absent */
};

static void put_string(struct out *o, const struct spec *sp, const char *s)
{
	int len;

	if (!s)
		s = "(null)";
	len = (int)(sp->precision >= 0 ? strnlen(s, (size_t)sp->precision) : strlen(s));
	if (!sp->left)
		put_repeat(o, ' ', sp->width - len);
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (sp->left)
		put_repeat(o, ' ', sp->width - len);
}

static void put_number(struct out *o, const struct spec *sp, uint64_t v, bool negative,
		       unsigned base, bool upper, bool is_signed)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, prec_zeros, pad;
	const char *prefix = "";
	int prefix_len;

	while (v) {
		tmp[n++] = digits[v % base];
		v /= base;
	}
	/* ISO C: precision 0 with value 0 prints no digits (but %#o prints "0"). */
	if (sp->precision < 0 && n == 0)
		tmp[n++] = '0';
	if (is_signed) {
		if (negative)
			prefix = "-";
		else if (sp->plus)
			prefix = "+";
		else if (sp->space)
			prefix = " ";
	} else if (sp->alt && base == 16 && n > 0 && !(n == 1 && tmp[0] == '0')) {
		prefix = upper ? "0X" : "0x";
	}
	prec_zeros = sp->precision > n ? sp->precision - n : 0;
	if (sp->alt && base == 8 && prec_zeros == 0 && (n == 0 || tmp[n - 1] != '0'))
		prec_zeros = 1;
	prefix_len = (int)strlen(prefix);
	pad = sp->width - (prefix_len + prec_zeros + n);
	if (!sp->left && !(sp->zero && sp->precision < 0))
		put_repeat(o, ' ', pad);
	for (int i = 0; i < prefix_len; i++)
		put(o, prefix[i]);
	if (!sp->left && sp->zero && sp->precision < 0)
		put_repeat(o, '0', pad);
	put_repeat(o, '0', prec_zeros);
	while (n)
		put(o, tmp[--n]);
	if (sp->left)
		put_repeat(o, ' ', pad);
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE, LEN_PTRDIFF, LEN_MAX };

static uint64_t fetch_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_CHAR: return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_SHORT: return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_LONG: return va_arg(*ap, unsigned long);
	case LEN_LLONG: return va_arg(*ap, unsigned long long);
	case LEN_SIZE: return va_arg(*ap, size_t);
	case LEN_PTRDIFF: return (uint64_t)va_arg(*ap, ptrdiff_t);
	case LEN_MAX: return va_arg(*ap, uintmax_t);
	case LEN_INT: break;
	}
	return va_arg(*ap, unsigned int);
}

static int64_t fetch_signed(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_CHAR: return (signed char)va_arg(*ap, int);
	case LEN_SHORT: return (short)va_arg(*ap, int);
	case LEN_LONG: return va_arg(*ap, long);
	case LEN_LLONG: return va_arg(*ap, long long);
	case LEN_SIZE: return (int64_t)va_arg(*ap, size_t);
	case LEN_PTRDIFF: return va_arg(*ap, ptrdiff_t);
	case LEN_MAX: return va_arg(*ap, intmax_t);
	case LEN_INT: break;
	}
	return va_arg(*ap, int);
}

static const char *parse_spec(const char *f, struct spec *sp, enum length *len, va_list *ap)
{
	*sp = (struct spec){ .precision = -1 };
	for (;; f++) {
		if (*f == '-') sp->left = true;
		else if (*f == '+') sp->plus = true;
		else if (*f == ' ') sp->space = true;
		else if (*f == '#') sp->alt = true;
		else if (*f == '0') sp->zero = true;
		else break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		f++;
	} else {
		while (*f >= '0' && *f <= '9')
			sp->width = sp->width * 10 + (*f++ - '0');
	}
	if (*f == '.') {
		f++;
		sp->precision = 0;
		if (*f == '*') {
			sp->precision = va_arg(*ap, int);
			if (sp->precision < 0)
				sp->precision = -1;
			f++;
		} else {
			while (*f >= '0' && *f <= '9')
				sp->precision = sp->precision * 10 + (*f++ - '0');
		}
	}
	*len = LEN_INT;
	if (f[0] == 'h' && f[1] == 'h') { *len = LEN_CHAR; f += 2; }
	else if (f[0] == 'h') { *len = LEN_SHORT; f++; }
	else if (f[0] == 'l' && f[1] == 'l') { *len = LEN_LLONG; f += 2; }
	else if (f[0] == 'l') { *len = LEN_LONG; f++; }
	else if (f[0] == 'z') { *len = LEN_SIZE; f++; }
	else if (f[0] == 't') { *len = LEN_PTRDIFF; f++; }
	else if (f[0] == 'j') { *len = LEN_MAX; f++; }
	return f;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	va_list ap;

	va_copy(ap, ap_in);
	while (*fmt) {
		struct spec sp;
		enum length len;

		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &len, &ap);
		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t v = fetch_signed(&ap, len);
			uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

			put_number(&o, &sp, mag, v < 0, 10, false, true);
			break;
		}
		case 'u':
			put_number(&o, &sp, fetch_unsigned(&ap, len), false, 10, false, false);
			break;
		case 'o':
			put_number(&o, &sp, fetch_unsigned(&ap, len), false, 8, false, false);
			break;
		case 'x':
		case 'X':
			put_number(&o, &sp, fetch_unsigned(&ap, len), false, 16, *fmt == 'X', false);
			break;
		case 'p': {
			void *p = va_arg(ap, void *);

			if (!p) {
				put_string(&o, &sp, "(nil)");
			} else {
				sp.alt = true;
				put_number(&o, &sp, (uint64_t)(uintptr_t)p, false, 16, false, false);
			}
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);

			if (!sp.left)
				put_repeat(&o, ' ', sp.width - 1);
			put(&o, c);
			if (sp.left)
				put_repeat(&o, ' ', sp.width - 1);
			break;
		}
		case 's':
			put_string(&o, &sp, va_arg(ap, const char *));
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			/* A lone '%' at the end: print nothing more. */
			fmt--;
			break;
		default:
			/* Unknown conversion: print it literally so the mistake is visible. */
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
		fmt++;
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
