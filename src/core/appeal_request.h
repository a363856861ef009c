/*
 * src/core/appeal_request.h
 *		Appeal requests in pure C (no PostgreSQL header is included here or
 *		in appeal_request.c): validation of what a provider submits with an
 *		appeal (request reason, narrative, attachments, contact, source), of
 *		an appeal decision and its approved amount, and the retry backoff of
 *		the appeal outbox.
 *
 * The binding layer walks the jsonb values and hands this module plain
 * strings, JSON kinds and numbers in their decimal text; every refusal comes
 * back as an AqError whose message, detail and hint the binding raises with
 * SQLSTATE 22023 (invalid parameter value).
 *
 * Callers: src/submit_appeal.c (submit_appeal, record_appeal_decision),
 * src/appeal_outbox.c (appeal_outbox_nack); unit-tested by
 * test/unit/test_appeal_request.c.
 */
#ifndef APPEAL_REQUEST_H
#define APPEAL_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits of DESIGN §5.4. */
#define AQ_NARRATIVE_MIN_CHARS 10
#define AQ_NARRATIVE_MAX_CHARS 4000
#define AQ_MAX_ATTACHMENTS 10
#define AQ_MIN_FILE_SIZE_BYTES 1
#define AQ_MAX_FILE_SIZE_BYTES 67108864	/* 64 MiB */

/* Outbox retry backoff: min(base * 2^(attempts - 1), cap) seconds. */
#define AQ_BACKOFF_BASE_SECONDS 30
#define AQ_BACKOFF_CAP_SECONDS 3600

/* Lists for hints and documentation. */
#define AQ_REQUEST_REASON_LIST \
	"DENIAL_OF_COVERAGE, PAYMENT_AMOUNT, MEDICAL_NECESSITY, OUT_OF_NETWORK, " \
	"PRIOR_AUTHORIZATION, TIMELY_FILING, CODING_DISPUTE, DUPLICATE_CLAIM, " \
	"COORDINATION_OF_BENEFITS, OTHER"
#define AQ_FILE_TYPE_LIST "gif, jpg, jpeg, pdf, tif, tiff"
#define AQ_ATTACHMENT_KEY_LIST "fileName, fileType, fileSizeBytes, documentType"
#define AQ_DECISION_LIST "overturned, partially_overturned, upheld"

#define AQ_NUM_REQUEST_REASONS 10

/* Room for each text of an AqError (values quoted in it are shortened). */
#define AQ_TEXT_SIZE 512

/*
 * A refusal: errmsg, errdetail and errhint texts (all NUL-terminated).
 * failed is false (and the texts empty) when the check passed.
 */
typedef struct AqError
{
	bool		failed;
	char		message[AQ_TEXT_SIZE];
	char		detail[AQ_TEXT_SIZE];
	char		hint[AQ_TEXT_SIZE];
} AqError;

/* The kind of a JSON value, as the binding reads it from jsonb. */
typedef enum AqJsonType
{
	AQ_JSON_NULL = 0,
	AQ_JSON_STRING,
	AQ_JSON_NUMBER,
	AQ_JSON_BOOL,
	AQ_JSON_ARRAY,
	AQ_JSON_OBJECT
} AqJsonType;

/* "null", "a string", "a number", "a boolean", "an array", "an object". */
extern const char *aq_json_type_name(AqJsonType type);

/*
 * A JSON value: for a string its bytes (UTF-8, not NUL-terminated), for a
 * number its decimal text as numeric_out writes it ("-12", "1.50"); text is
 * unused for the other kinds.
 */
typedef struct AqJsonValue
{
	AqJsonType	type;
	const char *text;
	size_t		len;
} AqJsonValue;

/* One key of a JSON object and its value. */
typedef struct AqMember
{
	const char *key;
	size_t		key_len;
	AqJsonValue value;
} AqMember;

/* Index (0-based, in AQ_REQUEST_REASON_LIST order) of the request reason
 * s[0..len), matched exactly (the codes are upper case); -1 if unknown. */
extern int	aq_request_reason_index(const char *s, size_t len);

/* The canonical code of a reason index; NULL when out of range. */
extern const char *aq_request_reason_name(int index);

