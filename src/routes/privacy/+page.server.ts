import type { PageServerLoad } from './$types';
import { publicContext } from '$lib/server/guard';
import * as network from '$lib/server/network';

export const load: PageServerLoad = async () => {
	const { contactEmail, k, retentionMonths } = await network.publicInfo(await publicContext());
	return { contactEmail, k, retentionMonths };
};
