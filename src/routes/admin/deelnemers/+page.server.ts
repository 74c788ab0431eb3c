import type { PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import * as respondents from '$lib/server/respondents';
import { parseRespondentFilter } from '$lib/model/respondent-forms';

/** The redirects of import, erasure and retention say what happened: counts only, never a name. */
function noticeOf(q: URLSearchParams): string | null {
	const n = (key: string) => Math.max(0, Number.parseInt(q.get(key) ?? '', 10) || 0);
	if (q.has('toegevoegd')) return `Import opgeslagen: ${n('toegevoegd')} toegevoegd, ${n('bijgewerkt')} bijgewerkt.`;
	if (q.has('gewist'))
		return n('gewist') === 1
			? 'De deelnemer is gewist, met de uitnodigingen.'
			: `${n('gewist')} deelnemers zijn gewist, met hun uitnodigingen.`;
	return null;
}

export const load: PageServerLoad = async (event) => {
	const ctx = await adminContext(event);
	const filter = parseRespondentFilter(event.url.searchParams);
	return { filter, list: respondents.list(ctx, filter), notice: noticeOf(event.url.searchParams) };
};
