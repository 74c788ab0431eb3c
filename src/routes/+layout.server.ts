import type { LayoutServerLoad } from './$types';
import { publicContext } from '$lib/server/guard';
import * as network from '$lib/server/network';

export const load: LayoutServerLoad = async (event) => {
	const info = await network.publicInfo(await publicContext(event));
	return { networkName: info.name, isDemo: info.isDemo, user: event.locals.user };
};
