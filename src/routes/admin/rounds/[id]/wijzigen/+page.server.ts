import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import * as drafts from '$lib/server/round-drafts';
import { parseRoundForm, roundFormValues } from '$lib/model/round-forms';

export const load: PageServerLoad = async (event) => {
	const ctx = await adminContext(event);
	const round = drafts.findRound(ctx, event.params.id);
	if (!round) error(404, { message: 'Deze meetronde bestaat niet (meer).' });
	// Only a draft changes; an open round's closing date moves on its page.
	if (round.status !== 'draft') redirect(303, `/admin/rounds/${round.id}/beheer`);
	return {
		round: { id: round.id, name: round.name },
		values: drafts.formValuesOf(round),
		options: drafts.formOptions(ctx)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const ctx = await adminContext(event);
		const values = roundFormValues(await event.request.formData().catch(() => new FormData()));
		const parsed = parseRoundForm(values, ctx.now());
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const out = await drafts.updateDraft(ctx, event.params.id, parsed.input);
		if (!out.ok) return fail(400, { values, errors: out.errors });
		redirect(303, `/admin/rounds/${event.params.id}/beheer?opgeslagen=1`);
	}
};
