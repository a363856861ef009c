/*
 * src/task_templates.h
 *		Reading and validating payer_credentialing_workflows.task_templates
 *		(DESIGN §3).  Used by the workflow_before_write trigger and by
 *		credential_payers (src/task_generation.c), so that stored templates
 *		are read by exactly the rules that let them in.
 */
#ifndef TASK_TEMPLATES_H
#define TASK_TEMPLATES_H

#include "utils/jsonb.h"

#include "task_defaults.h"

/*
 * Validate templates and return the number of templates; *tasks (palloc'd
 * in CurrentMemoryContext, strings too) receives them sorted by order, with
 * task_type "workflow_task" when absent, estimated_days 0 when absent and
 * order = 1-based array position when absent.  A violation raises ERROR
 * SQLSTATE 22023 naming the element (1-based: task_templates[1] is the
 * first) and the field.
 */
extern int	task_templates_read(Jsonb *templates, td_task **tasks);

#endif							/* TASK_TEMPLATES_H */
