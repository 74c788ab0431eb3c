import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import { testWalk } from '$lib/server/survey/test-walk';

export const load: PageServerLoad = async (event) => {
	const walk = testWalk(await adminContext(event), event);
	const response = await walk.current();
	if (response?.status !== 'submitted') redirect(303, walk.path('controle'));
	return { feedback: await walk.feedback(response) };
};
