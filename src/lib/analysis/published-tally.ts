/**
 * A closed round's published snapshot read back as tallies, per cell: the only source of every
 * figure a dashboard, report, agenda or comparison shows (DESIGN.md §6). What the audit withheld
 * arrives here as a reason without numbers, so nothing downstream can show it by mistake.
 */
import { publishedCellKey, type CellTallies, type PublishedCell, type PublishedSnapshot } from '$lib/model/published';
import type { Moments } from './stats';
import type { Layout } from './layout';
import type { SuppressionReason } from './types';

export interface ItemTally {
	/** Raw answers 1..points at index 0..points−1, as worded; not recoded. */
	counts: number[];
	dontKnow: number;
	/** Over the answers on the scale, recoded so that higher is better. */
	moments: Moments;
}

export interface SectionTally {
	/** Over respondents' section levels. */
	moments: Moments;
	/** "Weet niet" over the section's released items only. */
	dontKnow: number;
	/** Bootstrap 95% intervals stored at close; absent in older snapshots. */
	bootstrap?: { level: [number, number]; meanRwg: [number, number] | null };
}

export type Withheld = { withheld: SuppressionReason };
export type Tallied<T> = T | Withheld;
export const isWithheld = <T extends object>(x: Tallied<T>): x is Withheld => 'withheld' in x;
/** The figures when released, else null (withheld, or not asked in that round). */
export const releasedOr = <T extends object>(x: Tallied<T> | null): T | null =>
	x === null || isWithheld(x) ? null : x;

export interface CellTally {
	cell: PublishedCell;
	key: string;
	n: Tallied<{ n: number }>;
	/** By the layout's item index; null for a statement the round did not ask. */
	items: (Tallied<ItemTally> | null)[];
	/** By the layout's section index; null for a section the round did not have. */
	sections: (Tallied<SectionTally> | null)[];
}

export interface PublishedTally {
	k: number;
	layout: Layout;
	cells: CellTally[];
	byKey: Map<string, CellTally>;
}

/** The snapshot says why; the dashboard's words for it. */
const reasonOf = (r: 'small' | 'protects-another'): SuppressionReason => (r === 'small' ? 'small' : 'derivable');

function readCell(c: CellTallies, layout: Layout, points: number): CellTally {
	const items = layout.items.map((it): Tallied<ItemTally> | null => {
		const t = c.items[it.id];
		if (!t) return null;
		if (!t.released) return { withheld: reasonOf(t.reason) };
		const counts = t.counts.slice(0, points);
		let n = 0;
		let sum = 0;
		let sumSq = 0;
		counts.forEach((count, j) => {
			const x = it.reversed ? points - j : j + 1;
			n += count;
			sum += count * x;
			sumSq += count * x * x;
		});
		return { counts, dontKnow: t.dontKnow, moments: { n, sum, sumSq } };
	});
	const sections = layout.sections.map((sec): Tallied<SectionTally> | null => {
		const t = c.sections[sec.id];
		if (!t) return null;
		if (!t.released) return { withheld: reasonOf(t.reason) };
		const tally: SectionTally = { moments: { n: t.n, sum: t.sum, sumSq: t.sumSq }, dontKnow: t.dontKnow };
		if (t.bootstrap) tally.bootstrap = t.bootstrap;
		return tally;
	});
	return {
		cell: c.cell,
		key: publishedCellKey(c.cell),
		n: c.n.released ? { n: c.n.n } : { withheld: reasonOf(c.n.reason) },
		items,
		sections
	};
}

/**
 * Reads a snapshot against a questionnaire's layout. Items and sections are matched by id, so a
 * comparison with an earlier round uses that round's snapshot with the current layout and finds
 * exactly the statements both asked.
 */
export function readPublished(snapshot: PublishedSnapshot, layout: Layout): PublishedTally {
	const cells = snapshot.cells.map((c) => readCell(c, layout, snapshot.points));
	return { k: snapshot.k, layout, cells, byKey: new Map(cells.map((c) => [c.key, c])) };
}

/** Answer counts with "weet niet" first, the shape the agreement indices read. */
export function countsRow(t: ItemTally): Int32Array {
	const row = new Int32Array(t.counts.length + 1);
	row[0] = t.dontKnow;
	row.set(t.counts, 1);
	return row;
}
