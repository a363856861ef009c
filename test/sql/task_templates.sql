-- test/sql/task_templates.sql: the task_templates check of
-- payer_credentialing_workflows (DESIGN 3): what a template may hold, the
-- error that names the element and the field, and updated_at.
BEGIN;
LOAD 'credentialing';
SELECT plan(39);

INSERT INTO credentialing.payers (id, name) VALUES
	('00000000-0000-0000-0000-0000000000b1', 'Template Health'),
	('00000000-0000-0000-0000-0000000000b2', 'Insert Health'),
	('00000000-0000-0000-0000-0000000000b3', 'Spare Health');
INSERT INTO credentialing.payer_credentialing_workflows
	(payer_id, workflow_type, task_templates, updated_at)
VALUES ('00000000-0000-0000-0000-0000000000b1', 'online_portal',
		'[{"title": "Original", "order": 1}]', '2020-01-01 00:00+00');

-- SQLSTATE, message, detail and hint raised by setting Template Health's
-- task_templates, or 'accepted' when the value is accepted (and kept).
CREATE FUNCTION pg_temp.set_templates(p_templates jsonb)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	v_state text;
	v_message text;
	v_detail text;
	v_hint text;
BEGIN
	UPDATE credentialing.payer_credentialing_workflows SET task_templates = p_templates
	WHERE payer_id = '00000000-0000-0000-0000-0000000000b1';
	RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT,
		v_detail = PG_EXCEPTION_DETAIL, v_hint = PG_EXCEPTION_HINT;
	RETURN v_state || ': ' || v_message || E'\nDETAIL: ' || coalesce(v_detail, '')
		|| E'\nHINT: ' || coalesce(v_hint, '');
END $$;

-- Only the SQLSTATE and message.
CREATE FUNCTION pg_temp.template_error(p_templates jsonb)
RETURNS text LANGUAGE sql AS $$
	SELECT split_part(pg_temp.set_templates(p_templates), E'\n', 1)
$$;

-- Valid templates.
SELECT is(pg_temp.set_templates('[]'), 'accepted',
	'an empty array is accepted (the workflow type''s default tasks apply)');
SELECT is(pg_temp.set_templates(
	'[{"title": "Update CAQH profile", "description": "Ensure CAQH profile is current", "order": 1, "estimated_days": 1},
	  {"title": "Submit application in portal", "description": null, "order": 2, "estimated_days": 2},
	  {"title": "Record application ID", "order": 3, "estimated_days": 0, "task_type": "record_application_id"},
	  {"title": "Follow up after 30 days", "order": 4, "estimated_days": 30}]'), 'accepted',
	'templates with every key, a null description and zero days are accepted');
SELECT is(pg_temp.set_templates('[{"title": "Only a title"}]'), 'accepted',
	'a template may have only a title');
SELECT is(pg_temp.set_templates('[{"title": "Second", "order": 2.0}, {"title": "First", "order": 1e0}]'), 'accepted',
	'an order written as 2.0 or 1e0 is an integer');
SELECT is(pg_temp.set_templates('[{"title": "B", "order": 20}, {"title": "A", "order": 10}]'), 'accepted',
	'orders need not start at 1 or be consecutive');
SELECT is(pg_temp.set_templates('[{"title": "A"}, {"title": "B", "order": 3}]'), 'accepted',
	'a template without order takes its position, which may sit beside explicit orders');
SELECT is((SELECT task_templates FROM credentialing.payer_credentialing_workflows
		   WHERE payer_id = '00000000-0000-0000-0000-0000000000b1'),
	'[{"title": "A"}, {"title": "B", "order": 3}]'::jsonb,
	'accepted templates are stored as written');

-- updated_at: maintained on UPDATE, left alone on INSERT (restore safety).
SELECT is((SELECT updated_at FROM credentialing.payer_credentialing_workflows
		   WHERE payer_id = '00000000-0000-0000-0000-0000000000b1'), now(),
	'an UPDATE of a workflow sets updated_at to the transaction time');
INSERT INTO credentialing.payer_credentialing_workflows
	(payer_id, workflow_type, task_templates, created_at, updated_at)
VALUES ('00000000-0000-0000-0000-0000000000b2', 'excel_submission',
		'[{"title": "Add provider to roster", "order": 1}]', '2019-05-01 00:00+00', '2019-06-01 00:00+00');
