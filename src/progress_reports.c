/*
 * src/progress_reports.c
 *		Placeholder until implemented.
 */
#include "postgres.h"
#include "fmgr.h"

PG_FUNCTION_INFO_V1(get_provider_credentialing_progress);
Datum
get_provider_credentialing_progress(PG_FUNCTION_ARGS)
{
	ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED), errmsg("get_provider_credentialing_progress is not implemented yet")));
	PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(get_credentialing_pipeline_summary);
Datum
get_credentialing_pipeline_summary(PG_FUNCTION_ARGS)
{
	ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED), errmsg("get_credentialing_pipeline_summary is not implemented yet")));
	PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(get_overdue_applications);
Datum
get_overdue_applications(PG_FUNCTION_ARGS)
{
	ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED), errmsg("get_overdue_applications is not implemented yet")));
	PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(get_overdue_tasks);
Datum
get_overdue_tasks(PG_FUNCTION_ARGS)
{
	ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED), errmsg("get_overdue_tasks is not implemented yet")));
	PG_RETURN_NULL();
}

