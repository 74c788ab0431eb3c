/**
 * The exports' rows, from the published snapshot and the kept responses only (DESIGN.md §5, §6).
 * Pure, so the specs check content and withholding without a server. A withheld item keeps its
 * row (the reader sees that it was asked) but no number, and says why in the dashboard's words.
 */
import { randomInt } from 'node:crypto';
import { rwgFromCounts } from '$lib/analysis/agreement-tallies';
import { countsRow, isWithheld, type CellTally } from '$lib/analysis/published-tally';
import type { Layout } from '$lib/analysis/layout';
import { withheld } from '$lib/analysis/withheld-text';
import type { ClosedResponse } from '$lib/model/response';

export type Value = string | number | null;
/** `decimal`: a figure meant for reading (decimal comma in CSV, two decimals in Excel). */
export type ColumnKind = 'text' | 'integer' | 'decimal';
export interface Column {
	header: string;
	kind: ColumnKind;
	/** Excel column width, in characters. */
	width: number;
}
export interface Table {
	columns: Column[];
	rows: Iterable<Value[]>;
}

/** Fisher–Yates with the crypto generator: a row's place says nothing about when it came in. */
export function shuffle<T>(items: T[]): T[] {
	for (let i = items.length - 1; i > 0; i--) {
		const j = randomInt(i + 1);
		[items[i], items[j]] = [items[j], items[i]];
	}
	return items;
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

export function resultColumns(points: number): Column[] {
	return [
		{ header: 'stelling', kind: 'text', width: 34 },
		{ header: 'perspectief', kind: 'text', width: 14 },
		{ header: 'tekst', kind: 'text', width: 60 },
		{ header: 'kritisch', kind: 'text', width: 9 },
		{ header: 'n', kind: 'integer', width: 7 },
		{ header: 'gemiddelde', kind: 'decimal', width: 11 },
		{ header: 'sd', kind: 'decimal', width: 8 },
		{ header: 'rwg', kind: 'decimal', width: 8 },
		...Array.from({ length: points }, (_, j): Column => ({ header: String(j + 1), kind: 'integer', width: 6 })),
		{ header: 'weet_niet', kind: 'integer', width: 10 },
		// Not in DESIGN.md's list: where the dashboard shows a reason instead of numbers, so does the file.
		{ header: 'niet_getoond', kind: 'text', width: 44 }
	];
}

/**
 * One row per item the round asked, for one published cell. The mean is of the raw answers as
 * worded (1 = first scale point), not recoded for critically worded items: `kritisch` says which.
 */
export function resultRows(layout: Layout, cell: CellTally, k: number): Value[][] {
	const points = layout.points;
	const rows: Value[][] = [];
	layout.items.forEach((item, i) => {
		const t = cell.items[i];
		if (t === null) return;
		const head: Value[] = [item.id, layout.sections[item.section].shortTitle, item.text, item.reversed ? 'ja' : 'nee'];
		// A cell whose headcount is withheld shows nothing at all, as on the dashboard.
		const reason = isWithheld(cell.n) ? cell.n.withheld : isWithheld(t) ? t.withheld : null;
		if (reason !== null || isWithheld(t)) {
			rows.push([...head, ...Array<Value>(4 + points + 1).fill(null), withheld(reason ?? 'small', k)]);
			return;
		}
		let n = 0;
		let sum = 0;
		let sumSq = 0;
		t.counts.forEach((c, j) => {
			n += c;
			sum += c * (j + 1);
			sumSq += c * (j + 1) * (j + 1);
		});
		const mean = n > 0 ? sum / n : null;
		const sd = n > 1 ? Math.sqrt(Math.max(0, (sumSq - (sum * sum) / n) / (n - 1))) : null;
		const rwg = finiteOrNull(rwgFromCounts(countsRow(t), 1, points));
		rows.push([...head, n, mean, sd, rwg, ...t.counts, t.dontKnow, null]);
	});
	return rows;
}

export const responseColumns = (layout: Layout): Column[] =>
	layout.items.map((it) => ({ header: it.id, kind: 'integer', width: Math.min(40, Math.max(8, it.id.length + 2)) }));

/**
 * One row per submitted response, one value per item (1..A as worded, 0 = "weet niet", empty =
 * not answered), shuffled again per download. Nothing else: no profile, id or moment, because
 * even k-anonymous profile columns let rows be summed into cells the audit withheld.
 */
export function responseRows(layout: Layout, responses: readonly ClosedResponse[]): Value[][] {
	const rows = responses
		.filter((r) => r.status === 'submitted')
		.map((r) => layout.items.map((it): Value => r.answers[it.id] ?? null));
	return shuffle(rows);
}

export const commentColumns: Column[] = [
	{ header: 'onderdeel', kind: 'text', width: 16 },
	{ header: 'toelichting', kind: 'text', width: 100 }
];

/** Every published comment with its section, shuffled across sections as well. */
export function commentRows(sections: readonly { sectionId: string; texts: string[] }[]): Value[][] {
	return shuffle(sections.flatMap((s) => s.texts.map((text): Value[] => [s.sectionId, text])));
}
