import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import { fieldErrors } from '$lib/server/form-errors';
import * as partners from '$lib/server/partners';
import { partnerFormSchema, partnerFormValues } from '$lib/model/partner-forms';

export const load: PageServerLoad = async (event) => {
	const partner = await partners.get(await adminContext(event), event.params.id);
	if (!partner) error(404, { message: 'Deze partner bestaat niet (meer).' });
	return { partner };
};

const listWith = (key: string, id: string) => `/admin/partners?${key}=${encodeURIComponent(id)}`;

export const actions: Actions = {
	save: async (event) => {
		const ctx = await adminContext(event);
		const values = partnerFormValues(await event.request.formData());
		const parsed = partnerFormSchema.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const out = await partners.update(ctx, event.params.id, parsed.data);
		if (!out.ok) return fail(400, { values, errors: out.errors });
		redirect(303, listWith('opgeslagen', out.value.id));
	},
	archive: async (event) => {
		const out = await partners.archive(await adminContext(event), event.params.id);
		if (!out.ok) return fail(400, { message: out.errors.form });
		redirect(303, listWith('gearchiveerd', out.value.id));
	},
	restore: async (event) => {
		const out = await partners.restore(await adminContext(event), event.params.id);
		if (!out.ok) return fail(400, { message: out.errors.form });
		redirect(303, listWith('teruggezet', out.value.id));
	},
	delete: async (event) => {
		const ctx = await adminContext(event);
		const sure = (await event.request.formData()).get('sure') === 'ja';
		if (!sure) return fail(400, { deleteError: 'Vink aan dat u deze partner definitief wilt verwijderen.' });
		const out = await partners.remove(ctx, event.params.id);
		if (!out.ok) return fail(400, { deleteError: out.errors.form });
		redirect(303, '/admin/partners?verwijderd=1');
	}
};
