/*
 * src/audit.h
 *		The audit trail (credentialing.credentialing_events): writing an
 *		event, used by the triggers and by credential_payers, and writing
 *		a statement's events set-based (the statement-level triggers).
 */
#ifndef AUDIT_H
#define AUDIT_H

#include "utils/jsonb.h"

/*
 * Append one event.  entity is 'application', 'task' or 'network'; ids are
 * uuid Datums (provider_id and payer_id may be passed as (Datum) 0 with
 * has_parties false); old_value, new_value and details may be NULL.  The row
 * is written as the schema owner, whatever the caller's privileges on the
 * audit table; its actor is the caller's role plus the JWT "sub".
 */
extern void audit_record(const char *entity, Datum entity_id,
						 bool has_parties, Datum provider_id, Datum payer_id,
						 const char *action, const char *old_value,
						 const char *new_value, Jsonb *details);

/* "role" or "role (sub <sub>)" for the current caller, palloc'd. */
extern char *audit_actor(void);

/*
 * Events collected row by row and written by one INSERT per
 * AUDIT_BATCH_ROWS events, in the order they were added (event ids follow
 * that order).  The actor is taken once, when the first event is added
 * (so add events as the caller, not while running as the schema owner).
 */
typedef struct AuditBatch
{
	char	   *actor;			/* NULL until the first event */
	MemoryContext cxt;			/* holds the collected values */
	int			n;
	int			capacity;		/* allocated length of the arrays below */
	char	  **entities;
	Datum	   *entity_ids;
	Datum	   *provider_ids;	/* (Datum) 0 when has_parties is false */
	Datum	   *payer_ids;
	bool	   *has_parties;
	char	  **actions;
	char	  **old_values;
	char	  **new_values;
	Jsonb	  **details;
} AuditBatch;

#define AUDIT_BATCH_ROWS 1024

/* Start a batch of events. */
extern void audit_batch_begin(AuditBatch *batch);

/* Add one event (arguments as for audit_record, copied); writes the batch
 * when it is full. */
extern void audit_batch_add(AuditBatch *batch, const char *entity, Datum entity_id,
							bool has_parties, Datum provider_id, Datum payer_id,
							const char *action, const char *old_value,
							const char *new_value, Jsonb *details);

/* Write the events collected so far (if any), as the schema owner. */
extern void audit_batch_flush(AuditBatch *batch);

/* Write what is left and release the batch's memory. */
extern void audit_batch_end(AuditBatch *batch);

#endif							/* AUDIT_H */
