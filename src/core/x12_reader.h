/*
 * src/core/x12_reader.h
 *		X12 tokenizer (pure C, no PostgreSQL headers): reads an interchange
 *		from a (pointer, length) buffer that need not be NUL-terminated and
 *		hands out one segment at a time, its elements as slices into the
 *		input (nothing is copied, nothing is allocated).
 *
 * The separators come from each ISA, which is fixed-length (106 bytes): the
 * element separator is byte 3, the repetition separator ISA11, the
 * component separator ISA16 and the segment terminator the byte after
 * ISA16.  Whitespace (CR, LF, ...) after a terminator is skipped.  Several
 * interchanges may follow one another; each ISA sets its own separators.
 * Segments are numbered from 1 (the first ISA) through the whole input.
 *
 * Also declares the error/warning struct and the small helpers (slices,
 * amounts, dates, control numbers) shared with the 277 interpreter.
 *
 * Callers: src/core/x12_277.c; test/unit/test_x12.c, test/fuzz/fuzz_x12.c.
 */
#ifndef X12_READER_H
#define X12_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A piece of the input: ptr[0..len).  len 0 means empty or absent. */
typedef struct X12Slice
{
	const char *ptr;
	size_t		len;
} X12Slice;

/* Elements kept per segment; later ones are counted but not stored. */
#define X12_MAX_ELEMENTS 64

/* The fixed length of an ISA segment, terminator included. */
#define X12_ISA_LENGTH 106

/* Size of the message buffer of an X12Error. */
#define X12_MESSAGE_SIZE 256

/*
 * An error or a warning.  segment_number counts segments from 1 (the ISA),
 * 0 when the problem is not tied to a segment; segment_id is "" when the
 * segment has no valid identifier; element names the element ("STC04",
 * "STC01-2") or is "".  message is user-facing English naming the
 * offending value, e.g. "invalid amount \"12.3x\" in STC04".
 */
typedef struct X12Error
{
	uint32_t	segment_number;
	char		segment_id[4];
	char		element[12];
	size_t		offset;			/* byte offset of the segment in the input */
	char		message[X12_MESSAGE_SIZE];
} X12Error;

/* Warnings have the same shape as errors. */
typedef X12Error X12Warning;

/* The separators of the current interchange. */
typedef struct X12Separators
{
	char		element;
	char		component;
	char		segment;
	char		repetition;		/* '\0' when ISA11 is not a separator */
} X12Separators;

/*
 * One segment.  elements[0] is the segment identifier, elements[i] the
 * i-th data element (i <= nelements, i <= X12_MAX_ELEMENTS).  nelements
 * counts every data element, including any beyond X12_MAX_ELEMENTS.
 */
typedef struct X12Segment
{
	X12Slice	text;			/* the whole segment, terminator excluded */
	size_t		offset;			/* text.ptr - input */
	uint32_t	number;			/* 1 = the first ISA */
	int			nelements;
	bool		is_isa;			/* an ISA that (re)set the separators */
	X12Slice	elements[X12_MAX_ELEMENTS + 1];
} X12Segment;

/* Reader state.  Initialise with x12_reader_init; no resources held. */
typedef struct X12Reader
{
	const char *data;
	size_t		len;
	size_t		pos;			/* next byte to read */
	uint32_t	count;			/* segments returned so far */
	bool		have_isa;		/* separators are known */
	X12Separators sep;
} X12Reader;

/* Start reading data[0..len); data need not be NUL-terminated. */
extern void x12_reader_init(X12Reader *r, const char *data, size_t len);

/*
 * Read the next segment into *seg.  Returns 1 for a segment, 0 at the end
 * of the input (only whitespace left), -1 on malformed input with *err
 * filled in (the input does not start with an ISA, a short or misaligned
 * ISA, an invalid segment identifier, an empty segment).  After -1 the
 * reader must not be used again.
 */
extern int	x12_reader_next(X12Reader *r, X12Segment *seg, X12Error *err);

/* Element i of seg (0 = identifier); an empty slice when absent. */
extern X12Slice x12_element(const X12Segment *seg, int i);

/*
 * Split el on the component separator sep into out[0..max).  Returns the
 * number of components (which may exceed max; only max are stored).  An
 * empty element has one empty component.
 */
extern int	x12_components(X12Slice el, char sep, X12Slice *out, int max);

/* True when s equals the NUL-terminated literal lit. */
extern bool x12_slice_eq(X12Slice s, const char *lit);

/* True when a and b hold the same bytes. */
extern bool x12_slice_same(X12Slice a, X12Slice b);

/*
 * Control numbers (ISA13, GS06, ST02, ...) are equal: the same digits
 * ignoring leading zeros when both are numeric, else the same bytes.
 */
extern bool x12_control_equal(X12Slice a, X12Slice b);

/*
 * Parse s as an unsigned decimal count (no sign, no spaces).  Returns
 * false when it is empty, not all digits or above UINT32_MAX.
 */
extern bool x12_parse_count(X12Slice s, uint32_t *out);

/*
 * A decimal amount (X12 type R) kept as the validated input text: an
 * optional '-', digits with an optional '.', at least one digit, at most
 * 18 digits.  sign is -1, 0 or 1 (0 for any spelling of zero).
 */
typedef struct X12Amount
{
	bool		present;
	int			sign;
	X12Slice	text;
} X12Amount;

/*
 * Validate s as an amount.  An empty s gives present = false and succeeds;
 * anything else that is not a decimal number returns false.
 */
extern bool x12_parse_amount(X12Slice s, X12Amount *out);

/*
 * Compare two present amounts exactly (as decimals, "150" == "150.00"):
 * negative, zero or positive like strcmp.
 */
extern int	x12_amount_cmp(const X12Amount *a, const X12Amount *b);

/* A validated calendar date; text points at its 8 CCYYMMDD bytes. */
typedef struct X12Date
{
	bool		present;
	int			year;
	int			month;
	int			day;
	const char *text;
} X12Date;

/*
 * Validate s as CCYYMMDD (year 0001-9999, a real day of that month).  An
 * empty s gives present = false and succeeds; anything else that is not a
 * valid date returns false.
 */
extern bool x12_parse_date(X12Slice s, X12Date *out);

/* Compare two present dates: negative, zero or positive. */
extern int	x12_date_cmp(const X12Date *a, const X12Date *b);

/*
 * Copy s into buf (size bytes, NUL-terminated) for quoting in a message:
 * at most 40 characters, bytes that are not printable ASCII become '?',
 * and "..." marks a cut.  Never reads past s.
 */
extern void x12_quote(char *buf, size_t size, X12Slice s);

/*
 * Fill err: segment number, identifier and offset from seg (NULL: none),
 * the element name (NULL or "": none), and a printf-style message.
 */
extern void x12_set_error(X12Error *err, const X12Segment *seg,
						  const char *element, const char *fmt,...)
#ifdef __GNUC__
			__attribute__((format(printf, 4, 5)))
#endif
			;

#endif							/* X12_READER_H */
