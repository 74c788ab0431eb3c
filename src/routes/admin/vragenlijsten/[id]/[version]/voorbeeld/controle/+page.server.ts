import type { Actions, PageServerLoad } from './$types';
import { previewReview, previewSubmitAction } from '$lib/server/questionnaire-pages';

export const load: PageServerLoad = (event) => previewReview(event);

export const actions: Actions = {
	submit: (event) => previewSubmitAction(event)
};
