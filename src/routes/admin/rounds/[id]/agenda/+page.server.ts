import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { filterLabels, loadRoundDashboard } from '$lib/server/dashboard';
import { getStore } from '$lib/server/store';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireUser(locals, 'viewer');
	const dashboard = await loadRoundDashboard(await getStore(), params.id, url.searchParams);
	if (!dashboard) error(404, { message: 'Deze meetronde bestaat niet.' });
	return { dashboard, filterLabels };
};
