import type { Actions, PageServerLoad } from './$types';
import { previewSaveAction, previewStep } from '$lib/server/questionnaire-pages';

export const load: PageServerLoad = (event) => previewStep(event);

/** Named as the survey's step action is, so the survey's own form posts here unchanged. */
export const actions: Actions = {
	save: (event) => previewSaveAction(event)
};
