import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import { fieldErrors } from '$lib/server/form-errors';
import * as bodies from '$lib/server/bodies';
import { bodyFormSchema, bodyFormValues } from '$lib/model/partner-forms';

export const load: PageServerLoad = async (event) => {
	const all = await bodies.list(await adminContext(event));
	const body = all.find((b) => b.id === event.params.id);
	if (!body) error(404, { message: 'Dit overleg bestaat niet (meer).' });
	return { body, others: all.filter((b) => b.id !== body.id).map(({ id, name, kind }) => ({ id, name, kind })) };
};

export const actions: Actions = {
	save: async (event) => {
		const ctx = await adminContext(event);
		const values = bodyFormValues(await event.request.formData());
		const parsed = bodyFormSchema.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const out = await bodies.update(ctx, event.params.id, parsed.data);
		if (!out.ok) return fail(400, { values, errors: out.errors });
		redirect(303, `/admin/gremia?opgeslagen=${encodeURIComponent(out.value.id)}`);
	},
	delete: async (event) => {
		const ctx = await adminContext(event);
		const sure = (await event.request.formData()).get('sure') === 'ja';
		if (!sure) return fail(400, { deleteError: 'Vink aan dat u dit overleg definitief wilt verwijderen.' });
		const out = await bodies.remove(ctx, event.params.id);
		if (!out.ok) return fail(400, { deleteError: out.errors.form });
		redirect(303, '/admin/gremia?verwijderd=1');
	}
};
