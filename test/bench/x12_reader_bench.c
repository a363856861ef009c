/*
 * test/bench/x12_reader_bench.c
 *		Throughput of the pure-C 277 reader (src/core/x12_277.c) on one core:
 *		reads a file into memory, parses it REPEAT times and prints the
 *		claims found and the best and median MB/s.  Built and run by
 *		scripts/bench_x12.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "x12_277.h"

/* Seconds on the monotonic clock. */
static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* qsort comparator for doubles. */
static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	FILE	   *f;
	char	   *data;
	long		len;
	int			repeat = argc > 2 ? atoi(argv[2]) : 5;
	double	   *rates;
	long		claims = 0;
	int			r;

	if (argc < 2 || repeat < 1)
	{
		fprintf(stderr, "usage: x12_reader_bench FILE [REPEAT]\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0)
	{
		perror(argv[1]);
		return 2;
	}
	rewind(f);
	data = malloc(len > 0 ? len : 1);
	if (data == NULL || fread(data, 1, len, f) != (size_t) len)
	{
		perror("read");
		return 2;
	}
	fclose(f);
	rates = malloc(sizeof(double) * repeat);

	for (r = 0; r < repeat; r++)
	{
		X12Parser  *p = x12_277_create(data, len, NULL);
		const X12Claim *c;
		double		t0 = now_seconds();
		int			rc;

		claims = 0;
		while ((rc = x12_277_next(p, &c)) > 0)
			claims++;
		rates[r] = len / 1e6 / (now_seconds() - t0);
		if (rc < 0)
		{
			fprintf(stderr, "parse error: %s\n", x12_277_error(p)->message);
			return 1;
		}
		x12_277_destroy(p);
	}
	qsort(rates, repeat, sizeof(double), cmp_double);
	printf("claims=%ld bytes=%ld best_mb_s=%.1f median_mb_s=%.1f\n",
		   claims, len, rates[repeat - 1], rates[repeat / 2]);
	free(rates);
	free(data);
	return 0;
}
