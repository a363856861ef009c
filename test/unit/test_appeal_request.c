/*
 * test/unit/test_appeal_request.c
 *		Unit tests of appeal request validation, decision rules and the
 *		outbox backoff (src/core/appeal_request.c).
 */
#include "appeal_request.h"
#include "unit.h"

/* A string member. */
static AqMember
str_member(const char *key, const char *value)
{
	AqMember	m;

	m.key = key;
	m.key_len = strlen(key);
	m.value.type = AQ_JSON_STRING;
	m.value.text = value;
	m.value.len = strlen(value);
	return m;
}

/* A number member (decimal text as numeric_out writes it). */
static AqMember
num_member(const char *key, const char *text)
{
	AqMember	m = str_member(key, text);

	m.value.type = AQ_JSON_NUMBER;
	return m;
}

/* A member of another kind (null, boolean, array, object). */
static AqMember
kind_member(const char *key, AqJsonType type)
{
	AqMember	m = str_member(key, "");

	m.value.type = type;
	m.value.text = NULL;
	return m;
}

/* Check a well-formed attachment whose fileSizeBytes is size_text. */
static bool
size_ok(const char *size_text, AqError *err)
{
	AqMember	m[3];

	m[0] = str_member("fileName", "a.pdf");
	m[1] = str_member("fileType", "pdf");
	m[2] = num_member("fileSizeBytes", size_text);
	return aq_check_attachment(0, AQ_JSON_OBJECT, m, 3, err);
}

/* Check a well-formed attachment whose fileType is type. */
static bool
type_ok(const char *type)
{
	AqError		err;
	AqMember	m[3];

	m[0] = str_member("fileName", "a");
	m[1] = str_member("fileType", type);
	m[2] = num_member("fileSizeBytes", "10");
	return aq_check_attachment(0, AQ_JSON_OBJECT, m, 3, &err);
}

