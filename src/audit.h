/*
 * src/audit.h
 *		The audit trail (credentialing.credentialing_events): writing an
 *		event, used by the triggers and by credential_payers.
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

#endif							/* AUDIT_H */
