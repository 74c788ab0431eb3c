import type { Actions, PageServerLoad } from './$types';
import { requireSurvey } from '$lib/server/survey/actions';
import { decline, declineState } from '$lib/server/survey/decline';

// A GET only asks: mail scanners open every link in a message, and must not decline for anyone.
export const load: PageServerLoad = async ({ params }) => {
	const { store, ctx } = await requireSurvey(params.token);
	return { state: await declineState(store, ctx) };
};

export const actions: Actions = {
	default: async ({ params }) => {
		const { store, ctx } = await requireSurvey(params.token);
		return { state: await decline(store, ctx) };
	}
};
