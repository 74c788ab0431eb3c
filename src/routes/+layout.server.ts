import type { LayoutServerLoad } from './$types';
import { getStore } from '$lib/server/store';

export const load: LayoutServerLoad = async ({ locals }) => {
	const network = (await getStore()).network().network;
	return {
		networkName: network?.name ?? 'Alliantiemonitor',
		isDemo: network?.isDemo ?? false,
		user: locals.user
	};
};
