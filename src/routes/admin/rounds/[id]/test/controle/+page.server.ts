import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import { testWalk } from '$lib/server/survey/test-walk';
import { submitWith } from '$lib/server/survey/actions';
import { reviewView } from '$lib/server/survey/view';

export const load: PageServerLoad = async (event) => {
	const walk = testWalk(await adminContext(event), event);
	return { review: reviewView(walk.ctx, await walk.current()) };
};

export const actions: Actions = {
	submit: async (event) => submitWith(testWalk(await adminContext(event), event), event.request)
};
