import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import * as respondents from '$lib/server/respondents';
import { readRespondentForm } from '../form';

export const load: PageServerLoad = async (event) => respondents.options(await adminContext(event));

export const actions: Actions = {
	create: async (event) => {
		const ctx = await adminContext(event);
		const form = await readRespondentForm(event.request);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		let id: string;
		try {
			id = await respondents.create(ctx, form.input);
		} catch (e) {
			if (e instanceof respondents.RespondentInputError) return fail(400, { values: form.values, errors: e.errors });
			throw e;
		}
		redirect(303, `/admin/deelnemers/${id}?opgeslagen=toegevoegd`);
	}
};
