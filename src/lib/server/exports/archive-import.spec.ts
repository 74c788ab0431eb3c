import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from '../store/json-store';
import { buildDemo } from '../demo/build';
import { writeDemo } from '../demo/write';
import { closeDueRounds } from '../closing';
import { domainContext } from '../context';
import * as comments from '../comments';
import { loadRoundDashboard } from '../dashboard';
import { archiveJson, responsesCsv } from './service';
import { importArchive, type ArchiveImportOutcome } from './archive-import';
import { networkSchema } from '$lib/model/network';
import { samenwerkingsscan, samenwerkingsscan2 } from '$lib/questionnaires';
import type { Store } from '../store';

/**
 * A closed round of the demo, exported as ronde.json and read into an installation that has
 * nothing but its network (as the first start with DEMO=0 leaves it): every dashboard the round
 * had, for the whole network and for each published cell, is the same there.
 */
const NOW = new Date('2026-03-10T12:00:00Z');
const demo = buildDemo({ now: NOW });
const closed = demo.rounds
	.map((r) => r.round)
	.filter((r) => r.status === 'closed')
	.sort((a, b) => a.opensAt.localeCompare(b.opensAt));
const latest = closed.at(-1)!;

const dirs: string[] = [];
const stores: JsonStore[] = [];
let source: JsonStore;
const archives = new Map<string, string>();

const adminOf = (store: Store) =>
	domainContext(store, { id: 'u-admin', email: 'beheer@test', role: 'admin' }, () => NOW);
const viewerOf = (store: Store) =>
	domainContext(store, { id: 'u-viewer', email: 'kijk@test', role: 'viewer' }, () => NOW);

async function openStore(prefix: string): Promise<JsonStore> {
	const dir = await mkdtemp(join(tmpdir(), prefix));
	dirs.push(dir);
	const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	stores.push(store);
	return store;
}

/** What startUp leaves with DEMO=0: a network and nothing else. */
async function emptyInstallation(): Promise<JsonStore> {
	const store = await openStore('am-archive-target-');
	await store.updateNetwork((d) => {
		d.network = networkSchema.parse({ id: 'samenwerkingsverband', name: 'Samenwerkingsverband' });
	});
	return store;
}

const url = (roundId: string, query = '') => new URL(`http://monitor.test/admin/rounds/${roundId}${query}`);

/** The round's dashboard data; the installation's own name is not the round's. */
async function dashboard(store: Store, roundId: string, query = '') {
	const d = await loadRoundDashboard(store, roundId, url(roundId, query));
	expect(d).not.toBeNull();
	const { networkName: _name, ...rest } = d!;
	return rest;
}

async function queriesOf(store: Store, roundId: string): Promise<string[]> {
	const file = (await store.publishedSnapshot(roundId))!;
	return file.snapshot.cells.map((c) =>
		c.cell.value === null ? '' : `?${new URLSearchParams({ [c.cell.dimension]: c.cell.value })}`
	);
}

async function thrown(p: Promise<unknown>): Promise<{ status: number }> {
	try {
		await p;
	} catch (e) {
		return e as { status: number };
	}
	throw new Error('expected a refusal');
}

const problemsOf = (out: ArchiveImportOutcome) => (out.ok ? [] : out.problems);

beforeAll(async () => {
	source = await openStore('am-archive-source-');
	await writeDemo(source, demo);
	await closeDueRounds(domainContext(source, null, () => NOW));
	// As the demo server: the latest round's comments are published, the earlier round's wait.
	await comments.publish(
		domainContext(source, null, () => NOW),
		latest.id
	);
	for (const r of closed) archives.set(r.id, await (await archiveJson(adminOf(source), r.id)).text());
});

