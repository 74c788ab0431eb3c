import type { PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';

/** The welcome page needs nothing beyond the layout's data; like every admin load, it checks again. */
export const load: PageServerLoad = async (event) => {
	await adminContext(event);
	return {};
};
