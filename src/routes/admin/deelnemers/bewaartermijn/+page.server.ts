import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import * as retention from '$lib/server/retention';

export const load: PageServerLoad = async (event) => ({
	overview: await retention.overview(await adminContext(event))
});

export const actions: Actions = {
	erase: async (event) => {
		const ctx = await adminContext(event);
		const form = await event.request.formData().catch(() => new FormData());
		if (form.get('confirm') !== 'ja')
			return fail(400, { eraseError: 'Vink aan dat u begrijpt dat wissen niet ongedaan kan worden gemaakt.' });
		const erased = await retention.eraseDue(ctx);
		redirect(303, `/admin/deelnemers?gewist=${erased}`);
	}
};
