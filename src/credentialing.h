/*
 * src/credentialing.h
 *		Declarations shared by the PostgreSQL binding files of the extension:
 *		the configuration parameters (GUCs) registered in credentialing.c.
 */
#ifndef CREDENTIALING_H
#define CREDENTIALING_H

/* credentialing.enforce_transitions: refuse application status changes
 * outside the transition table. */
extern bool credentialing_enforce_transitions;

/* credentialing.default_approval_days: days from submission to expected
 * decision when the payer's workflow does not say. */
extern int	credentialing_default_approval_days;

/* credentialing.outbox_max_attempts: claims of an appeal outbox message
 * after which a failure gives up (the appeal becomes failed). */
extern int	credentialing_outbox_max_attempts;

#endif							/* CREDENTIALING_H */
