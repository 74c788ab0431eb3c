import type { RequestHandler } from './$types';
import { viewerContext } from '$lib/server/guard';
import * as exports from '$lib/server/exports/service';

export const GET: RequestHandler = async (event) =>
	exports.resultsXlsx(await viewerContext(event), event.params.id, event.url);