SELECT is((SELECT updated_at FROM credentialing.payer_credentialing_workflows
		   WHERE payer_id = '00000000-0000-0000-0000-0000000000b2'), '2019-06-01 00:00+00'::timestamptz,
	'an INSERT keeps the updated_at it is given, as a restore needs');

-- Not an array, not objects.
SELECT is(pg_temp.set_templates('{"title": "Not in an array"}'),
	E'22023: task_templates must be a JSON array\nDETAIL: task_templates is a JSON object: {"title": "Not in an array"}.\nHINT: Write an array of task template objects, or [] for the default tasks of the workflow type.',
	'an object instead of an array is refused, with the value in the detail');
SELECT is(pg_temp.template_error('"Submit"'), '22023: task_templates must be a JSON array',
	'a string instead of an array is refused');
SELECT is(pg_temp.template_error('null'), '22023: task_templates must be a JSON array',
	'a JSON null instead of an array is refused');
SELECT is(pg_temp.set_templates('[{"title": "Fine"}, "Submit"]'),
	E'22023: task_templates[2] must be a JSON object\nDETAIL: Element 2 of task_templates (counting from 1) is "Submit", a JSON string.\nHINT: Write each task template as an object such as {"title": "Submit application", "order": 1, "estimated_days": 2}.',
	'an element that is not an object is named by its 1-based position');
SELECT is(pg_temp.template_error('[[{"title": "Nested"}]]'), '22023: task_templates[1] must be a JSON object',
	'a nested array is not a template');

-- Unknown keys.
SELECT is(pg_temp.set_templates('[{"title": "A", "order": 1}, {"title": "B", "days": 3}]'),
	E'22023: task_templates[2] has an unknown key "days"\nDETAIL: Element 2 of task_templates (counting from 1) is {"days": 3, "title": "B"}.\nHINT: A task template may only have the keys title, description, order, estimated_days and task_type.',
	'an unknown key is refused, naming the element and the key');
SELECT is(pg_temp.template_error('[{"Title": "Capitalised"}]'), '22023: task_templates[1] has an unknown key "Title"',
	'keys are case-sensitive');

-- title.
SELECT is(pg_temp.set_templates('[{"description": "No title", "order": 1}]'),
	E'22023: task_templates[1].title is missing\nDETAIL: Element 1 of task_templates (counting from 1) is {"order": 1, "description": "No title"}.\nHINT: Give every task template a non-empty "title" string.',
	'a template without a title is refused');
SELECT is(pg_temp.set_templates('[{"title": "A"}, {"title": " \t "}]'),
	E'22023: task_templates[2].title must be a non-empty string\nDETAIL: Element 2 of task_templates (counting from 1) has "title": " \\t ".\nHINT: Give every task template a non-empty "title" string.',
	'a title of white space only is refused');
SELECT is(pg_temp.template_error('[{"title": ""}]'), '22023: task_templates[1].title must be a non-empty string',
	'an empty title is refused');
SELECT is(pg_temp.template_error('[{"title": 7}]'), '22023: task_templates[1].title must be a non-empty string',
	'a numeric title is refused');
SELECT is(pg_temp.template_error('[{"title": null}]'), '22023: task_templates[1].title must be a non-empty string',
	'a null title is refused');

-- description.
SELECT is(pg_temp.set_templates('[{"title": "A", "description": ["x"]}]'),
	E'22023: task_templates[1].description must be a string or null\nDETAIL: Element 1 of task_templates (counting from 1) has "description": ["x"].\nHINT: Write "description" as a JSON string, or null for none.',
	'a description that is not a string is refused');

-- order.
SELECT is(pg_temp.set_templates('[{"title": "A", "order": 0}]'),
	E'22023: task_templates[1].order must be an integer >= 1\nDETAIL: Element 1 of task_templates (counting from 1) has "order": 0.\nHINT: Number the templates 1, 2, 3, ... in the order the steps are done, or leave "order" out to use the element''s position.',
	'order 0 is refused');
SELECT is(pg_temp.template_error('[{"title": "A", "order": -2}]'), '22023: task_templates[1].order must be an integer >= 1',
	'a negative order is refused');
