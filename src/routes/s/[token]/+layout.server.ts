import type { LayoutServerLoad } from './$types';
import { requireSurvey, surveyPath } from '$lib/server/survey/actions';
import { currentResponse } from '$lib/server/survey/responses';
import { surveySummary } from '$lib/server/survey/view';

export const load: LayoutServerLoad = async ({ params }) => {
	const { store, ctx } = await requireSurvey(params.token);
	return { survey: surveySummary(ctx, await currentResponse(store, ctx)), base: surveyPath(params.token) };
};
