/*
 * src/core/npi.c
 *		NPI check digit: the Luhn algorithm over the prefix 80840 followed by
 *		the first nine digits of the NPI (pure C, no PostgreSQL headers).
 *		Called by src/provider_checks.c and test/unit/test_npi.c.
 */
#include "npi.h"

/*
 * Compute the Luhn check digit over "80840" + digits[0..9).  Returns -1 when
 * the input is not exactly nine digits.
 */
int
npi_check_digit(const char *digits, size_t len)
{
	static const char prefix[] = "80840";
	char		all[14];
	int			sum = 0;
	int			i;

	if (len != 9)
		return -1;
	for (i = 0; i < 5; i++)
		all[i] = prefix[i];
	for (i = 0; i < 9; i++)
	{
		if (digits[i] < '0' || digits[i] > '9')
			return -1;
		all[5 + i] = digits[i];
	}

	/*
	 * Luhn: from the rightmost payload digit leftwards, double every other
	 * digit starting with the rightmost (the check digit will sit to its
	 * right).
	 */
	for (i = 13; i >= 0; i--)
	{
		int			d = all[i] - '0';

		if ((13 - i) % 2 == 0)
		{
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return (10 - (sum % 10)) % 10;
}

/*
 * True when s is exactly ten digits and the last is the check digit of the
 * first nine.
 */
bool
npi_is_valid_text(const char *s, size_t len)
{
	int			check;

	if (len != 10)
		return false;
	check = npi_check_digit(s, 9);
	return check >= 0 && s[9] == '0' + check;
}
