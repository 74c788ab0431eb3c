import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { noSuchStep, requireSurvey, saveAction, stepParam } from '$lib/server/survey/actions';
import { currentResponse } from '$lib/server/survey/responses';
import { stepView } from '$lib/server/survey/view';

export const load: PageServerLoad = async ({ params, url }) => {
	const { store, ctx } = await requireSurvey(params.token);
	const n = stepParam(ctx, params.n);
	const step = n === null ? null : stepView(ctx, await currentResponse(store, ctx), n);
	if (!step) error(404, noSuchStep(ctx));
	return { step, fromReview: url.searchParams.get('terug') === 'controle' };
};

export const actions: Actions = {
	save: ({ request, params }) => saveAction(request, params.token, params.n)
};
