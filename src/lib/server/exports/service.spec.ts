import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { JsonStore } from '../store/json-store';
import { buildDemo } from '../demo/build';
import { writeDemo } from '../demo/write';
import { closeDueRounds } from '../closing';
import { domainContext } from '../context';
import * as exports from './service';
import { samenwerkingsscan2 } from '$lib/questionnaires';
import { withheld } from '$lib/analysis/withheld-text';
import { publishedCellKey } from '$lib/model/published';

/** The demo network in a real store, closed as the server closes it; the exports read it back. */
const NOW = new Date('2026-03-10T12:00:00Z');
const demo = buildDemo({ now: NOW });
const latest = demo.rounds.filter((r) => r.round.status === 'closed').at(-1)!.round;
const openRound = demo.rounds.find((r) => r.round.status === 'open')!.round;
// The latest closed round of the demo asks version 2.
const itemIds = samenwerkingsscan2.sections.flatMap((s) => s.items.map((i) => i.id));
const FORMULA = '=HYPERLINK("http://kwaad.test","klik")';

let dir: string;
let store: JsonStore;
const admin = () => domainContext(store, { id: 'u-admin', email: 'beheer@test', role: 'admin' }, () => NOW);
const viewer = () => domainContext(store, { id: 'u-viewer', email: 'kijk@test', role: 'viewer' }, () => NOW);
const url = (q = '') => new URL(`http://monitor.test/admin/rounds/${latest.id}/export/resultaten.csv${q}`);

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'am-exports-'));
	store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	await writeDemo(store, demo);
	await closeDueRounds(domainContext(store, null, () => NOW));
});

afterAll(async () => {
	await store.close();
	await rm(dir, { recursive: true, force: true });
});

