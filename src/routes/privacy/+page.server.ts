import type { PageServerLoad } from './$types';
import { getStore } from '$lib/server/store';

export const load: PageServerLoad = async () => {
	const network = (await getStore()).network().network;
	return { contactEmail: network?.contactEmail ?? '', k: network?.kAnonymity ?? 5 };
};
