import type { LayoutServerLoad } from './$types';
import { requireSurvey, surveyPath } from '$lib/server/survey/actions';
import { currentResponse } from '$lib/server/survey/responses';
import { surveySummary } from '$lib/server/survey/view';

/**
 * Survey pages are plain server-rendered forms: no SvelteKit client, no hydration. Every step
 * already works with form posts alone (for browsers without JavaScript), so the client runtime
 * (~37 KB gzipped) bought nothing but a post without reload. What a script does add is in
 * $lib/client/survey-enhance.js (1.2 KB gzipped), loaded by +layout.svelte.
 */
export const csr = false;

export const load: LayoutServerLoad = async ({ params }) => {
	const { store, ctx } = await requireSurvey(params.token);
	return { survey: surveySummary(ctx, await currentResponse(store, ctx)), base: surveyPath(params.token) };
};
