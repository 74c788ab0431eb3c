import type { LayoutServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import { testBase, testWalk } from '$lib/server/survey/test-walk';
import { surveySummary } from '$lib/server/survey/view';

/** As the survey itself (routes/s/[token]/+layout.server.ts): plain server-rendered forms. */
export const csr = false;

export const load: LayoutServerLoad = async (event) => {
	const walk = testWalk(await adminContext(event), event);
	return {
		survey: surveySummary(walk.ctx, await walk.current()),
		base: testBase(event.params.id),
		test: { roundId: event.params.id, shortened: walk.shortened }
	};
};
