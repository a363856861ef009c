/*
 * test/unit/test_npi.c
 *		Unit tests of the NPI check digit (src/core/npi.c).
 */
#include "npi.h"
#include "unit.h"

int
main(void)
{
	CHECK_INT(npi_check_digit("123456789", 9), 3, "check digit of 123456789 is 3 (CMS example)");
	CHECK(npi_is_valid_text("1234567893", 10), "1234567893 is a valid NPI");
	CHECK(!npi_is_valid_text("1234567890", 10), "1234567890 has a wrong check digit");
	CHECK(!npi_is_valid_text("123456789", 9), "nine digits are not an NPI");
	CHECK(!npi_is_valid_text("12345678931", 11), "eleven digits are not an NPI");
	CHECK(!npi_is_valid_text("12345a7893", 10), "a letter is not a digit");
	CHECK(!npi_is_valid_text("", 0), "the empty string is not an NPI");
	CHECK_INT(npi_check_digit("12345678", 8), -1, "eight digits have no check digit");
	CHECK(npi_is_valid_text("1245319599", 10), "1245319599 is valid");
	return unit_done();
}
