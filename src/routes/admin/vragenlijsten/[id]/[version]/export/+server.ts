import type { RequestHandler } from './$types';
import { adminContext } from '$lib/server/guard';
import { versionFor } from '$lib/server/questionnaire-pages';
import * as questionnaires from '$lib/server/questionnaires';

/** The version as a JSON file in the model's shape; the import page reads it back. */
export const GET: RequestHandler = async (event) => {
	const { questionnaire } = versionFor(await adminContext(event), event.params);
	return new Response(questionnaires.toJson(questionnaire), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${questionnaires.exportFileName(questionnaire)}"`
		}
	});
};
