/*
 * src/core/x12_reader.c
 *		X12 tokenizer: separators from the fixed-length ISA, then one segment
 *		per call with its elements as slices into the input (pure C, no
 *		PostgreSQL headers).  Also the value checks shared by the
 *		interpreters: amounts, dates, counts, control numbers, and the
 *		error-message helpers.  See x12_reader.h.
 *
 * Callers: src/core/x12_277.c; test/unit/test_x12.c, test/fuzz/fuzz_x12.c.
 *
 * The input is never assumed to be NUL-terminated: every scan is bounded
 * by the length given to x12_reader_init.
 */
#include "x12_reader.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gregorian.h"
#include "text_util.h"

/*
 * Offsets of the 16 element separators of an ISA (the element separator is
 * byte 3; ISA16 is byte 104 and the terminator byte 105).
 */
static const int isa_separator_at[16] = {
	3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103
};

/* ASCII letter or digit (locale-independent). */
static bool
is_alnum(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		(c >= '0' && c <= '9');
}

/*
 * True for a byte that cannot be a separator: a letter, a digit, NUL, or a
 * byte outside 7-bit ASCII (which would split multibyte characters and put
 * invalid UTF-8 into the values).
 */
static bool
is_bad_separator(char c)
{
	return is_alnum(c) || c == '\0' || (unsigned char) c >= 0x80;
}

