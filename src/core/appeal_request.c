/*
 * src/core/appeal_request.c
 *		Validation of appeal requests and decisions, and the outbox retry
 *		backoff, in pure C.  See appeal_request.h.
 */
#include "appeal_request.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "text_util.h"

static const char *const request_reasons[AQ_NUM_REQUEST_REASONS] = {
	"DENIAL_OF_COVERAGE",
	"PAYMENT_AMOUNT",
	"MEDICAL_NECESSITY",
	"OUT_OF_NETWORK",
	"PRIOR_AUTHORIZATION",
	"TIMELY_FILING",
	"CODING_DISPUTE",
	"DUPLICATE_CLAIM",
	"COORDINATION_OF_BENEFITS",
	"OTHER"
};

static const char *const file_types[] = {"gif", "jpg", "jpeg", "pdf", "tif", "tiff"};

static const char *const decisions[] = {"overturned", "partially_overturned", "upheld"};

/* Longest part of a user value quoted in a detail, in bytes. */
#define QUOTE_MAX_BYTES 64

#if defined(__GNUC__)
#define AQ_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define AQ_PRINTF(f, a)
#endif

static bool fail(AqError *err, const char *message, const char *hint,
				 const char *detail_fmt,...) AQ_PRINTF(4, 5);

/*
 * Fill err with message, detail and hint (printf formats; detail and hint
 * may be NULL).  Returns false so that checks can "return fail(...)".
 */
static bool
fail(AqError *err, const char *message, const char *hint, const char *detail_fmt, ...)
{
	va_list		ap;

	err->failed = true;
	snprintf(err->message, sizeof(err->message), "%s", message);
	err->detail[0] = '\0';
	if (detail_fmt != NULL)
	{
		va_start(ap, detail_fmt);
		vsnprintf(err->detail, sizeof(err->detail), detail_fmt, ap);
		va_end(ap);
	}
	snprintf(err->hint, sizeof(err->hint), "%s", hint ? hint : "");
	return false;
}

/* Mark err as passed. */
static bool
pass(AqError *err)
{
	err->failed = false;
	err->message[0] = err->detail[0] = err->hint[0] = '\0';
	return true;
}

/*
 * Copy s[0..len) into buf (size >= QUOTE_MAX_BYTES + 4), shortened to at
 * most QUOTE_MAX_BYTES bytes on a UTF-8 character boundary with "..." after
 * it, so that a huge value does not flood the error report.
 */
