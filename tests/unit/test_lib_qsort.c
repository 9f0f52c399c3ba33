/* The freestanding qsort (lib/qsort.c, linked as plx_qsort) against known orders. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

void plx_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

struct rec {
	char name[9];
	unsigned char pad[3];
	int key;
};

static int cmp_rec(const void *a, const void *b)
{
	return strcmp(((const struct rec *)a)->name, ((const struct rec *)b)->name);
}

Test(lib_qsort, empty_and_single_are_untouched)
{
	int one[1] = { 7 };

	plx_qsort(NULL, 0, sizeof(int), cmp_int);
	plx_qsort(one, 1, sizeof(int), cmp_int);
	cr_assert_eq(one[0], 7);
}

Test(lib_qsort, sorts_small_arrays_with_duplicates)
{
	int v[] = { 5, -1, 3, 3, 0, 9, -7, 3, 2 };
	int want[] = { -7, -1, 0, 2, 3, 3, 3, 5, 9 };

	plx_qsort(v, sizeof(v) / sizeof(v[0]), sizeof(int), cmp_int);
	cr_assert_arr_eq(v, want, sizeof(want));
}

Test(lib_qsort, matches_host_qsort_on_pseudorandom_data)
{
	enum { N = 5000 };
	static int a[N], b[N];
	unsigned x = 12345;

	for (int i = 0; i < N; i++) {
		x = x * 1103515245u + 12345u;
		a[i] = b[i] = (int)(x >> 8) % 1000 - 500;
	}
	plx_qsort(a, N, sizeof(int), cmp_int);
	qsort(b, N, sizeof(int), cmp_int);
	cr_assert_arr_eq(a, b, sizeof(a));
}

Test(lib_qsort, sorts_records_wider_than_a_word)
{
	struct rec v[] = { { "PMAINT", {0}, 1 }, { "LINUX02", {0}, 2 }, { "MAINT", {0}, 3 },
			   { "LINUX01", {0}, 4 } };

	plx_qsort(v, 4, sizeof(v[0]), cmp_rec);
	cr_assert_str_eq(v[0].name, "LINUX01");
	cr_assert_eq(v[0].key, 4);
	cr_assert_str_eq(v[1].name, "LINUX02");
	cr_assert_str_eq(v[2].name, "MAINT");
	cr_assert_str_eq(v[3].name, "PMAINT");
	cr_assert_eq(v[3].key, 1);
}

Test(lib_qsort, already_sorted_and_reversed_inputs)
{
	int up[64], down[64];

	for (int i = 0; i < 64; i++) {
		up[i] = i;
		down[i] = 63 - i;
	}
	plx_qsort(up, 64, sizeof(int), cmp_int);
	plx_qsort(down, 64, sizeof(int), cmp_int);
	for (int i = 0; i < 64; i++) {
		cr_assert_eq(up[i], i);
		cr_assert_eq(down[i], i);
	}
}
