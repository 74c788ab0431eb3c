import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { adminContext } from '$lib/server/guard';
import * as respondents from '$lib/server/respondents';
import * as erasure from '$lib/server/erasure';
import { readRespondentForm } from '../form';

const notices: Record<string, string> = {
	toegevoegd: 'De deelnemer is toegevoegd.',
	opgeslagen: 'De wijzigingen zijn opgeslagen.',
	gedeactiveerd: 'De deelnemer is gedeactiveerd: blijft bewaard, maar krijgt geen nieuwe uitnodigingen.',
	geactiveerd: 'De deelnemer is weer actief.'
};

export const load: PageServerLoad = async (event) => {
	const ctx = await adminContext(event);
	const person = respondents.get(ctx, event.params.id);
	if (!person) error(404, { message: 'Deze deelnemer bestaat niet (meer).' });
	return {
		person,
		...respondents.options(ctx, person.partnerId),
		notice: notices[event.url.searchParams.get('opgeslagen') ?? ''] ?? null
	};
};

const notFound = (e: unknown) => {
	if (e instanceof respondents.RespondentNotFoundError) error(404, { message: e.message });
	throw e;
};

async function setActive(event: RequestEvent, active: boolean) {
	const ctx = await adminContext(event);
	await respondents.setActive(ctx, event.params.id, active).catch(notFound);
	redirect(303, `/admin/deelnemers/${event.params.id}?opgeslagen=${active ? 'geactiveerd' : 'gedeactiveerd'}`);
}

export const actions: Actions = {
	save: async (event) => {
		const ctx = await adminContext(event);
		const form = await readRespondentForm(event.request);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		try {
			await respondents.update(ctx, event.params.id, form.input);
		} catch (e) {
			if (e instanceof respondents.RespondentInputError) return fail(400, { values: form.values, errors: e.errors });
			notFound(e);
		}
		redirect(303, `/admin/deelnemers/${event.params.id}?opgeslagen=opgeslagen`);
	},
	deactivate: (event) => setActive(event, false),
	activate: (event) => setActive(event, true),
	erase: async (event) => {
		const ctx = await adminContext(event);
		const form = await event.request.formData().catch(() => new FormData());
		if (form.get('confirm') !== 'ja')
			return fail(400, {
				eraseError: 'Vink aan dat u begrijpt dat wissen niet ongedaan kan worden gemaakt.'
			});
		await erasure.eraseOnRequest(ctx, event.params.id).catch(notFound);
		redirect(303, '/admin/deelnemers?gewist=1');
	}
};
