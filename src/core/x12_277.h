/*
 * src/core/x12_277.h
 *		The X12 277 claim-status interpreter (pure C, no PostgreSQL headers):
 *		reads 005010X212 (claims in loops 2200D/2200E under HL 22/23) and
 *		005010X214 277CA (claims under HL PT) from a (pointer, length) buffer
 *		and returns one claim at a time, every field a slice into the input,
 *		its claim_status already mapped (DESIGN §5.1, §5.2).
 *
 * Use:
 *		X12Parser  *p = x12_277_create(text, len, NULL);	(NULL = malloc)
 *		const X12Claim *c;
 *		int			rc;
 *
 *		while ((rc = x12_277_next(p, &c)) > 0)
 *			... read *c; it stays valid until the next call ...
 *		if (rc < 0)
 *			... x12_277_error(p) ...
 *		for (i = 0; i < x12_277_warning_count(p); i++)
 *			... x12_277_warning(p, i) ...
 *		x12_277_destroy(p);
 *
 * Warnings (control-number and count mismatches) accumulate as parsing
 * goes on; a caller that streams may report the new ones after each call.
 *
 * Callers: the parse_277/ingest_277 SQL bindings; test/unit/test_x12.c,
 * test/fuzz/fuzz_x12.c, test/conformance/x12_dump.c.
 */
#ifndef X12_277_H
#define X12_277_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "claim_status.h"
#include "x12_reader.h"

/*
 * Memory for the parser, supplied by the caller (palloc in the server).
 * alloc returns NULL on failure (the parser then reports "out of memory");
 * free accepts any pointer alloc returned.
 */
typedef struct X12Allocator
{
	void	   *(*alloc) (void *ctx, size_t size);
	void		(*free) (void *ctx, void *ptr);
	void	   *ctx;
} X12Allocator;

/* The implementation guide of a transaction set (ST03, else GS08). */
typedef enum X12Implementation
{
	X12_IMPL_X212 = 1,			/* 005010X212 claim status response */
	X12_IMPL_X214				/* 005010X214 277CA acknowledgment */
} X12Implementation;

/* "005010X212" or "005010X214". */
extern const char *x12_implementation_name(X12Implementation impl);

/*
 * One status composite (STC01, STC10 or STC11): category (STC0x-1), status
 * code (-2), entity (-3, may be empty), code list qualifier (-4, e.g. RX).
 */
typedef struct X12Status
{
	X12Slice	category;
	X12Slice	code;
	X12Slice	entity;
	X12Slice	qualifier;
} X12Status;

/*
 * Write "cat:code" or "cat:code:entity" (the status_codes form) into buf
 * (NUL-terminated, cut to size).  Returns the full length, like snprintf;
 * with size 0 buf may be NULL (to measure first).
 */
extern size_t x12_status_format(const X12Status *st, char *buf, size_t size);

/* One SVC service line (loop 2220D/2220E) with its STC/REF/DTP. */
typedef struct X12ServiceLine
{
	X12Slice	procedure_qualifier;	/* SVC01-1: HC, NU, N4, ... */
	X12Slice	procedure_code; /* SVC01-2 */
	X12Slice	modifiers[4];	/* SVC01-3..6 */
	int			nmodifiers;		/* the non-empty ones, packed in order */
	X12Amount	charge;			/* SVC02 */
	X12Amount	paid;			/* SVC03 */
	X12Slice	revenue_code;	/* SVC04 */
	X12Amount	units;			/* SVC07 */
	X12Slice	line_item_control_number;	/* REF*FJ */
	X12Date		service_from;	/* DTP*472 (D8: from = to) */
	X12Date		service_to;
	const X12Status *statuses;	/* every line STC01/10/11, in order */
	int			nstatuses;
	uint32_t	segment_number; /* of the SVC */
} X12ServiceLine;

/*
 * One claim.  Slices point into the input and are empty when the value is
 * absent (the binding returns NULL for them); the claim and its arrays stay
 * valid until the next x12_277_next or x12_277_destroy.
 */
