import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import { fieldErrors } from '$lib/server/form-errors';
import * as bodies from '$lib/server/bodies';
import { bodyFormSchema, bodyFormValues } from '$lib/model/partner-forms';

export const load: PageServerLoad = async (event) => {
	const all = await bodies.list(await adminContext(event));
	return { others: all.map(({ id, name, kind }) => ({ id, name, kind })) };
};

export const actions: Actions = {
	create: async (event) => {
		const ctx = await adminContext(event);
		const values = bodyFormValues(await event.request.formData());
		const parsed = bodyFormSchema.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const out = await bodies.create(ctx, parsed.data);
		if (!out.ok) return fail(400, { values, errors: out.errors });
		redirect(303, `/admin/gremia?opgeslagen=${encodeURIComponent(out.value.id)}`);
	}
};
