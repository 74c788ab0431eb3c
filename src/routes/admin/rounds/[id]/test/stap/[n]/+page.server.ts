import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import { testWalk } from '$lib/server/survey/test-walk';
import { noSuchStep, saveWith, stepParam } from '$lib/server/survey/actions';
import { stepView } from '$lib/server/survey/view';

export const load: PageServerLoad = async (event) => {
	const walk = testWalk(await adminContext(event), event);
	const n = stepParam(walk.ctx, event.params.n);
	const step = n === null ? null : stepView(walk.ctx, await walk.current(), n);
	if (!step) error(404, noSuchStep(walk.ctx));
	return { step, fromReview: event.url.searchParams.get('terug') === 'controle' };
};

export const actions: Actions = {
	save: async (event) => saveWith(testWalk(await adminContext(event), event), event.request, event.params.n)
};