typedef struct X12Claim
{
	/* envelope */
	X12Slice	interchange_control_number; /* ISA13 */
	X12Slice	group_control_number;	/* GS06 */
	X12Slice	transaction_control_number; /* ST02 */
	X12Implementation implementation;

	/* parties, from the NM1 of the enclosing HL levels */
	X12Slice	payer_name;		/* NM1*PR or NM1*AY, NM103 */
	X12Slice	payer_id;		/* its NM109 */
	X12Slice	provider_name;	/* NM1*1P or NM1*85, NM103 (organization or
								 * last name) */
	X12Slice	provider_first_name;	/* its NM104, empty for organizations */
	X12Slice	provider_npi;	/* its NM109 when NM108 is XX */
	X12Slice	subscriber_id;	/* NM1*IL NM109; for 277CA NM1*QC NM109 */
	X12Slice	patient_last_name;	/* NM1*QC, or NM1*IL when HL 22 */
	X12Slice	patient_first_name;
	bool		is_dependent;	/* the claim is under HL 23 */
	X12Slice	hl_level;		/* "22", "23" or "PT" */

	/* TRN and REF */
	X12Slice	trace_number;	/* TRN02 */
	X12Slice	payer_claim_control_number; /* REF*1K */
	X12Slice	patient_account_number; /* REF*EJ */
	X12Slice	bill_type;		/* REF*BLT */

	/*
	 * Claim-level STC.  statuses holds every STC01/STC10/STC11 in order;
	 * statuses[0] is the first STC01 (category_code, status_code,
	 * entity_code).  The other fields come from the first claim-level STC,
	 * or the next one that carries the element when it leaves it empty.
	 */
	const X12Status *statuses;
	int			nstatuses;
	int			stc_count;		/* claim-level STC segments */
	X12Date		status_date;	/* STC02 */
	X12Slice	action_code;	/* STC03 */
	X12Amount	total_charge;	/* STC04 */
	X12Amount	payment_amount; /* STC05 */
	X12Date		finalized_date; /* STC06 */
	X12Date		remittance_date;	/* STC08 */
	X12Slice	check_number;	/* STC09 */
	X12Slice	free_text;		/* STC12 */

	/* claim DTP*472, else the earliest line from / latest line to */
	X12Date		service_from;
	X12Date		service_to;
	bool		service_dates_from_lines;

	const X12ServiceLine *lines;
	int			nlines;

	CsStatus	claim_status;	/* §5.2; CS_UNKNOWN without a known category */
	bool		is_rejection;
	uint32_t	segment_number; /* of the claim's TRN; 1 = ISA */
} X12Claim;

/* Parser state (opaque). */
typedef struct X12Parser X12Parser;

/*
 * Prepare to parse data[0..len) (not NUL-terminated; it must stay valid
 * while the parser is used).  alloc NULL means malloc/free.  Returns NULL
 * only if the allocator fails.  Memory used later is bounded by the input:
 * the current claim's lines and statuses, and the warnings.
 */
extern X12Parser *x12_277_create(const char *data, size_t len,
								 const X12Allocator *alloc);

/*
 * Advance to the next claim.  Returns 1 with *claim set, 0 at the end of
 * the input (every trailer seen), -1 on an error (x12_277_error; further
 * calls return -1 again).
 */
extern int	x12_277_next(X12Parser *p, const X12Claim **claim);

/* The error after x12_277_next returned -1, else NULL. */
extern const X12Error *x12_277_error(const X12Parser *p);

/* Warnings kept per parse; later ones are only counted. */
#define X12_MAX_WARNINGS 100

/* Warnings collected so far, in input order (at most X12_MAX_WARNINGS). */
extern int	x12_277_warning_count(const X12Parser *p);

/* Warnings past X12_MAX_WARNINGS, counted but not kept. */
extern long x12_277_warnings_dropped(const X12Parser *p);
extern const X12Warning *x12_277_warning(const X12Parser *p, int i);

/* Segments read so far (the last segment number). */
extern uint32_t x12_277_segment_count(const X12Parser *p);

/* Free the parser and everything it allocated. */
extern void x12_277_destroy(X12Parser *p);

#endif							/* X12_277_H */
