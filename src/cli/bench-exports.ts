/**
 * The exports at 10,000 responses, in process: time and the most heap each takes above the
 * start, from the kept responses to the last byte (drained into a counter, as a client would
 * read it). The rows themselves are in the figure; what streaming saves is the whole file.
 */
import type { Readable } from 'node:stream';
import { layoutOf } from '$lib/analysis/layout';
import { samenwerkingsscan } from '$lib/questionnaires';
import type { ClosedResponse } from '$lib/model/response';
import { commentColumns, commentRows, responseColumns, responseRows } from '$lib/server/exports/tables';
import { csvStream, xlsxStream } from '$lib/server/exports/writers';
import { gc, peakHeapOf } from './bench-memory';
import type { Row } from './bench-table';

const N = 10_000;

async function drain(s: Readable): Promise<number> {
	let bytes = 0;
	for await (const chunk of s) bytes += (chunk as Buffer).length;
	return bytes;
}

export async function benchExports(): Promise<Row[]> {
	const layout = layoutOf(samenwerkingsscan);
	const responses: ClosedResponse[] = Array.from({ length: N }, (_, i) => ({
		status: 'submitted',
		answers: Object.fromEntries(layout.items.map((it, j) => [it.id, (i * 7 + j * 3) % 6]))
	}));
	const comments = layout.sections.map((s, si) => ({
		sectionId: s.id,
		texts: Array.from(
			{ length: N / 5 },
			(_, i) => `Toelichting ${si}-${i}: de samenwerking loopt, met ruimte voor verbetering.`
		)
	}));
	const cases: [string, () => Readable][] = [
		['antwoorden.csv', () => csvStream({ columns: responseColumns(layout), rows: responseRows(layout, responses) })],
		[
			'antwoorden.xlsx',
			() => xlsxStream({ columns: responseColumns(layout), rows: responseRows(layout, responses) }, 'Antwoorden')
		],
		['toelichtingen.csv', () => csvStream({ columns: commentColumns, rows: commentRows(comments) })],
		[
			'ronde.json (antwoorden)',
			() => {
				const ids = layout.items.map((it) => it.id);
				const rows = responseRows(layout, responses).map((r) => Object.fromEntries(r.map((v, i) => [ids[i], v])));
				return (async function* () {
					yield Buffer.from(JSON.stringify({ responses: rows }, null, '\t'));
				})() as unknown as Readable;
			}
		]
	];
	const out: Row[] = [];
	for (const [name, make] of cases) {
		gc();
		const t0 = performance.now();
		const { result: bytes, peakHeapMb } = await peakHeapOf(() => drain(make()));
		out.push({
			what: `export ${name}`,
			setup: `${N.toLocaleString('nl-NL')} antwoorden${name.startsWith('toelichtingen') ? ' (10.000 toelichtingen)' : ''}`,
			p50: performance.now() - t0,
			extra: `${(bytes / 2 ** 20).toFixed(1)} MB, heap-piek +${peakHeapMb.toFixed(0)} MB`
		});
	}
	return out;
}