/* A valid segment identifier: an upper-case letter, then 1-2 more of A-Z0-9. */
static bool
is_segment_id(X12Slice id)
{
	size_t		i;

	if (id.len < 2 || id.len > 3)
		return false;
	if (id.ptr[0] < 'A' || id.ptr[0] > 'Z')
		return false;
	for (i = 1; i < id.len; i++)
	{
		char		c = id.ptr[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return false;
	}
	return true;
}

/*
 * Read the ISA starting at r->pos into *seg and take its separators.  The
 * ISA is fixed-length, so its elements are cut at fixed offsets rather than
 * split (a stray separator inside a field cannot shift them).
 */
static int
read_isa(X12Reader *r, X12Segment *seg, X12Error *err)
{
	const char *isa = r->data + r->pos;
	size_t		avail = r->len - r->pos;
	char		esep;
	char		csep;
	char		term;
	char		rep;
	int			i;

	seg->text.ptr = isa;
	seg->text.len = avail < X12_ISA_LENGTH - 1 ? avail : X12_ISA_LENGTH - 1;
	seg->elements[0].ptr = isa;
	seg->elements[0].len = 3;
	seg->nelements = 0;
	seg->is_isa = true;

	if (avail < X12_ISA_LENGTH)
	{
		x12_set_error(err, seg, NULL,
					  "ISA segment is truncated: it has %zu of its %d characters",
					  avail, X12_ISA_LENGTH);
		return -1;
	}
	esep = isa[3];
	if (is_bad_separator(esep))
	{
		x12_set_error(err, seg, NULL,
					  "ISA element separator must be an ASCII punctuation character, not \"%c\"",
					  is_alnum(esep) ? esep : '?');
		return -1;
	}
	for (i = 1; i < 16; i++)
	{
		if (isa[isa_separator_at[i]] != esep)
		{
			x12_set_error(err, seg, NULL,
						  "ISA segment is malformed: the element separator \"%c\" must be at position %d, since the ISA has fixed-length fields (%d characters)",
						  esep, isa_separator_at[i] + 1, X12_ISA_LENGTH);
			return -1;
		}
	}
	csep = isa[104];
	term = isa[105];
	rep = isa[82];
	if (is_bad_separator(csep) || csep == esep)
	{
		x12_set_error(err, seg, "ISA16",
					  "ISA16 component separator must be an ASCII punctuation character different from the element separator");
		return -1;
	}
	if (is_bad_separator(term) || term == esep || term == csep)
	{
		x12_set_error(err, seg, NULL,
					  "the segment terminator after ISA16 must be an ASCII punctuation or line-break character different from the other separators");
		return -1;
	}
	/* ISA11 is a repetition separator only when it is punctuation (5010). */
	if (is_bad_separator(rep) || rep == ' ' || rep == esep || rep == csep || rep == term)
		rep = '\0';

	r->sep.element = esep;
	r->sep.component = csep;
	r->sep.segment = term;
	r->sep.repetition = rep;
	r->have_isa = true;

	seg->text.len = X12_ISA_LENGTH - 1;
	seg->nelements = 16;
	for (i = 1; i <= 16; i++)
	{
		int			from = isa_separator_at[i - 1] + 1;
		int			to = i < 16 ? isa_separator_at[i] : 105;

		seg->elements[i].ptr = isa + from;
		seg->elements[i].len = (size_t) (to - from);
	}
	r->pos += X12_ISA_LENGTH;
	return 1;
}

/* See x12_reader.h. */
void
x12_reader_init(X12Reader *r, const char *data, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->data = data;
	r->len = data ? len : 0;
}

/*
 * See x12_reader.h.  The terminator is found with memchr; the elements are
 * then split in one pass over the segment.
 */
int
x12_reader_next(X12Reader *r, X12Segment *seg, X12Error *err)
{
	const char *data = r->data;
	size_t		len = r->len;
	size_t		pos = r->pos;
	const char *start;
	const char *end;
	const char *p;
	const char *el;
	const char *found;
	char		esep;
	int			n;

	while (pos < len && text_is_space(data[pos]))
		pos++;
	r->pos = pos;
	if (pos >= len)
	{
		if (!r->have_isa && r->count == 0)
		{
			seg->number = 1;
			seg->offset = pos;
			seg->elements[0].ptr = NULL;
			seg->elements[0].len = 0;
			x12_set_error(err, NULL, NULL, "the X12 text is empty: an interchange must start with an ISA segment");
			err->segment_number = 1;
			return -1;
		}
		return 0;
	}

	seg->number = ++r->count;
	seg->offset = pos;
	seg->is_isa = false;
	start = data + pos;

	/* An ISA (re)sets the separators; the first segment must be one. */
	if (len - pos >= 3 && start[0] == 'I' && start[1] == 'S' && start[2] == 'A' &&
		(len - pos == 3 || !is_alnum(start[3])))
		return read_isa(r, seg, err);
	if (!r->have_isa)
	{
		seg->text.ptr = start;
		seg->text.len = 0;
		seg->elements[0].ptr = start;
		seg->elements[0].len = 0;
		x12_set_error(err, seg, NULL,
					  "the text is not an X12 interchange: it must start with an ISA segment");
		return -1;
	}

	found = memchr(start, r->sep.segment, len - pos);
	if (found)
	{
		end = found;
		r->pos = (size_t) (found - data) + 1;
		/* A line-feed terminator may come after a CR (CRLF lines). */
		if (r->sep.segment == '\n' && end > start && end[-1] == '\r')
			end--;
	}
	else
	{
		/* The last segment may lack its terminator; drop trailing blanks. */
		end = data + len;
		r->pos = len;
		while (end > start && text_is_space(end[-1]))
			end--;
	}
	seg->text.ptr = start;
	seg->text.len = (size_t) (end - start);

	esep = r->sep.element;
	n = 0;
	el = start;
	for (p = start; p < end; p++)
	{
		if (*p == esep)
		{
			if (n <= X12_MAX_ELEMENTS)
			{
				seg->elements[n].ptr = el;
				seg->elements[n].len = (size_t) (p - el);
			}
			n++;
			el = p + 1;
		}
	}
	if (n <= X12_MAX_ELEMENTS)
	{
		seg->elements[n].ptr = el;
		seg->elements[n].len = (size_t) (end - el);
	}
	seg->nelements = n;

	if (!is_segment_id(seg->elements[0]))
	{
		char		quoted[64];

		if (seg->text.len == 0)
		{
			x12_set_error(err, seg, NULL, "empty segment (two segment terminators in a row)");
			return -1;
		}
		x12_quote(quoted, sizeof(quoted), seg->elements[0]);
		x12_set_error(err, seg, NULL,
					  "invalid segment identifier \"%s\": a segment must start with 2 or 3 upper-case letters or digits",
					  quoted);
		return -1;
	}
	return 1;
}

/* See x12_reader.h. */
X12Slice
x12_element(const X12Segment *seg, int i)
{
	X12Slice	empty = {NULL, 0};

	if (i < 0 || i > seg->nelements || i > X12_MAX_ELEMENTS)
		return empty;
	return seg->elements[i];
}

/* See x12_reader.h. */
int
x12_components(X12Slice el, char sep, X12Slice *out, int max)
{
	const char *p = el.ptr;
	const char *end = el.ptr + el.len;
	const char *c = el.ptr;
	int			n = 0;

	if (el.len == 0)
	{
		if (max > 0)
		{
			out[0].ptr = el.ptr;
			out[0].len = 0;
		}
		return 1;
	}
	for (; p < end; p++)
	{
		if (*p == sep)
		{
			if (n < max)
			{
				out[n].ptr = c;
				out[n].len = (size_t) (p - c);
			}
			n++;
			c = p + 1;
		}
	}
	if (n < max)
	{
		out[n].ptr = c;
		out[n].len = (size_t) (end - c);
	}
	return n + 1;
}

/* See x12_reader.h. */
bool
x12_slice_eq(X12Slice s, const char *lit)
{
	size_t		n = strlen(lit);	/* lit is ours, never input */

	return s.len == n && (n == 0 || memcmp(s.ptr, lit, n) == 0);
}

/* See x12_reader.h. */
bool
x12_slice_same(X12Slice a, X12Slice b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

/* True when s is non-empty and all ASCII digits. */
static bool
all_digits(X12Slice s)
{
	size_t		i;

	if (s.len == 0)
		return false;
	for (i = 0; i < s.len; i++)
		if (s.ptr[i] < '0' || s.ptr[i] > '9')
			return false;
	return true;
}

/* s without its leading '0' digits. */
static X12Slice
strip_leading_zeros(X12Slice s)
{
	while (s.len > 0 && s.ptr[0] == '0')
	{
		s.ptr++;
		s.len--;
	}
	return s;
}

/* See x12_reader.h. */
bool
x12_control_equal(X12Slice a, X12Slice b)
{
	if (all_digits(a) && all_digits(b))
		return x12_slice_same(strip_leading_zeros(a), strip_leading_zeros(b));
	return x12_slice_same(a, b);
}

/* See x12_reader.h. */
bool
x12_parse_count(X12Slice s, uint32_t *out)
{
	uint64_t	v = 0;
	size_t		i;

	if (!all_digits(s))
		return false;
	for (i = 0; i < s.len; i++)
	{
		v = v * 10 + (uint64_t) (s.ptr[i] - '0');
		if (v > UINT32_MAX)
			return false;
	}
	*out = (uint32_t) v;
	return true;
}

/* See x12_reader.h. */
bool
x12_parse_amount(X12Slice s, X12Amount *out)
{
	size_t		i = 0;
	int			digits = 0;
	bool		negative = false;
	bool		dot = false;
	bool		nonzero = false;

	out->present = false;
	out->sign = 0;
	out->text = s;
	if (s.len == 0)
		return true;
	if (s.ptr[0] == '-')
	{
		negative = true;
		i = 1;
	}
	for (; i < s.len; i++)
	{
		char		c = s.ptr[i];

		if (c >= '0' && c <= '9')
		{
			digits++;
			if (c != '0')
				nonzero = true;
		}
		else if (c == '.' && !dot)
			dot = true;
		else
			return false;
	}
	if (digits == 0 || digits > 18)
		return false;
	out->present = true;
	out->sign = nonzero ? (negative ? -1 : 1) : 0;
	return true;
}

/*
 * Split a validated amount into its integer digits (no leading zeros) and
 * fraction digits (no trailing zeros).
 */
static void
amount_parts(const X12Amount *a, X12Slice *ipart, X12Slice *fpart)
{
	X12Slice	s = a->text;
	size_t		i;

	if (s.len > 0 && s.ptr[0] == '-')
	{
		s.ptr++;
		s.len--;
	}
	ipart->ptr = s.ptr;
	ipart->len = s.len;
	fpart->ptr = s.ptr + s.len;
	fpart->len = 0;
	for (i = 0; i < s.len; i++)
	{
		if (s.ptr[i] == '.')
		{
			ipart->len = i;
			fpart->ptr = s.ptr + i + 1;
			fpart->len = s.len - i - 1;
			break;
		}
	}
	*ipart = strip_leading_zeros(*ipart);
	while (fpart->len > 0 && fpart->ptr[fpart->len - 1] == '0')
		fpart->len--;
}

/* See x12_reader.h. */
int
x12_amount_cmp(const X12Amount *a, const X12Amount *b)
{
	X12Slice	ai,
				af,
				bi,
				bf;
	int			mag = 0;
	size_t		i;

	if (a->sign != b->sign)
		return a->sign < b->sign ? -1 : 1;
	if (a->sign == 0)
		return 0;
	amount_parts(a, &ai, &af);
	amount_parts(b, &bi, &bf);
	if (ai.len != bi.len)
		mag = ai.len < bi.len ? -1 : 1;
	else if (ai.len > 0 && (mag = memcmp(ai.ptr, bi.ptr, ai.len)) != 0)
		mag = mag < 0 ? -1 : 1;
	else
	{
		for (i = 0; i < af.len || i < bf.len; i++)
		{
			char		ca = i < af.len ? af.ptr[i] : '0';
			char		cb = i < bf.len ? bf.ptr[i] : '0';

			if (ca != cb)
			{
				mag = ca < cb ? -1 : 1;
				break;
			}
		}
	}
	return a->sign < 0 ? -mag : mag;
}

/* See x12_reader.h. */
bool
x12_parse_date(X12Slice s, X12Date *out)
{
	int			y,
				m,
				d;

	out->present = false;
	out->year = out->month = out->day = 0;
	out->text = NULL;
	if (s.len == 0)
		return true;
	if (s.len != 8 || !all_digits(s))
		return false;
	y = (s.ptr[0] - '0') * 1000 + (s.ptr[1] - '0') * 100 +
		(s.ptr[2] - '0') * 10 + (s.ptr[3] - '0');
	m = (s.ptr[4] - '0') * 10 + (s.ptr[5] - '0');
	d = (s.ptr[6] - '0') * 10 + (s.ptr[7] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > greg_days_in_month(y, m))
		return false;
	out->present = true;
	out->year = y;
	out->month = m;
	out->day = d;
	out->text = s.ptr;
	return true;
}

/* See x12_reader.h. */
int
x12_date_cmp(const X12Date *a, const X12Date *b)
{
	long		va = (long) a->year * 10000 + a->month * 100 + a->day;
	long		vb = (long) b->year * 10000 + b->month * 100 + b->day;

	return va < vb ? -1 : (va > vb ? 1 : 0);
}

/* See x12_reader.h. */
void
x12_quote(char *buf, size_t size, X12Slice s)
{
	size_t		max = 40;
	size_t		i;
	size_t		o = 0;

	if (size == 0)
		return;
	if (max > size - 1)
		max = size - 1;
	for (i = 0; i < s.len && o < max; i++)
	{
		unsigned char c = (unsigned char) s.ptr[i];

		buf[o++] = (c >= 0x20 && c < 0x7f) ? (char) c : '?';
	}
	if (i < s.len && size >= 4)
	{
		/* Make room for "..." within the buffer. */
		if (o + 3 > size - 1)
			o = size - 1 - 3;
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
}

/* See x12_reader.h. */
void
x12_set_error(X12Error *err, const X12Segment *seg, const char *element,
			  const char *fmt,...)
{
	va_list		ap;

	memset(err, 0, sizeof(*err));
	if (seg)
	{
		X12Slice	id = seg->elements[0];

		err->segment_number = seg->number;
		err->offset = seg->offset;
		if (is_segment_id(id))
		{
			memcpy(err->segment_id, id.ptr, id.len);
			err->segment_id[id.len] = '\0';
		}
	}
	if (element)
	{
		size_t		n = strlen(element);

		if (n >= sizeof(err->element))
			n = sizeof(err->element) - 1;
		memcpy(err->element, element, n);
		err->element[n] = '\0';
	}
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}
