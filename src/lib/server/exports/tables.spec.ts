import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { commentColumns, commentRows, resultRows, responseRows } from './tables';
import { csvStream } from './writers';
import { layoutOf } from '$lib/analysis/layout';
import type { CellTally } from '$lib/analysis/published-tally';
import { samenwerkingsscan } from '$lib/questionnaires';

const layout = layoutOf(samenwerkingsscan);

const text = async (s: NodeJS.ReadableStream) => {
	const parts: Buffer[] = [];
	for await (const p of s) parts.push(Buffer.from(p as Buffer));
	return Buffer.concat(parts);
};

describe('resultRows', () => {
	it('gives a withheld item its row without numbers and the reason, next to a released one', () => {
		const cell: CellTally = {
			cell: { dimension: 'all', value: null, label: 'Hele netwerk' },
			key: 'all',
			n: { n: 40 },
			items: layout.items.map((_, i) =>
				i === 1
					? { withheld: 'derivable' }
					: { counts: [2, 0, 3, 0, 5], dontKnow: 1, moments: { n: 10, sum: 0, sumSq: 0 } }
			),
			sections: []
		};
		const rows = resultRows(layout, cell, 5);
		expect(rows).toHaveLength(layout.items.length);
		// Raw mean of 2×1 + 3×3 + 5×5 over 10: as worded, whatever the item's direction.
		expect(rows[0].slice(4, 6)).toEqual([10, 3.6]);
		expect(rows[0].slice(8)).toEqual([2, 0, 3, 0, 5, 1, null]);
		expect(rows[1].slice(4, 14)).toEqual(Array(10).fill(null));
		expect(rows[1][14]).toBe('niet getoond: beschermt een andere groep van < 5');
	});
});

describe('responseRows', () => {
	it('keeps submitted responses only, answers by item id, and shuffles them', () => {
		const ids = layout.items.map((i) => i.id);
		const responses = Array.from({ length: 200 }, (_, i) => ({
			answers: { [ids[0]]: (i % 5) + 1, [ids[1]]: i },
			status: i % 10 === 0 ? ('draft' as const) : ('submitted' as const)
		}));
		const rows = responseRows(layout, responses);
		expect(rows).toHaveLength(180);
		expect(rows[0]).toHaveLength(ids.length);
		expect(rows.map((r) => r[1])).not.toEqual(
			responses.filter((r) => r.status === 'submitted').map((r) => r.answers[ids[1]])
		);
		expect(rows.every((r) => r.slice(2).every((v) => v === null))).toBe(true);
	});
});

describe('comments CSV', () => {
	it('neutralises a comment that starts like a formula, and writes a BOM and semicolons', async () => {
		const rows = commentRows([{ sectionId: 'inhoud', texts: ['=HYPERLINK("http://x.test","klik")', '+1', 'gewoon'] }]);
		const bytes = await text(csvStream({ columns: commentColumns, rows }));
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(bytes.toString('utf8')).toContain('onderdeel;toelichting');
		const back = parse(bytes, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
		const texts = back.map((r) => r.toelichting).sort();
		expect(texts).toEqual(["'+1", '\'=HYPERLINK("http://x.test","klik")', 'gewoon']);
	});
});
