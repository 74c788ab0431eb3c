import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import { fieldErrors } from '$lib/server/form-errors';
import * as partners from '$lib/server/partners';
import { partnerFormSchema, partnerFormValues } from '$lib/model/partner-forms';

export const load: PageServerLoad = async (event) => {
	await adminContext(event);
	return {};
};

export const actions: Actions = {
	create: async (event) => {
		const ctx = await adminContext(event);
		const values = partnerFormValues(await event.request.formData());
		const parsed = partnerFormSchema.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const out = await partners.create(ctx, parsed.data);
		if (!out.ok) return fail(400, { values, errors: out.errors });
		redirect(303, `/admin/partners?opgeslagen=${encodeURIComponent(out.value.id)}`);
	}
};