/* Refuse an unknown request reason.  Returns true when valid. */
extern bool aq_check_request_reason(const char *s, size_t len, AqError *err);

/*
 * Characters of the UTF-8 text s[0..len): the bytes that do not continue a
 * multibyte sequence (the server hands over valid UTF-8).
 */
extern size_t aq_utf8_char_count(const char *s, size_t len);

/* Refuse a narrative of fewer than 10 or more than 4000 characters. */
extern bool aq_check_narrative_chars(size_t chars, AqError *err);

/*
 * Refuse attachments that are not an array (type), or an array of more than
 * AQ_MAX_ATTACHMENTS elements (count).  NULL is for the caller to treat as
 * "no attachments" before calling.
 */
extern bool aq_check_attachment_list(AqJsonType type, int count, AqError *err);

/*
 * Check element index (0-based) of the attachments array: it must be an
 * object (element_type) whose members are only fileName (non-empty string),
 * fileType (gif, jpg, jpeg, pdf, tif or tiff, any letter case), fileSizeBytes
 * (a whole number from 1 to 67108864) and, optionally, documentType (a
 * non-empty string; null counts as absent).  The first problem found, in
 * that order (unknown keys first), is reported.
 */
extern bool aq_check_attachment(int index, AqJsonType element_type,
								const AqMember *members, int nmembers,
								AqError *err);

/* True when s[0..len) is an accepted fileType (ASCII case-insensitive). */
extern bool aq_file_type_allowed(const char *s, size_t len);

/* Results of aq_parse_integer. */
typedef enum AqIntParse
{
	AQ_INT_OK = 0,
	AQ_INT_FRACTION,			/* has a non-zero fractional part */
	AQ_INT_OVERFLOW,			/* whole, but outside int64 */
	AQ_INT_SYNTAX				/* not [-]digits[.digits] */
} AqIntParse;

/*
 * Parse the decimal text of a JSON number as a whole number: "[-]digits" with
 * an optional fractional part of zeros ("5.00" is 5).
 */
extern AqIntParse aq_parse_integer(const char *s, size_t len, int64_t *out);

/* Refuse a contact that is given (not SQL NULL or JSON null) and is not a
 * JSON object. */
extern bool aq_check_contact(AqJsonType type, AqError *err);

/* Refuse an empty source. */
extern bool aq_check_source(const char *s, size_t len, AqError *err);

/* Appeal decisions (appeals.decision). */
typedef enum AqDecision
{
	AQ_DECISION_INVALID = -1,
	AQ_DECISION_OVERTURNED = 0,
	AQ_DECISION_PARTIALLY_OVERTURNED,
	AQ_DECISION_UPHELD
} AqDecision;

/* The decision named exactly by s[0..len) (lower case), or invalid. */
extern AqDecision aq_decision_from_text(const char *s, size_t len);

/* Its name; NULL for invalid. */
extern const char *aq_decision_name(AqDecision decision);

/* The sign of the approved amount the caller passed. */
typedef enum AqAmount
{
	AQ_AMOUNT_ABSENT = 0,		/* SQL NULL */
	AQ_AMOUNT_ZERO,
	AQ_AMOUNT_POSITIVE,
	AQ_AMOUNT_NEGATIVE,
	AQ_AMOUNT_NOT_FINITE		/* NaN or infinity */
} AqAmount;

/*
 * Check a decision and its approved amount: the decision must be known; the
 * amount, when given, finite and not negative; overturned and
 * partially_overturned need an amount greater than 0 (what the payer
 * approved on appeal); upheld takes NULL or 0.  amount_text is the amount's
 * decimal text for the detail (NULL when absent).  Sets *out when valid.
 */
extern bool aq_check_decision(const char *s, size_t len, AqAmount amount,
							  const char *amount_text, AqDecision *out,
							  AqError *err);

/*
 * Seconds to wait before the next attempt of a message that has been
 * claimed attempts times: min(30 * 2^(attempts - 1), 3600); 30 for
 * attempts <= 1.  Never overflows.
 */
extern int64_t aq_backoff_seconds(int attempts);

#endif							/* APPEAL_REQUEST_H */
