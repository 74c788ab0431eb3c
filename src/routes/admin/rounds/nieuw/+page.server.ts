import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import * as drafts from '$lib/server/round-drafts';
import { emptyRoundForm, parseRoundForm, roundFormValues } from '$lib/model/round-forms';

export const load: PageServerLoad = async (event) => {
	const ctx = await adminContext(event);
	const previous = drafts.likePrevious(ctx);
	const likePrevious = event.url.searchParams.get('zoals') === 'vorige' && previous !== null;
	return {
		options: drafts.formOptions(ctx),
		values: likePrevious ? previous : emptyRoundForm(),
		likePrevious,
		hasPrevious: previous !== null
	};
};

export const actions: Actions = {
	create: async (event) => {
		const ctx = await adminContext(event);
		const values = roundFormValues(await event.request.formData().catch(() => new FormData()));
		const parsed = parseRoundForm(values, ctx.now());
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const out = await drafts.createRound(ctx, parsed.input);
		if (!out.ok) return fail(400, { values, errors: out.errors });
		redirect(303, `/admin/rounds/${out.value.id}/beheer?gemaakt=1`);
	}
};
