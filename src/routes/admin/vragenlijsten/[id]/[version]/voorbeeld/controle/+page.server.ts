import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import { previewReview, previewSubmitAction } from '$lib/server/questionnaire-pages';

export const load: PageServerLoad = async (event) => previewReview(await adminContext(event), event.params);

export const actions: Actions = {
	submit: async (event) => previewSubmitAction(await adminContext(event), event.params)
};
