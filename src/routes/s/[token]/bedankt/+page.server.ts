import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireSurvey, surveyPath } from '$lib/server/survey/actions';
import { currentResponse } from '$lib/server/survey/responses';
import { feedbackView } from '$lib/server/survey/feedback';

export const load: PageServerLoad = async ({ params }) => {
	const { store, ctx } = await requireSurvey(params.token);
	const response = await currentResponse(store, ctx);
	// Thanks only for what was sent; before that the review page is where to send it.
	if (response?.status !== 'submitted') redirect(303, surveyPath(params.token, 'controle'));
	return { feedback: await feedbackView(store, ctx, response) };
};
