import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import * as questionnaires from '$lib/server/questionnaires';
import { versionPath } from '$lib/server/questionnaire-pages';

export const load: PageServerLoad = async (event) => {
	await adminContext(event);
	return {};
};

export const actions: Actions = {
	/** The uploaded file, or the text from the box (after an error it holds the file's text to correct). */
	import: async (event) => {
		const ctx = await adminContext(event);
		const form = await event.request.formData();
		const file = form.get('file');
		const source =
			file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : String(form.get('json') ?? '');
		const out = await questionnaires.importJson(ctx, source);
		if (!out.ok) return fail(400, { problems: out.problems, text: out.text });
		const was = out.renumberedFrom === null ? '' : `&was=${out.renumberedFrom}`;
		redirect(303, `${versionPath(out.questionnaire)}?geimporteerd=1${was}`);
	}
};
