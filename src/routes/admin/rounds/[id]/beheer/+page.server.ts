import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { adminContext } from '$lib/server/guard';
import { roundOverview } from '$lib/server/round-overview';
import * as lifecycle from '$lib/server/round-lifecycle';
import * as drafts from '$lib/server/round-drafts';
import * as respondents from '$lib/server/respondents';
import { LinkUnavailable, obtainLink } from '$lib/server/links';
import { parseNewClosing } from '$lib/model/round-forms';
import { mailSummary } from '$lib/server/mail/page';

const notices: Record<string, string> = {
	gemaakt: 'De ronde is aangemaakt als concept. Test haar met de testlink en open haar als alles klopt.',
	opgeslagen: 'De wijzigingen zijn opgeslagen.',
	geopend: 'De ronde is open. De uitnodigingen zijn gemaakt; hun links vraagt u hieronder per persoon op.',
	verlengd: 'De sluitdatum is verschoven.',
	gesloten:
		'De ronde is gesloten. De uitkomsten staan op het dashboard; de toelichtingen komen erbij zodra u ze hebt beoordeeld.'
};

export const load: PageServerLoad = async (event) => {
	const ctx = await adminContext(event);
	const overview = await roundOverview(ctx, event.params.id);
	if (!overview) error(404, { message: 'Deze meetronde bestaat niet (meer).' });
	// The step before a link is shown: who it is, and what obtaining it means.
	const asked = event.url.searchParams.get('link');
	const linkRequest = (asked && overview.notAnswered?.find((p) => p.invitationId === asked)) || null;
	const notice = [...event.url.searchParams.keys()].map((k) => notices[k]).find(Boolean) ?? null;
	return { overview, linkRequest, notice, mail: await mailSummary(ctx, event.params.id) };
};

const form = (event: RequestEvent) => event.request.formData().catch(() => new FormData());

export const actions: Actions = {
	open: async (event) => {
		const ctx = await adminContext(event);
		const out = await lifecycle.openRound(ctx, event.params.id);
		if (!out.ok) return fail(400, { openError: out.errors.form });
		redirect(303, `/admin/rounds/${event.params.id}/beheer?geopend=1`);
	},
	extend: async (event) => {
		const ctx = await adminContext(event);
		const value = String((await form(event)).get('closesAt') ?? '');
		const parsed = parseNewClosing(value);
		if (!parsed.ok) return fail(400, { extendValue: value, extendError: parsed.error });
		const out = await lifecycle.extendClosing(ctx, event.params.id, parsed.iso);
		if (!out.ok) return fail(400, { extendValue: value, extendError: out.errors.closesAt ?? out.errors.form });
		redirect(303, `/admin/rounds/${event.params.id}/beheer?verlengd=1`);
	},
	close: async (event) => {
		const ctx = await adminContext(event);
		if ((await form(event)).get('sure') !== 'ja')
			return fail(400, { closeError: 'Vink aan dat u de ronde nu wilt sluiten.' });
		const out = await lifecycle.closeNow(ctx, event.params.id);
		if (!out.ok) return fail(400, { closeError: out.errors.form });
		redirect(303, `/admin/rounds/${event.params.id}/beheer?gesloten=1`);
	},
	delete: async (event) => {
		const ctx = await adminContext(event);
		if ((await form(event)).get('sure') !== 'ja')
			return fail(400, { deleteError: 'Vink aan dat u dit concept definitief wilt verwijderen.' });
		const out = await drafts.deleteDraft(ctx, event.params.id);
		if (!out.ok) return fail(400, { deleteError: out.errors.form });
		redirect(303, '/admin?verwijderd=1');
	},
	link: async (event) => {
		const ctx = await adminContext(event);
		const invitationId = String((await form(event)).get('invitationId') ?? '');
		try {
			const { path, respondentId } = await obtainLink(ctx, event.params.id, invitationId);
			const person = respondents.get(ctx, respondentId);
			// Returned, never redirected to: the link must not end up in a URL, a log or the history.
			return { link: { url: `${event.url.origin}${path}`, name: person?.name || 'Deelnemer zonder naam' } };
		} catch (e) {
			if (e instanceof LinkUnavailable) return fail(400, { linkError: e.message });
			throw e;
		}
	}
};