const csvOf = async (r: Response) => {
	// Response.text() drops a BOM, as every UTF-8 decoder does: look at the bytes.
	const bytes = Buffer.from(await r.arrayBuffer());
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	return parse(bytes, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
};

async function xlsxOf(r: Response) {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(await r.arrayBuffer());
	return wb.worksheets[0];
}

async function thrown(p: Promise<unknown>): Promise<{ status: number; body?: { message: string; detail?: string } }> {
	try {
		await p;
	} catch (e) {
		return e as { status: number };
	}
	throw new Error('expected a refusal');
}

async function publishComments(extra: string) {
	await store.updateCommentReview(latest.id, (current) => {
		const review = current!.review;
		review.sections[0].comments.push({ id: 'formule', text: extra });
		return {
			next: { ...current!, review: { ...review, status: 'published', publishedAt: NOW.toISOString() } },
			result: null
		};
	});
}

describe('results export', () => {
	it('has one row per item with the columns of DESIGN.md §5, decimal comma, counts adding up to n', async () => {
		const bytes = Buffer.from(await (await exports.resultsCsv(viewer(), latest.id, url())).arrayBuffer());
		const header = (parse(bytes, { bom: true, delimiter: ';' }) as string[][])[0];
		const rows = parse(bytes, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
		expect(rows).toHaveLength(itemIds.length);
		expect(header).toEqual([
			'stelling',
			'perspectief',
			'tekst',
			'kritisch',
			'n',
			'gemiddelde',
			'sd',
			'rwg',
			'1',
			'2',
			'3',
			'4',
			'5',
			'weet_niet',
			'niet_getoond'
		]);
		expect(rows.map((r) => r.stelling)).toEqual(itemIds);
		const shown = rows.filter((r) => r.n !== '');
		expect(shown.length).toBeGreaterThan(0);
		for (const r of shown) {
			expect(r.gemiddelde).toMatch(/^\d,\d\d$/);
			expect(['1', '2', '3', '4', '5'].reduce((s, p) => s + Number(r[p]), 0)).toBe(Number(r.n));
		}
		expect(new Set(rows.map((r) => r.kritisch))).toEqual(new Set(['ja', 'nee']));
	});

	it('withholds a cell the audit withheld: every row without numbers, with the dashboard’s reason', async () => {
		const file = (await store.publishedSnapshot(latest.id))!;
		// The demo plants small groups; their cells are in the snapshot with a reason and no numbers.
		const cell = file.snapshot.cells.find((c) => !c.n.released)!;
		expect(cell).toBeDefined();
		const reason = cell.n.released ? null : cell.n.reason;
		const [dimension, value] = publishedCellKey(cell.cell).split(':');
		const rows = await csvOf(await exports.resultsCsv(viewer(), latest.id, url(`?${dimension}=${value}`)));
		expect(rows).toHaveLength(itemIds.length);
		for (const r of rows) {
			expect([r.n, r.gemiddelde, r.sd, r.rwg, r['1'], r['5'], r.weet_niet]).toEqual(['', '', '', '', '', '', '']);
			expect(r.niet_getoond).toBe(withheld(reason === 'small' ? 'small' : 'derivable', 5));
		}
	});

	it('refuses a two-parameter selection with 403 and the dashboard’s reason', async () => {
		const e = await thrown(exports.resultsCsv(viewer(), latest.id, url('?role=ambtelijk&helix=overheid')));
		expect(e.status).toBe(403);
		expect(e.body?.detail).toMatch(/Combinaties/);
	});

	it('refuses a group the audit did not publish with 403, not the whole network under its name', async () => {
		const e = await thrown(exports.resultsCsv(viewer(), latest.id, url('?partner=bestaat-niet')));
		expect(e.status).toBe(403);
		expect(e.body?.detail).toMatch(/geen gepubliceerde groep/);
		expect((await thrown(exports.resultsXlsx(viewer(), latest.id, url('?role=onbekend')))).status).toBe(403);
	});

	it('has no exports for an open round', async () => {
		expect((await thrown(exports.resultsCsv(admin(), openRound.id, url()))).status).toBe(409);
	});

	it('writes an XLSX with numbers as numbers, widths and a frozen header', async () => {
		const sheet = await xlsxOf(await exports.resultsXlsx(viewer(), latest.id, url()));
		expect(sheet.getRow(1).getCell(1).value).toBe('stelling');
		expect(sheet.rowCount).toBe(itemIds.length + 1);
		const n = sheet.getRow(2).getCell(5).value;
		expect(typeof n).toBe('number');
		expect(typeof sheet.getRow(2).getCell(6).value).toBe('number');
		expect(sheet.getColumn(3).width).toBe(60);
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
	});
});

describe('responses export', () => {
	it('is for admins only', async () => {
		expect((await thrown(exports.responsesCsv(viewer(), latest.id))).status).toBe(403);
		expect((await thrown(exports.responsesXlsx(viewer(), latest.id))).status).toBe(403);
		expect((await thrown(exports.archiveJson(viewer(), latest.id))).status).toBe(403);
		expect((await thrown(exports.commentsCsv(viewer(), latest.id))).status).toBe(403);
	});

	it('has one column per item and nothing else, one row per kept submitted response, in a fresh order', async () => {
		const state = (await store.round(latest.id))!;
		const kept = state.closedResponses.filter((r) => r.status === 'submitted');
		const first = await csvOf(await exports.responsesCsv(admin(), latest.id));
		expect(Object.keys(first[0])).toEqual(itemIds);
		expect(first).toHaveLength(kept.length);
		const second = await csvOf(await exports.responsesCsv(admin(), latest.id));
		const line = (r: Record<string, string>) => itemIds.map((id) => r[id]).join(',');
		// The same rows, shuffled anew: the order says nothing about when anyone answered.
		expect([...second.map(line)].sort()).toEqual([...first.map(line)].sort());
		expect(second.map(line)).not.toEqual(first.map(line));
		expect(kept.map((r) => itemIds.map((id) => String(r.answers[id] ?? '')).join(',')).sort()).toEqual(
			first.map(line).sort()
		);
	});

	it('records every download in the audit log', async () => {
		const before = (await store.readAudit()).length;
		await (await exports.responsesXlsx(admin(), latest.id)).arrayBuffer();
		const entries = await store.readAudit();
		expect(entries.length).toBe(before + 1);
		expect(entries.at(-1)).toMatchObject({ action: 'export.responses', subject: latest.id, actor: { id: 'u-admin' } });
	});

	it('writes the XLSX with an integer per cell and the item ids as header', async () => {
		const sheet = await xlsxOf(await exports.responsesXlsx(admin(), latest.id));
		expect(sheet.getRow(1).values).toEqual([undefined, ...itemIds]);
		const v = sheet.getRow(2).getCell(1).value;
		expect(v === null || typeof v === 'number').toBe(true);
	});
});

describe('comments and archive', () => {
	it('says the comments wait for the review until it is published, then neutralises a formula', async () => {
		const e = await thrown(exports.commentsCsv(admin(), latest.id));
		expect(e.status).toBe(409);
		expect(e.body?.message).toBe('Toelichtingen nog niet gepubliceerd');
		await publishComments(FORMULA);
		const raw = await (await exports.commentsCsv(admin(), latest.id)).text();
		const rows = parse(raw, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
		expect(Object.keys(rows[0])).toEqual(['onderdeel', 'toelichting']);
		const formula = rows.find((r) => r.toelichting.includes('HYPERLINK'))!;
		expect(formula.toelichting).toBe(`'${FORMULA}`);
	});

	it('archives round, questionnaire, snapshot and responses with dot decimals and no people', async () => {
		const text = await (await exports.archiveJson(admin(), latest.id)).text();
		const archive = JSON.parse(text);
		expect(archive.round.id).toBe(latest.id);
		expect(archive.questionnaire.id).toBe(latest.questionnaireId);
		expect(archive.published.snapshot.cells.length).toBeGreaterThan(1);
		expect(Object.keys(archive.responses[0]).every((k) => itemIds.includes(k))).toBe(true);
		for (const r of demo.respondents.slice(0, 50)) {
			expect(text).not.toContain(r.email);
			if (r.name) expect(text).not.toContain(r.name);
		}
	});
});
