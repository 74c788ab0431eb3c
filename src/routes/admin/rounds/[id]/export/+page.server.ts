import type { PageServerLoad } from './$types';
import { viewerContext } from '$lib/server/guard';
import * as exports from '$lib/server/exports/service';

export const load: PageServerLoad = async (event) => ({
	page: await exports.exportPage(await viewerContext(event), event.params.id)
});
