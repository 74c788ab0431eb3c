import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import * as partnersImport from '$lib/server/partners-import';

export const load: PageServerLoad = async (event) => {
	await adminContext(event);
	return {};
};

/** The uploaded file, or the corrected text from the preview's text box (never both). */
async function source(form: FormData): Promise<Uint8Array | null> {
	const file = form.get('file');
	if (file instanceof File && file.size > 0) return new Uint8Array(await file.arrayBuffer());
	const text = String(form.get('csv') ?? '');
	return text.trim() ? new TextEncoder().encode(text) : null;
}

export const actions: Actions = {
	preview: async (event) => {
		const ctx = await adminContext(event);
		const bytes = await source(await event.request.formData());
		if (!bytes) return fail(400, { message: 'Kies een CSV-bestand met partners.' });
		return { preview: partnersImport.preview(ctx, bytes) };
	},
	/** Confirming: the text comes back as the preview sent it and is checked all over again. */
	import: async (event) => {
		const ctx = await adminContext(event);
		const form = await event.request.formData();
		const bytes = await source(form);
		if (!bytes) return fail(400, { message: 'Kies een CSV-bestand met partners.' });
		const out = await partnersImport.apply(ctx, bytes, String(form.get('plan') ?? ''));
		if (!out.ok) return fail(400, { message: out.reason, preview: out.preview });
		redirect(303, `/admin/partners?toegevoegd=${out.added}&bijgewerkt=${out.updated}`);
	}
};
