import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import { versionFor, versionPath } from '$lib/server/questionnaire-pages';
import * as questionnaires from '$lib/server/questionnaires';
import { applyOp, draftOf, parseOp, readDraft, type QuestionnaireDraft } from '$lib/model/questionnaire-draft';

export const load: PageServerLoad = async (event) => {
	const { questionnaire, listing } = versionFor(await adminContext(event), event.params);
	return { questionnaire, listing, draft: draftOf(questionnaire) };
};

/** The editor back with its reasons, and every value as it was posted. */
const refused = (draft: QuestionnaireDraft, errors: Record<string, string>, saveAsNew: boolean) =>
	fail(400, { draft, errors, done: null, saveAsNew });

export const actions: Actions = {
	save: async (event) => {
		const ctx = await adminContext(event);
		const { questionnaire: q } = versionFor(ctx, event.params);
		const draft = readDraft(await event.request.formData());
		const out = await questionnaires.update(ctx, q.id, q.version, draft);
		if (!out.ok) return refused(draft, out.errors, out.errors.frozen === 'ja');
		redirect(303, `${versionPath(q)}?opgeslagen=1`);
	},
	/** Add, remove, move, resize the scale: the posted form rearranged, nothing saved. */
	edit: async (event) => {
		const { listing } = versionFor(await adminContext(event), event.params);
		const form = await event.request.formData();
		const draft = readDraft(form);
		const op = parseOp(form.get('op'));
		const applied = op && applyOp(draft, op);
		const saveAsNew = listing.state !== 'draft';
		if (!applied)
			return refused(
				draft,
				{ form: 'Deze knop hoort bij een oudere stand van de pagina; probeer het nog eens.' },
				saveAsNew
			);
		return { draft: applied.draft, errors: {}, done: applied.done, saveAsNew };
	},
	/** What was edited, as the next version: for a version a round opened with while it was being edited. */
	saveAsNew: async (event) => {
		const ctx = await adminContext(event);
		const { questionnaire: q } = versionFor(ctx, event.params);
		const draft = readDraft(await event.request.formData());
		const out = await questionnaires.saveAsNew(ctx, q.id, q.version, draft);
		if (!out.ok) return refused(draft, out.errors, true);
		redirect(303, `${versionPath(out.value)}?gemaakt=1`);
	},
	copy: async (event) => {
		const ctx = await adminContext(event);
		const { questionnaire: q } = versionFor(ctx, event.params);
		const out = await questionnaires.saveAsNew(ctx, q.id, q.version, null);
		if (!out.ok) return fail(400, { copyError: out.errors.form ?? Object.values(out.errors)[0] });
		redirect(303, `${versionPath(out.value)}?gemaakt=1`);
	},
	fork: async (event) => {
		const ctx = await adminContext(event);
		const { questionnaire: q } = versionFor(ctx, event.params);
		const out = await questionnaires.saveAsNew(ctx, q.id, q.version, null, { separate: true });
		if (!out.ok) return fail(400, { copyError: out.errors.form ?? Object.values(out.errors)[0] });
		redirect(303, `${versionPath(out.value)}?gemaakt=1`);
	},
	delete: async (event) => {
		const ctx = await adminContext(event);
		const { questionnaire: q } = versionFor(ctx, event.params);
		if ((await event.request.formData()).get('sure') !== 'ja')
			return fail(400, { deleteError: 'Vink aan dat u deze versie definitief wilt verwijderen.' });
		const out = await questionnaires.remove(ctx, q.id, q.version);
		if (!out.ok) return fail(400, { deleteError: out.errors.form });
		redirect(303, '/admin/vragenlijsten?verwijderd=1');
	}
};
