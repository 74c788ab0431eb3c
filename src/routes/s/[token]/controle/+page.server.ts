import type { Actions, PageServerLoad } from './$types';
import { requireSurvey, submitAction } from '$lib/server/survey/actions';
import { currentResponse } from '$lib/server/survey/responses';
import { reviewView } from '$lib/server/survey/view';

export const load: PageServerLoad = async ({ params }) => {
	const { store, ctx } = await requireSurvey(params.token);
	return { review: reviewView(ctx, await currentResponse(store, ctx)) };
};

export const actions: Actions = {
	submit: ({ request, params }) => submitAction(request, params.token)
};
