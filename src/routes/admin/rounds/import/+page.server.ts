import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import { importArchive } from '$lib/server/exports/archive-import';

export const load: PageServerLoad = async (event) => {
	await adminContext(event);
	return {};
};

export const actions: Actions = {
	import: async (event) => {
		const ctx = await adminContext(event);
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, {
				problems: [{ line: null, column: null, path: null, where: null, message: 'Kies een bestand.' }]
			});
		const out = await importArchive(ctx, new Uint8Array(await file.arrayBuffer()));
		if (!out.ok) return fail(400, { problems: out.problems });
		redirect(303, `/admin/rounds/${encodeURIComponent(out.round.id)}`);
	}
};
