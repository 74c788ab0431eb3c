import type { RequestHandler } from './$types';
import { adminContext } from '$lib/server/guard';
import * as exporter from '$lib/server/respondents-export';
import { parseRespondentFilter } from '$lib/model/respondent-forms';

/** The list (with the same filters as the page) as a CSV that imports again unchanged. */
export const GET: RequestHandler = async (event) => {
	const ctx = await adminContext(event);
	const csv = exporter.respondentsCsv(ctx, parseRespondentFilter(event.url.searchParams));
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="deelnemers.csv"',
			'cache-control': 'private, no-store'
		}
	});
};
