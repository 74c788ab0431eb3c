import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import { previewSaveAction, previewStep } from '$lib/server/questionnaire-pages';

export const load: PageServerLoad = async (event) => previewStep(await adminContext(event), event.params, event.url);

/** Named as the survey's step action is, so the survey's own form posts here unchanged. */
export const actions: Actions = {
	save: async (event) => previewSaveAction(await adminContext(event), event.params, event.request)
};