afterAll(async () => {
	for (const s of stores) await s.close();
	for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('importing a round archive into an empty installation', () => {
	let target: JsonStore;

	beforeAll(async () => {
		target = await emptyInstallation();
		// Older first or not: an earlier round is found by date, whenever it came in.
		for (const r of [...closed].reverse()) {
			const out = await importArchive(adminOf(target), archives.get(r.id)!);
			expect(problemsOf(out)).toEqual([]);
			expect(out).toMatchObject({ ok: true, round: { id: r.id, name: r.name } });
		}
	});

	it('has something to compare: demo rounds with comments, centre and withheld cells', async () => {
		expect(closed.length).toBeGreaterThanOrEqual(2);
		const archive = JSON.parse(archives.get(latest.id)!);
		expect(archive.version).toBe(2);
		expect(archive.comments.length).toBeGreaterThan(0);
		expect(archive.labels.partners).toEqual([expect.objectContaining({ isCentre: true })]);
		// Labels name organisations only: no contact person, nobody's e-mail.
		expect(Object.keys(archive.labels.partners[0]).sort()).toEqual(['helix', 'id', 'isCentre', 'name', 'type']);
		expect(JSON.parse(archives.get(closed[0].id)!).comments).toBeNull();
		const cells = (await source.publishedSnapshot(latest.id))!.snapshot.cells;
		expect(cells.some((c) => !c.n.released)).toBe(true);
		expect(cells.some((c) => c.cell.dimension === 'centre')).toBe(true);
		// The scale's reliability travels in the snapshot, so the dashboards compared below hold it.
		expect(archive.published.snapshot.reliability).toHaveLength(5);
	});

	it('shows the same dashboard data for the whole network and for every published cell, for each round', async () => {
		let compared = 0;
		for (const r of closed) {
			const queries = await queriesOf(source, r.id);
			expect(queries.length).toBeGreaterThan(10);
			for (const q of queries) {
				expect(await dashboard(target, r.id, q), `${r.id}${q}`).toEqual(await dashboard(source, r.id, q));
				compared++;
			}
		}
		// The latest round compares with the earlier one there too, and shows its published comments.
		const whole = await dashboard(target, latest.id);
		expect(whole.data.comparison.previousRound).not.toBeNull();
		expect(whole.data.comments).toBe('published');
		expect((await dashboard(target, closed[0].id)).data.comments).toBe('awaiting-review');
		expect(compared).toBeGreaterThan(20);
	});

	it('keeps the answers as the responses export had them, and closing leaves the round alone', async () => {
		const rows = async (store: Store) =>
			(await (await responsesCsv(adminOf(store), latest.id)).text()).trim().split(/\r?\n/).slice(1).sort();
		const before = await rows(source);
		expect(before.length).toBeGreaterThan(100);
		expect(await rows(target)).toEqual(before);
		// The close job runs every minute; an imported round has no invitations to minimise against.
		await closeDueRounds(domainContext(target, null, () => NOW));
		expect(await rows(target)).toEqual(before);
		const state = await target.round(latest.id);
		expect(state?.invitations.size).toBe(0);
		expect(state?.closedResponses.every((r) => r.status === 'submitted')).toBe(true);
	});

	it('adds the questionnaire once, the centre as an archived partner, and says so in the audit log', async () => {
		const network = target.network();
		expect(network.rounds.map((r) => r.id).sort()).toEqual(closed.map((r) => r.id).sort());
		for (const r of network.rounds) {
			expect(r.status).toBe('closed');
			expect(r.closedAt).not.toBeNull();
			expect(r.minimisedAt).not.toBeNull();
			expect(r.importedAt).toBe(NOW.toISOString());
		}
		// The demo asks the built-in scan: nothing to add; the centre is the one partner it names.
		expect(network.questionnaires).toEqual([]);
		expect(network.partners).toHaveLength(1);
		expect(network.partners[0]).toMatchObject({ isCentre: true, archived: true, contactEmail: '' });
		expect(network.respondents).toEqual([]);
		const log = (await target.readAudit()).filter((e) => e.action === 'round.imported');
		expect(log.map((e) => e.subject).sort()).toEqual(closed.map((r) => r.id).sort());
		expect(log[0].actor?.email).toBe('beheer@test');
		expect(log.find((e) => e.subject === latest.id)?.detail).toMatch(
			/\d+ antwoorden; vragenlijst samenwerkingsscan@2 was er al/
		);
	});

	it('refuses a round whose id exists, and changes nothing', async () => {
		const before = JSON.stringify(target.network());
		const out = await importArchive(adminOf(target), archives.get(latest.id)!);
		expect(out.ok).toBe(false);
		const [p] = problemsOf(out);
		expect(p.path).toBe('round.id');
		expect(p.message).toMatch(/al een meetronde met id/);
		expect(p.line).toBeGreaterThan(1);
		expect(JSON.stringify(target.network())).toBe(before);
	});
});

describe('refusals', () => {
	let target: JsonStore;
	beforeAll(async () => {
		target = await emptyInstallation();
	});
	const archive = () => JSON.parse(archives.get(latest.id)!);
	/** The round's own figures; without the earlier round there is nothing to compare with. */
	const figures = async (store: Store, query = '') => {
		const { data } = await dashboard(store, latest.id, query);
		return { cell: data.cell, sections: data.sections, items: data.items, participation: data.participation };
	};
	const nothingWritten = () => {
		expect(target.network().rounds).toEqual([]);
		expect(target.network().partners).toEqual([]);
	};

	it('refuses a file that is not JSON, with line and column', async () => {
		const out = await importArchive(adminOf(target), '{\n  "format": "alliantiemonitor-ronde",\n  "round": {,\n}');
		const [p] = problemsOf(out);
		expect(p.message).toMatch(/^Geen geldige JSON/);
		expect([p.line, p.column]).toEqual([3, 13]);
		nothingWritten();
	});

	it('refuses another JSON file, saying what it expected', async () => {
		const [p] = problemsOf(await importArchive(adminOf(target), JSON.stringify(samenwerkingsscan)));
		expect(p.message).toMatch(/geen archief van een meetronde/);
		nothingWritten();
	});

	it('names the field path and its line when the schema is not met', async () => {
		const a = archive();
		a.round.name = '';
		a.published.snapshot.cells[0].n = { released: true, n: -1 };
		const text = JSON.stringify(a, null, '\t');
		const problems = problemsOf(await importArchive(adminOf(target), text));
		expect(problems.map((p) => p.path)).toEqual(
			expect.arrayContaining(['round.name', 'published.snapshot.cells[0].n.n'])
		);
		const name = problems.find((p) => p.path === 'round.name')!;
		expect(name.message).toBe('Vul dit veld in');
		expect(text.split('\n')[name.line! - 1]).toContain('"name": ""');
		nothingWritten();
	});

	it('refuses answers that do not belong to the questionnaire', async () => {
		const a = archive();
		a.responses[3] = { ...a.responses[3], 'bestaat-niet': 2 };
		a.responses[4] = { [samenwerkingsscan.sections[0].items[0].id]: 9 };
		const problems = problemsOf(await importArchive(adminOf(target), JSON.stringify(a, null, '\t')));
		expect(problems.map((p) => p.path)).toEqual([
			'responses[3].bestaat-niet',
			`responses[4].${samenwerkingsscan.sections[0].items[0].id}`
		]);
		nothingWritten();
	});

	it('refuses when this installation has the questionnaire version with other content', async () => {
		const other = await emptyInstallation();
		// The latest closed round of the demo asks version 2.
		const scan = structuredClone(samenwerkingsscan2);
		const a = archive();
		a.questionnaire = { ...scan, id: 'eigen-scan', title: 'Eigen scan' };
		a.round.questionnaireId = 'eigen-scan';
		await other.updateNetwork((d) => {
			d.questionnaires.push({ ...scan, id: 'eigen-scan', title: 'Eigen scan, anders' });
		});
		const [p] = problemsOf(await importArchive(adminOf(other), JSON.stringify(a, null, '\t')));
		expect(p.path).toBe('questionnaire');
		expect(p.message).toMatch(/bestaat hier al, met een andere inhoud/);
		expect(other.network().rounds).toEqual([]);

		// The same content is no conflict: the round uses the version that is there.
		await other.updateNetwork((d) => {
			d.questionnaires[0].title = 'Eigen scan';
		});
		expect(problemsOf(await importArchive(adminOf(other), JSON.stringify(a)))).toEqual([]);
		expect(other.network().questionnaires).toHaveLength(1);
	});

	it('adds a questionnaire version the installation lacks', async () => {
		const other = await emptyInstallation();
		const a = archive();
		a.questionnaire = { ...a.questionnaire, id: 'meegebracht', title: 'Meegebracht' };
		a.round.questionnaireId = 'meegebracht';
		expect(problemsOf(await importArchive(adminOf(other), JSON.stringify(a)))).toEqual([]);
		expect(other.network().questionnaires.map((q) => `${q.id}@${q.version}`)).toEqual(['meegebracht@2']);
		expect((await dashboard(other, a.round.id)).questionnaire.title).toBe('Meegebracht');
	});

	it('finishes an import that a crash left without its published figures', async () => {
		const other = await emptyInstallation();
		const a = archive();
		await other.updateNetwork((d) => {
			d.rounds.push({ ...a.round, importedAt: NOW.toISOString() });
		});
		expect(problemsOf(await importArchive(adminOf(other), JSON.stringify(a)))).toEqual([]);
		expect(await figures(other)).toEqual(await figures(source));
		expect(other.network().rounds).toHaveLength(1);
	});

	it('refuses a viewer before reading the file', async () => {
		expect((await thrown(importArchive(viewerOf(target), archives.get(latest.id)!))).status).toBe(403);
		expect((await thrown(importArchive(viewerOf(target), 'geen json'))).status).toBe(403);
		nothingWritten();
	});

	it('refuses an archive of a round that is not closed', async () => {
		const a = archive();
		a.round.status = 'open';
		const [p] = problemsOf(await importArchive(adminOf(target), JSON.stringify(a, null, '\t')));
		expect(p.path).toBe('round.status');
		nothingWritten();
	});

	it('reads a version-1 archive (before labels and comments) with its figures', async () => {
		const other = await emptyInstallation();
		const { labels: _l, comments: _c, ...a } = archive();
		expect(problemsOf(await importArchive(adminOf(other), JSON.stringify({ ...a, version: 1 })))).toEqual([]);
		expect(await figures(other, '?role=ambtelijk')).toEqual(await figures(source, '?role=ambtelijk'));
		expect((await dashboard(other, latest.id)).data.comments).toBe('awaiting-review');
	});
});
