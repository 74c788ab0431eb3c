import { stringify } from 'csv-stringify/sync';
import type { DomainContext } from './context';
import { matching } from './respondents';
import { roleLabels } from '$lib/model/network';
import { respondentCsvColumns, type RespondentFilter } from '$lib/model/respondent-forms';

const key = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** A name where it says one thing, the id where the name is shared or cannot be written in the cell. */
function namer(items: readonly { id: string; name: string }[], separator?: string) {
	const count = new Map<string, number>();
	for (const i of items) count.set(key(i.name), (count.get(key(i.name)) ?? 0) + 1);
	const byId = new Map(items.map((i) => [i.id, i]));
	return (id: string) => {
		const item = byId.get(id);
		if (!item || count.get(key(item.name)) !== 1 || (separator && item.name.includes(separator))) return id;
		if (items.some((other) => other.id === item.name && other !== item)) return id;
		return item.name;
	};
}

/**
 * The people matching `filter` in the import's own format (DESIGN.md §5), so that an export
 * imports again unchanged: UTF-8 with BOM and `;` for a Dutch Excel, and a cell that starts
 * like a formula (=, +, -, @, tab, CR) gets a leading apostrophe so that Excel shows it as text.
 */
export function respondentsCsv(ctx: DomainContext, filter: RespondentFilter): string {
	const network = ctx.store.network();
	const partner = namer(network.partners);
	const body = namer(network.bodies, '|');
	const rows = matching(ctx, filter).map((r) => [
		r.name,
		r.email,
		partner(r.partnerId),
		roleLabels[r.role],
		r.bodyIds.map(body).join('|'),
		r.active ? 'ja' : 'nee'
	]);
	return stringify([[...respondentCsvColumns], ...rows], {
		delimiter: ';',
		bom: true,
		record_delimiter: 'windows',
		escape_formulas: true
	});
}