int
main(void)
{
	AqError		err;
	AqMember	m[6];
	AqDecision	d = AQ_DECISION_INVALID;
	int64_t		v = 0;
	int			i;
	char		big[200];

	/* Request reasons. */
	{
		static const char *const codes[] = {
			"DENIAL_OF_COVERAGE", "PAYMENT_AMOUNT", "MEDICAL_NECESSITY", "OUT_OF_NETWORK",
			"PRIOR_AUTHORIZATION", "TIMELY_FILING", "CODING_DISPUTE", "DUPLICATE_CLAIM",
			"COORDINATION_OF_BENEFITS", "OTHER"
		};
		int			accepted = 0;

		for (i = 0; i < 10; i++)
			if (aq_check_request_reason(codes[i], strlen(codes[i]), &err) &&
				aq_request_reason_index(codes[i], strlen(codes[i])) == i)
				accepted++;
		CHECK_INT(accepted, 10, "each of the ten request reason codes is accepted");
	}
	CHECK_STR(aq_request_reason_name(0), "DENIAL_OF_COVERAGE", "reason 0 is DENIAL_OF_COVERAGE");
	CHECK_STR(aq_request_reason_name(9), "OTHER", "reason 9 is OTHER");
	CHECK(aq_request_reason_name(10) == NULL, "there is no eleventh reason");
	CHECK(!aq_check_request_reason("FOO", 3, &err) && err.failed,
		  "an unknown request reason is refused");
	CHECK_STR(err.message, "unknown appeal request reason", "the refusal says the reason is unknown");
	CHECK_STR(err.detail, "p_request_reason is \"FOO\".", "the detail quotes the reason");
	CHECK(strstr(err.hint, "COORDINATION_OF_BENEFITS") != NULL, "the hint lists the codes");
	CHECK(!aq_check_request_reason("other", 5, &err), "codes are matched exactly (upper case)");
	CHECK(!aq_check_request_reason("OTHER ", 6, &err), "a trailing space is not ignored");
	CHECK(!aq_check_request_reason("OTH", 3, &err), "a prefix of a code is refused");
	CHECK(!aq_check_request_reason("", 0, &err), "an empty reason is refused");
	CHECK(aq_check_request_reason("OTHERS", 5, &err), "only len bytes are read");

	/* Narrative length in characters. */
	CHECK_INT(aq_utf8_char_count("abc", 3), 3, "ASCII counts one character per byte");
	CHECK_INT(aq_utf8_char_count("\xc3\xa9t\xc3\xa9", 5), 3, "two-byte characters count once");
	CHECK_INT(aq_utf8_char_count("\xe2\x82\xac", 3), 1, "a three-byte character counts once");
	CHECK_INT(aq_utf8_char_count("\xf0\x9f\x98\x80!", 5), 2, "a four-byte character counts once");
	CHECK_INT(aq_utf8_char_count("", 0), 0, "empty text has no characters");
	CHECK(!aq_check_narrative_chars(9, &err), "9 characters are too few");
	CHECK_STR(err.detail, "p_narrative has 9 characters.", "the detail gives the length");
	CHECK_STR(err.message, "appeal narrative must be 10 to 4000 characters long",
			  "the message gives the bounds");
	CHECK(!aq_check_narrative_chars(1, &err) && strcmp(err.detail, "p_narrative has 1 character.") == 0,
		  "one character is singular");
	CHECK(aq_check_narrative_chars(10, &err) && !err.failed, "10 characters are enough");
	CHECK(aq_check_narrative_chars(4000, &err), "4000 characters are allowed");
	CHECK(!aq_check_narrative_chars(4001, &err), "4001 characters are too many");
	CHECK(!aq_check_narrative_chars(0, &err), "an empty narrative is refused");

	/* The attachment list. */
	CHECK(aq_check_attachment_list(AQ_JSON_ARRAY, 0, &err), "no attachments is fine");
	CHECK(aq_check_attachment_list(AQ_JSON_ARRAY, 10, &err), "ten attachments are allowed");
	CHECK(!aq_check_attachment_list(AQ_JSON_ARRAY, 11, &err), "eleven attachments are refused");
	CHECK_STR(err.detail, "p_attachments has 11 elements; at most 10 are allowed.",
			  "the detail counts the attachments");
	CHECK(!aq_check_attachment_list(AQ_JSON_OBJECT, 1, &err), "an object is not a list");
	CHECK_STR(err.detail, "p_attachments is an object.", "the detail names the JSON kind");
	CHECK(!aq_check_attachment_list(AQ_JSON_STRING, 0, &err), "a string is not a list");

	/* One attachment. */
	m[0] = str_member("fileName", "denial-letter.pdf");
	m[1] = str_member("fileType", "pdf");
	m[2] = num_member("fileSizeBytes", "120000");
	m[3] = str_member("documentType", "medical_records");
	CHECK(aq_check_attachment(0, AQ_JSON_OBJECT, m, 4, &err), "a complete attachment is accepted");
	CHECK(aq_check_attachment(0, AQ_JSON_OBJECT, m, 3, &err), "documentType is optional");
	m[3] = kind_member("documentType", AQ_JSON_NULL);
	CHECK(aq_check_attachment(0, AQ_JSON_OBJECT, m, 4, &err), "a null documentType counts as absent");
	m[3] = str_member("documentType", "");
	CHECK(!aq_check_attachment(4, AQ_JSON_OBJECT, m, 4, &err), "an empty documentType is refused");
	CHECK_STR(err.detail, "p_attachments[4].documentType is an empty string.",
			  "the detail names the element and field");
	m[3] = num_member("documentType", "7");
	CHECK(!aq_check_attachment(0, AQ_JSON_OBJECT, m, 4, &err), "a numeric documentType is refused");

	CHECK(!aq_check_attachment(2, AQ_JSON_STRING, NULL, 0, &err), "an element that is no object is refused");
	CHECK_STR(err.detail, "p_attachments[2] is a string.", "the detail gives the index and kind");

	m[3] = str_member("url", "http://x");
	CHECK(!aq_check_attachment(1, AQ_JSON_OBJECT, m, 4, &err), "an unknown key is refused");
	CHECK_STR(err.message, "appeal attachment has an unknown key", "the message says the key is unknown");
	CHECK_STR(err.detail, "p_attachments[1] has key \"url\".", "the detail names the key");
	CHECK(strstr(err.hint, "fileSizeBytes") != NULL, "the hint lists the allowed keys");
	m[3] = str_member("FileName", "x");
	CHECK(!aq_check_attachment(1, AQ_JSON_OBJECT, m, 4, &err), "keys are case-sensitive");

	/* fileName */
	m[0] = str_member("fileType", "pdf");
	m[1] = num_member("fileSizeBytes", "1");
	CHECK(!aq_check_attachment(3, AQ_JSON_OBJECT, m, 2, &err), "a missing fileName is refused");
	CHECK_STR(err.message, "appeal attachment needs a fileName", "the message asks for a fileName");
	CHECK_STR(err.detail, "p_attachments[3].fileName is missing.", "the detail says it is missing");
	m[2] = str_member("fileName", "");
	CHECK(!aq_check_attachment(0, AQ_JSON_OBJECT, m, 3, &err), "an empty fileName is refused");
	CHECK_STR(err.detail, "p_attachments[0].fileName is an empty string.", "the detail says it is empty");
	m[2] = num_member("fileName", "12");
	CHECK(!aq_check_attachment(0, AQ_JSON_OBJECT, m, 3, &err), "a numeric fileName is refused");
	CHECK_STR(err.detail, "p_attachments[0].fileName is a number.", "the detail names the kind");
	m[2] = kind_member("fileName", AQ_JSON_NULL);
	CHECK(!aq_check_attachment(0, AQ_JSON_OBJECT, m, 3, &err), "a null fileName is refused");

	/* fileType */
	CHECK(type_ok("gif") && type_ok("jpg") && type_ok("jpeg") && type_ok("pdf") &&
		  type_ok("tif") && type_ok("tiff"), "every listed fileType is accepted");
	CHECK(type_ok("PDF") && type_ok("Tiff") && type_ok("JPEG"), "fileType ignores letter case");
	CHECK(!type_ok("exe"), "exe is refused");
	CHECK(!type_ok("png"), "png is refused");
	CHECK(!type_ok(".pdf"), "a leading dot is refused");
	CHECK(!type_ok("pdf "), "a trailing space is refused");
	CHECK(!type_ok(""), "an empty fileType is refused");
	m[0] = str_member("fileName", "a");
	m[1] = str_member("fileType", "exe");
	m[2] = num_member("fileSizeBytes", "10");
	aq_check_attachment(5, AQ_JSON_OBJECT, m, 3, &err);
	CHECK_STR(err.detail, "p_attachments[5].fileType is \"exe\".", "the detail quotes the fileType");
	CHECK(strstr(err.hint, "gif, jpg, jpeg, pdf, tif, tiff") != NULL, "the hint lists the file types");
	m[1] = kind_member("fileType", AQ_JSON_BOOL);
	CHECK(!aq_check_attachment(0, AQ_JSON_OBJECT, m, 3, &err), "a boolean fileType is refused");
	CHECK_STR(err.detail, "p_attachments[0].fileType is a boolean.", "the detail names the kind");
	CHECK(!aq_check_attachment(0, AQ_JSON_OBJECT, m, 1, &err) &&
		  strcmp(err.detail, "p_attachments[0].fileType is missing.") == 0,
		  "a missing fileType is refused");

	/* fileSizeBytes */
	CHECK(size_ok("1", &err), "1 byte is the smallest size");
	CHECK(size_ok("67108864", &err), "64 MiB is the largest size");
	CHECK(size_ok("2048.00", &err), "a whole number written with zero decimals is accepted");
	CHECK(!size_ok("0", &err), "0 bytes is refused");
	CHECK_STR(err.detail, "p_attachments[0].fileSizeBytes is 0.", "the detail gives the size");
	CHECK(strstr(err.hint, "1 to 67108864") != NULL, "the hint gives the range");
	CHECK(!size_ok("67108865", &err), "one byte over 64 MiB is refused");
	CHECK(!size_ok("-5", &err), "a negative size is refused");
	CHECK(!size_ok("1.5", &err), "a fractional size is refused");
	CHECK_STR(err.detail, "p_attachments[0].fileSizeBytes is 1.5, not a whole number.",
			  "the detail says it is not whole");
	CHECK(!size_ok("99999999999999999999999999", &err), "a size beyond 64 bits is refused");
	m[0] = str_member("fileName", "a");
	m[1] = str_member("fileType", "pdf");
	m[2] = str_member("fileSizeBytes", "100");
	CHECK(!aq_check_attachment(0, AQ_JSON_OBJECT, m, 3, &err), "a size given as a string is refused");
	CHECK_STR(err.detail, "p_attachments[0].fileSizeBytes is a string.", "the detail names the kind");
	CHECK(!aq_check_attachment(0, AQ_JSON_OBJECT, m, 2, &err) &&
		  strcmp(err.detail, "p_attachments[0].fileSizeBytes is missing.") == 0,
		  "a missing size is refused");

	/* Integers. */
	CHECK(aq_parse_integer("42", 2, &v) == AQ_INT_OK && v == 42, "42 parses");
	CHECK(aq_parse_integer("-7", 2, &v) == AQ_INT_OK && v == -7, "-7 parses");
	CHECK(aq_parse_integer("3.000", 5, &v) == AQ_INT_OK && v == 3, "3.000 is whole");
	CHECK(aq_parse_integer("3.010", 5, &v) == AQ_INT_FRACTION, "3.010 is not whole");
	CHECK(aq_parse_integer("9223372036854775807", 19, &v) == AQ_INT_OK && v == INT64_MAX,
		  "the largest int64 parses");
	CHECK(aq_parse_integer("-9223372036854775808", 20, &v) == AQ_INT_OK && v == INT64_MIN,
		  "the smallest int64 parses");
	CHECK(aq_parse_integer("9223372036854775808", 19, &v) == AQ_INT_OVERFLOW, "int64 max + 1 overflows");
	CHECK(aq_parse_integer("", 0, &v) == AQ_INT_SYNTAX, "empty text is no number");
	CHECK(aq_parse_integer("-", 1, &v) == AQ_INT_SYNTAX, "a lone minus is no number");
	CHECK(aq_parse_integer("1e3", 3, &v) == AQ_INT_SYNTAX, "exponents are not read");
	CHECK(aq_parse_integer("5.", 2, &v) == AQ_INT_SYNTAX, "a dot needs digits after it");
	CHECK(aq_parse_integer("12", 1, &v) == AQ_INT_OK && v == 1, "only len bytes are read");

	/* Long values are shortened in details on a character boundary. */
	memset(big, 'x', sizeof(big));
	big[62] = '\xc3';
	big[63] = '\xa9';
	big[64] = '\xc3';
	big[65] = '\xa9';
	CHECK(!aq_check_request_reason(big, sizeof(big), &err), "a long reason is refused");
	CHECK_INT(strlen(err.detail), strlen("p_request_reason is \"\".") + 64 + 3,
			  "a long value is cut to 64 bytes and an ellipsis");
	big[62] = 'x';
	big[63] = 'x';
	big[64] = '\xe2';
	big[65] = '\x82';
	big[66] = '\xac';
	aq_check_request_reason(big, sizeof(big), &err);
	CHECK_INT(strlen(err.detail), strlen("p_request_reason is \"\".") + 64 + 3,
			  "a cut at a character boundary keeps 64 bytes");
	big[63] = '\xe2';
	big[64] = '\x82';
	big[65] = '\xac';
	aq_check_request_reason(big, sizeof(big), &err);
	CHECK_INT(strlen(err.detail), strlen("p_request_reason is \"\".") + 63 + 3,
			  "a multibyte character is never split");

	/* Contact and source. */
	CHECK(aq_check_contact(AQ_JSON_OBJECT, &err), "a contact object is accepted");
	CHECK(aq_check_contact(AQ_JSON_NULL, &err), "a JSON null contact means none");
	CHECK(!aq_check_contact(AQ_JSON_ARRAY, &err), "a contact array is refused");
	CHECK_STR(err.detail, "p_contact is an array.", "the detail names the kind");
	CHECK(!aq_check_contact(AQ_JSON_STRING, &err), "a contact string is refused");
	CHECK(aq_check_source("ECS", 3, &err), "ECS is a source");
	CHECK(!aq_check_source("", 0, &err), "an empty source is refused");

	/* Decisions. */
	CHECK(aq_check_decision("overturned", 10, AQ_AMOUNT_POSITIVE, "450.00", &d, &err) &&
		  d == AQ_DECISION_OVERTURNED, "overturned with an amount is accepted");
	CHECK(aq_check_decision("partially_overturned", 20, AQ_AMOUNT_POSITIVE, "100", &d, &err) &&
		  d == AQ_DECISION_PARTIALLY_OVERTURNED, "partially_overturned with an amount is accepted");
	CHECK(aq_check_decision("upheld", 6, AQ_AMOUNT_ABSENT, NULL, &d, &err) && d == AQ_DECISION_UPHELD,
		  "upheld without an amount is accepted");
	CHECK(aq_check_decision("upheld", 6, AQ_AMOUNT_ZERO, "0", &d, &err), "upheld with 0 is accepted");
	CHECK(!aq_check_decision("upheld", 6, AQ_AMOUNT_POSITIVE, "5", &d, &err),
		  "upheld with a positive amount is refused");
	CHECK_STR(err.message, "an upheld appeal approves no amount", "the message explains upheld");
	CHECK_STR(err.detail, "p_approved_amount is 5.", "the detail gives the amount");
	CHECK(!aq_check_decision("overturned", 10, AQ_AMOUNT_ABSENT, NULL, &d, &err),
		  "overturned without an amount is refused");
	CHECK_STR(err.message, "decision overturned needs an approved amount greater than 0",
			  "the message names the decision");
	CHECK_STR(err.detail, "p_approved_amount is NULL.", "the detail says NULL");
	CHECK(!aq_check_decision("partially_overturned", 20, AQ_AMOUNT_ZERO, "0", &d, &err),
		  "partially_overturned with 0 is refused");
	CHECK_STR(err.message, "decision partially_overturned needs an approved amount greater than 0",
			  "the message names the longest decision in full");
	CHECK_STR(err.detail, "p_approved_amount is 0.", "the detail gives the zero amount");
	CHECK(!aq_check_decision("overturned", 10, AQ_AMOUNT_NEGATIVE, "-1", &d, &err),
		  "a negative amount is refused");
	CHECK_STR(err.message, "approved amount must be a finite amount of at least 0",
			  "the message asks for a non-negative amount");
	CHECK(!aq_check_decision("upheld", 6, AQ_AMOUNT_NOT_FINITE, "NaN", &d, &err),
		  "NaN is refused");
	CHECK(!aq_check_decision("Upheld", 6, AQ_AMOUNT_ABSENT, NULL, &d, &err),
		  "decisions are matched exactly (lower case)");
	CHECK_STR(err.detail, "p_decision is \"Upheld\".", "the detail quotes the decision");
	CHECK(strstr(err.hint, "partially_overturned") != NULL, "the hint lists the decisions");
	CHECK_STR(aq_decision_name(AQ_DECISION_UPHELD), "upheld", "the name of upheld");
	CHECK(aq_decision_name(AQ_DECISION_INVALID) == NULL, "an invalid decision has no name");

	/* Backoff. */
	CHECK_INT(aq_backoff_seconds(1), 30, "the first retry waits 30 seconds");
	CHECK_INT(aq_backoff_seconds(2), 60, "the second waits a minute");
	CHECK_INT(aq_backoff_seconds(3), 120, "the third waits two minutes");
	CHECK_INT(aq_backoff_seconds(7), 1920, "the seventh waits 32 minutes");
	CHECK_INT(aq_backoff_seconds(8), 3600, "the eighth is capped at an hour");
	CHECK_INT(aq_backoff_seconds(1000000), 3600, "huge attempt counts stay at an hour");
	CHECK_INT(aq_backoff_seconds(0), 30, "zero attempts waits the base delay");
	CHECK_INT(aq_backoff_seconds(-3), 30, "negative attempts wait the base delay");

	return unit_done();
}