SELECT is(pg_temp.template_error('[{"title": "A", "order": 1.5}]'), '22023: task_templates[1].order must be an integer >= 1',
	'a fractional order is refused');
SELECT is(pg_temp.template_error('[{"title": "A", "order": "1"}]'), '22023: task_templates[1].order must be an integer >= 1',
	'an order written as a string is refused');
SELECT is(pg_temp.template_error('[{"title": "A", "order": null}]'), '22023: task_templates[1].order must be an integer >= 1',
	'a null order is refused (leave the key out instead)');
SELECT is(pg_temp.template_error('[{"title": "A", "order": 2147483648}]'),
	'22023: task_templates[1].order is out of range for an integer',
	'an order beyond the integer range is refused');
SELECT is(pg_temp.set_templates('[{"title": "A", "order": 2}, {"title": "B", "order": 1}, {"title": "C", "order": 2}]'),
	E'22023: task_templates[3].order duplicates the order of task_templates[1]\nDETAIL: Elements 1 and 3 of task_templates (counting from 1) both have order 2.\nHINT: Give every task template a different "order".',
	'a duplicate order is refused, naming both elements');
SELECT is(pg_temp.set_templates('[{"title": "A"}, {"title": "B", "order": 1}]'),
	E'22023: task_templates[2].order duplicates the order of task_templates[1]\nDETAIL: Elements 1 and 2 of task_templates (counting from 1) both have order 1 (element 1 has no "order" and takes its position).\nHINT: Give every task template a different "order".',
	'an explicit order equal to another element''s position is a duplicate, and the detail says why');

-- estimated_days.
SELECT is(pg_temp.set_templates('[{"title": "A", "estimated_days": -1}]'),
	E'22023: task_templates[1].estimated_days must be an integer >= 0\nDETAIL: Element 1 of task_templates (counting from 1) has "estimated_days": -1.\nHINT: Give the days the step takes as a whole number, 0 or more, or leave "estimated_days" out for 0.',
	'negative estimated_days are refused');
SELECT is(pg_temp.template_error('[{"title": "A"}, {"title": "B", "estimated_days": 2.5}]'),
	'22023: task_templates[2].estimated_days must be an integer >= 0',
	'fractional estimated_days are refused');
SELECT is(pg_temp.template_error('[{"title": "A", "estimated_days": true}]'),
	'22023: task_templates[1].estimated_days must be an integer >= 0',
	'boolean estimated_days are refused');

-- task_type.
SELECT is(pg_temp.set_templates('[{"title": "A", "task_type": ""}]'),
	E'22023: task_templates[1].task_type must be a non-empty string\nDETAIL: Element 1 of task_templates (counting from 1) has "task_type": "".\nHINT: Name the task type (e.g. "record_application_id"), or leave "task_type" out for "workflow_task".',
	'an empty task_type is refused');
SELECT is(pg_temp.template_error('[{"title": "A", "task_type": 3}]'), '22023: task_templates[1].task_type must be a non-empty string',
	'a numeric task_type is refused');

-- Nothing is written.
SELECT is((SELECT task_templates FROM credentialing.payer_credentialing_workflows
		   WHERE payer_id = '00000000-0000-0000-0000-0000000000b1'),
	'[{"title": "A"}, {"title": "B", "order": 3}]'::jsonb,
	'a refused UPDATE leaves the stored templates as they were');
SELECT throws_ok(
	$$INSERT INTO credentialing.payer_credentialing_workflows (payer_id, workflow_type, task_templates)
	  SELECT id, 'pdf_form_submission', '[{"title": "A", "estimated_days": -5}]'
	  FROM credentialing.payers WHERE name = 'Spare Health'$$,
	'22023', 'task_templates[1].estimated_days must be an integer >= 0',
	'an INSERT with invalid templates is refused too');
SELECT is((SELECT count(*) FROM credentialing.payer_credentialing_workflows
		   WHERE payer_id = '00000000-0000-0000-0000-0000000000b3'), 0::bigint,
	'the refused INSERT wrote no row');
SELECT throws_ok(
	$$UPDATE credentialing.payer_credentialing_workflows SET task_templates = NULL
	  WHERE payer_id = '00000000-0000-0000-0000-0000000000b1'$$,
	'23502', NULL,
	'a NULL task_templates is left to the NOT NULL constraint');

SELECT * FROM finish();
ROLLBACK;