static const char *
shorten(char *buf, const char *s, size_t len)
{
	size_t		n = len;
	bool		cut = false;

	if (n > QUOTE_MAX_BYTES)
	{
		n = QUOTE_MAX_BYTES;
		/* back off continuation bytes so as not to split a character */
		while (n > 0 && (((unsigned char) s[n]) & 0xC0) == 0x80)
			n--;
		cut = true;
	}
	memcpy(buf, s, n);
	if (cut)
	{
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

/* Name of a JSON kind, with its article, for details. */
const char *
aq_json_type_name(AqJsonType type)
{
	switch (type)
	{
		case AQ_JSON_NULL:
			return "null";
		case AQ_JSON_STRING:
			return "a string";
		case AQ_JSON_NUMBER:
			return "a number";
		case AQ_JSON_BOOL:
			return "a boolean";
		case AQ_JSON_ARRAY:
			return "an array";
		case AQ_JSON_OBJECT:
			return "an object";
	}
	return "an unknown JSON value";
}

/* Index of an exactly matching request reason, or -1. */
int
aq_request_reason_index(const char *s, size_t len)
{
	int			i;

	for (i = 0; i < AQ_NUM_REQUEST_REASONS; i++)
		if (text_equal(s, len, request_reasons[i]))
			return i;
	return -1;
}

/* Code of a reason index. */
const char *
aq_request_reason_name(int index)
{
	if (index < 0 || index >= AQ_NUM_REQUEST_REASONS)
		return NULL;
	return request_reasons[index];
}

/* The request reason must be one of the ten codes. */
bool
aq_check_request_reason(const char *s, size_t len, AqError *err)
{
	char		buf[QUOTE_MAX_BYTES + 4];

	if (aq_request_reason_index(s, len) >= 0)
		return pass(err);
	return fail(err, "unknown appeal request reason",
				"Use one of " AQ_REQUEST_REASON_LIST " (upper case).",
				"p_request_reason is \"%s\".", shorten(buf, s ? s : "", s ? len : 0));
}

/* Count characters: every byte that is not a UTF-8 continuation byte. */
size_t
aq_utf8_char_count(const char *s, size_t len)
{
	size_t		i;
	size_t		n = 0;

	for (i = 0; i < len; i++)
		if ((((unsigned char) s[i]) & 0xC0) != 0x80)
			n++;
	return n;
}

/* The narrative must be 10 to 4000 characters long. */
bool
aq_check_narrative_chars(size_t chars, AqError *err)
{
	if (chars >= AQ_NARRATIVE_MIN_CHARS && chars <= AQ_NARRATIVE_MAX_CHARS)
		return pass(err);
	return fail(err, "appeal narrative must be 10 to 4000 characters long",
				"Explain in 10 to 4000 characters why the payer should reconsider the claim.",
				"p_narrative has %zu character%s.", chars, chars == 1 ? "" : "s");
}

/* The attachments must be an array of at most ten elements. */
bool
aq_check_attachment_list(AqJsonType type, int count, AqError *err)
{
	if (type != AQ_JSON_ARRAY)
		return fail(err, "appeal attachments must be a JSON array",
					"Pass an array of {" AQ_ATTACHMENT_KEY_LIST "} objects, or [] for none.",
					"p_attachments is %s.", aq_json_type_name(type));
	if (count > AQ_MAX_ATTACHMENTS)
		return fail(err, "too many appeal attachments",
					"Attach at most 10 files; combine related documents into one file.",
					"p_attachments has %d elements; at most %d are allowed.",
					count, AQ_MAX_ATTACHMENTS);
	return pass(err);
}

/* True for gif, jpg, jpeg, pdf, tif, tiff in any letter case. */
bool
aq_file_type_allowed(const char *s, size_t len)
{
	size_t		i;

	if (s == NULL)
		return false;
	for (i = 0; i < sizeof(file_types) / sizeof(file_types[0]); i++)
		if (text_equal_ci(s, len, file_types[i]))
			return true;
	return false;
}

/* The member named key, or NULL. */
static const AqMember *
find_member(const AqMember *members, int nmembers, const char *key)
{
	int			i;

	for (i = 0; i < nmembers; i++)
		if (text_equal(members[i].key, members[i].key_len, key))
			return &members[i];
	return NULL;
}

/*
 * How a value that is not what was expected reads in a detail: "is
 * missing", "is null", "is a number", "is an empty string".
 */
static const char *
describe_unexpected(const AqMember *m)
{
	if (m == NULL)
		return "is missing";
	switch (m->value.type)
	{
		case AQ_JSON_NULL:
			return "is null";
		case AQ_JSON_STRING:
			return m->value.len == 0 ? "is an empty string" : "is a string";
		case AQ_JSON_NUMBER:
			return "is a number";
		case AQ_JSON_BOOL:
			return "is a boolean";
		case AQ_JSON_ARRAY:
			return "is an array";
		case AQ_JSON_OBJECT:
			return "is an object";
	}
	return "is not valid";
}

/* Parse [-]digits[.digits] as a whole number; see appeal_request.h. */
AqIntParse
aq_parse_integer(const char *s, size_t len, int64_t *out)
{
	size_t		i = 0;
	bool		negative = false;
	bool		overflow = false;
	uint64_t	value = 0;
	size_t		digits = 0;

	if (s == NULL || len == 0)
		return AQ_INT_SYNTAX;
	if (s[0] == '-')
	{
		negative = true;
		i++;
	}
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
	{
		unsigned	d = (unsigned) (s[i] - '0');

		digits++;
		if (value > (UINT64_MAX - d) / 10)
			overflow = true;
		else
			value = value * 10 + d;
	}
	if (digits == 0)
		return AQ_INT_SYNTAX;
	if (i < len)
	{
		bool		fraction = false;
		size_t		fdigits = 0;

		if (s[i] != '.')
			return AQ_INT_SYNTAX;
		for (i++; i < len; i++)
		{
			if (s[i] < '0' || s[i] > '9')
				return AQ_INT_SYNTAX;
			fdigits++;
			if (s[i] != '0')
				fraction = true;
		}
		if (fdigits == 0)
			return AQ_INT_SYNTAX;
		if (fraction)
			return AQ_INT_FRACTION;
	}
	if (overflow)
		return AQ_INT_OVERFLOW;
	if (negative)
	{
		if (value > (uint64_t) INT64_MAX + 1)
			return AQ_INT_OVERFLOW;
		*out = value == (uint64_t) INT64_MAX + 1 ? INT64_MIN : -(int64_t) value;
	}
	else
	{
		if (value > (uint64_t) INT64_MAX)
			return AQ_INT_OVERFLOW;
		*out = (int64_t) value;
	}
	return AQ_INT_OK;
}

/* Check one attachment; see appeal_request.h. */
bool
aq_check_attachment(int index, AqJsonType element_type,
					const AqMember *members, int nmembers, AqError *err)
{
	char		buf[QUOTE_MAX_BYTES + 4];
	const AqMember *m;
	int			i;

	if (element_type != AQ_JSON_OBJECT)
		return fail(err, "appeal attachment must be a JSON object",
					"Describe each attachment as {" AQ_ATTACHMENT_KEY_LIST "}.",
					"p_attachments[%d] is %s.", index, aq_json_type_name(element_type));

	for (i = 0; i < nmembers; i++)
	{
		const AqMember *k = &members[i];

		if (!text_equal(k->key, k->key_len, "fileName") &&
			!text_equal(k->key, k->key_len, "fileType") &&
			!text_equal(k->key, k->key_len, "fileSizeBytes") &&
			!text_equal(k->key, k->key_len, "documentType"))
			return fail(err, "appeal attachment has an unknown key",
						"Allowed keys: " AQ_ATTACHMENT_KEY_LIST ".",
						"p_attachments[%d] has key \"%s\".", index,
						shorten(buf, k->key ? k->key : "", k->key ? k->key_len : 0));
	}

	m = find_member(members, nmembers, "fileName");
	if (m == NULL || m->value.type != AQ_JSON_STRING || m->value.len == 0)
		return fail(err, "appeal attachment needs a fileName",
					"Give every attachment a non-empty fileName string.",
					"p_attachments[%d].fileName %s.", index, describe_unexpected(m));

	m = find_member(members, nmembers, "fileType");
	if (m == NULL || m->value.type != AQ_JSON_STRING)
		return fail(err, "appeal attachment has an unsupported fileType",
					"Use one of " AQ_FILE_TYPE_LIST " (any letter case).",
					"p_attachments[%d].fileType %s.", index, describe_unexpected(m));
	if (!aq_file_type_allowed(m->value.text, m->value.len))
		return fail(err, "appeal attachment has an unsupported fileType",
					"Use one of " AQ_FILE_TYPE_LIST " (any letter case).",
					"p_attachments[%d].fileType is \"%s\".", index,
					shorten(buf, m->value.text ? m->value.text : "", m->value.len));

	m = find_member(members, nmembers, "fileSizeBytes");
	if (m == NULL || m->value.type != AQ_JSON_NUMBER)
		return fail(err, "appeal attachment has an invalid fileSizeBytes",
					"fileSizeBytes must be a whole number of bytes from 1 to 67108864 (64 MiB).",
					"p_attachments[%d].fileSizeBytes %s.", index, describe_unexpected(m));
	{
		int64_t		size = 0;
		AqIntParse	r = aq_parse_integer(m->value.text, m->value.len, &size);

		if (r != AQ_INT_OK || size < AQ_MIN_FILE_SIZE_BYTES || size > AQ_MAX_FILE_SIZE_BYTES)
			return fail(err, "appeal attachment has an invalid fileSizeBytes",
						"fileSizeBytes must be a whole number of bytes from 1 to 67108864 (64 MiB).",
						"p_attachments[%d].fileSizeBytes is %s%s.", index,
						shorten(buf, m->value.text ? m->value.text : "", m->value.len),
						r == AQ_INT_FRACTION ? ", not a whole number" : "");
	}

	m = find_member(members, nmembers, "documentType");
	if (m != NULL && m->value.type != AQ_JSON_NULL &&
		(m->value.type != AQ_JSON_STRING || m->value.len == 0))
		return fail(err, "appeal attachment has an invalid documentType",
					"documentType is optional; when given it must be a non-empty string such as \"medical_records\".",
					"p_attachments[%d].documentType %s.", index, describe_unexpected(m));

	return pass(err);
}

/* The contact, when given, must be an object. */
bool
aq_check_contact(AqJsonType type, AqError *err)
{
	if (type == AQ_JSON_OBJECT || type == AQ_JSON_NULL)
		return pass(err);
	return fail(err, "appeal contact must be a JSON object",
				"Pass the contact details as an object such as {\"name\": ..., \"phone\": ..., \"email\": ...}, or NULL.",
				"p_contact is %s.", aq_json_type_name(type));
}

/* The source must not be empty. */
bool
aq_check_source(const char *s, size_t len, AqError *err)
{
	if (s != NULL && len > 0)
		return pass(err);
	return fail(err, "appeal source must not be empty",
				"Name the channel the appeal comes from, such as ECS.",
				"p_source is an empty string.");
}

/* Decision named exactly by s[0..len). */
AqDecision
aq_decision_from_text(const char *s, size_t len)
{
	int			i;

	for (i = 0; i < (int) (sizeof(decisions) / sizeof(decisions[0])); i++)
		if (text_equal(s, len, decisions[i]))
			return (AqDecision) i;
	return AQ_DECISION_INVALID;
}

/* Name of a decision. */
const char *
aq_decision_name(AqDecision decision)
{
	if (decision < 0 || decision > AQ_DECISION_UPHELD)
		return NULL;
	return decisions[decision];
}

/* Check a decision and its amount; see appeal_request.h. */
bool
aq_check_decision(const char *s, size_t len, AqAmount amount,
				  const char *amount_text, AqDecision *out, AqError *err)
{
	char		buf[QUOTE_MAX_BYTES + 4];
	char		abuf[QUOTE_MAX_BYTES + 4];
	char		msg[AQ_TEXT_SIZE];
	AqDecision	d = aq_decision_from_text(s, len);
	const char *atext;

	if (d == AQ_DECISION_INVALID)
		return fail(err, "unknown appeal decision",
					"Use one of " AQ_DECISION_LIST ".",
					"p_decision is \"%s\".", shorten(buf, s ? s : "", s ? len : 0));

	atext = amount_text ? shorten(abuf, amount_text, strlen(amount_text)) : "NULL";
	if (amount == AQ_AMOUNT_NEGATIVE || amount == AQ_AMOUNT_NOT_FINITE)
		return fail(err, "approved amount must be a finite amount of at least 0",
					"Pass the amount the payer approved on appeal.",
					"p_approved_amount is %s.", atext);

	if (d == AQ_DECISION_UPHELD)
	{
		if (amount == AQ_AMOUNT_POSITIVE)
			return fail(err, "an upheld appeal approves no amount",
						"Pass NULL or 0 as p_approved_amount for decision upheld.",
						"p_approved_amount is %s.", atext);
	}
	else if (amount != AQ_AMOUNT_POSITIVE)
	{
		snprintf(msg, sizeof(msg), "decision %s needs an approved amount greater than 0",
				 decisions[d]);
		return fail(err, msg,
					"Pass the amount the payer approved on appeal as p_approved_amount.",
					"p_approved_amount is %s.", atext);
	}

	*out = d;
	return pass(err);
}

/* min(30 * 2^(attempts - 1), 3600) seconds, without overflow. */
int64_t
aq_backoff_seconds(int attempts)
{
	int64_t		delay = AQ_BACKOFF_BASE_SECONDS;
	int			i;

	for (i = 1; i < attempts; i++)
	{
		delay *= 2;
		if (delay >= AQ_BACKOFF_CAP_SECONDS)
			return AQ_BACKOFF_CAP_SECONDS;
	}
	return delay < AQ_BACKOFF_CAP_SECONDS ? delay : AQ_BACKOFF_CAP_SECONDS;
}
