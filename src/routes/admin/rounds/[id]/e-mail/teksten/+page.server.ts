import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import { textsPage } from '$lib/server/mail/page';
import { saveMailTexts } from '$lib/server/mail/texts';
import { parseMailTextsForm, readMailTextsForm } from '$lib/model/mail-texts';

export const load: PageServerLoad = async (event) => {
	const ctx = await adminContext(event);
	const q = event.url.searchParams;
	const page = await textsPage(
		ctx,
		event.params.id,
		{ personId: q.get('voorbeeld'), kind: q.get('soort') === 'herinnering' ? 'reminder' : 'invitation' },
		event.url.origin
	);
	if (!page) error(404, { message: 'Deze meetronde bestaat niet (meer).' });
	return { ...page, saved: q.has('opgeslagen') };
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = await adminContext(event);
		const values = readMailTextsForm(await event.request.formData().catch(() => new FormData()));
		const parsed = parseMailTextsForm(values);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors as Record<string, string> });
		const out = await saveMailTexts(ctx, event.params.id, parsed.mail);
		if (!out.ok) return fail(400, { values, errors: out.errors });
		redirect(303, `/admin/rounds/${event.params.id}/e-mail/teksten?opgeslagen=1#voorbeeld`);
	}
};
