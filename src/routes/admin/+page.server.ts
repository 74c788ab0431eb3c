import type { PageServerLoad } from './$types';
import { getStore } from '$lib/server/store';
import { requireUser } from '$lib/server/auth/guard';
import { listRounds } from '$lib/server/rounds';

export const load: PageServerLoad = async ({ locals }) => {
	requireUser(locals);
	const store = await getStore();
	return { rounds: await listRounds(store) };
};
