/* The freestanding library as built for the host with every symbol prefixed plx_. */
#ifndef TESTS_UNIT_PLX_LIB_H
#define TESTS_UNIT_PLX_LIB_H
#include <stdarg.h>
#include <stddef.h>

void *plx_memcpy(void *dst, const void *src, size_t n);
void *plx_memmove(void *dst, const void *src, size_t n);
void *plx_memset(void *dst, int c, size_t n);
int plx_memcmp(const void *a, const void *b, size_t n);
void *plx_memchr(const void *s, int c, size_t n);
size_t plx_strlen(const char *s);
size_t plx_strnlen(const char *s, size_t max);
int plx_strcmp(const char *a, const char *b);
int plx_strncmp(const char *a, const char *b, size_t n);
int plx_strcasecmp(const char *a, const char *b);
int plx_strncasecmp(const char *a, const char *b, size_t n);
char *plx_strchr(const char *s, int c);
char *plx_strrchr(const char *s, int c);
char *plx_strstr(const char *h, const char *n);
size_t plx_strspn(const char *s, const char *a);
size_t plx_strcspn(const char *s, const char *r);
char *plx_strncpy(char *d, const char *s, size_t n);
int plx_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int plx_snprintf(char *buf, size_t size, const char *fmt, ...);
unsigned long plx_strtoul(const char *s, char **end, int base);
long plx_strtol(const char *s, char **end, int base);
unsigned long long plx_strtoull(const char *s, char **end, int base);
long long plx_strtoll(const char *s, char **end, int base);
int plx_isdigit(int c);
int plx_isxdigit(int c);
int plx_isalpha(int c);
int plx_isalnum(int c);
int plx_isupper(int c);
int plx_islower(int c);
int plx_isspace(int c);
int plx_isprint(int c);
int plx_isgraph(int c);
int plx_ispunct(int c);
int plx_iscntrl(int c);
int plx_toupper(int c);
int plx_tolower(int c);
#endif
