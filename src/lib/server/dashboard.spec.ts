import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from './store/json-store';
import { buildDemo } from './demo/build';
import { writeDemo } from './demo/write';
import type { Round } from '$lib/model/round';
import { loadRoundDashboard } from './dashboard';
import { previousRoundsOf } from './rounds';
import { closeDueRounds } from './closing';
import { domainContext } from './context';

/** The demo network in a real store, as the dashboard pages see it. */
const demo = buildDemo({ now: new Date('2026-03-10T12:00:00Z') });
const closed = demo.rounds.filter((r) => r.round.status === 'closed').map((r) => r.round);
const latest = closed.at(-1)!;
const openRound = demo.rounds.find((r) => r.round.status === 'open')!.round;
const draft: Round = {
	...openRound,
	id: 'concept-2027',
	name: 'Concept 2027',
	status: 'draft',
	opensAt: '2027-01-01T08:00:00.000Z'
};

let dir: string;
let store: JsonStore;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'am-dashboard-'));
	store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	await writeDemo(store, demo, { extraRounds: [{ round: draft, invitations: [], responses: [] }] });
	await closeDueRounds(domainContext(store, null, () => new Date('2026-03-10T12:00:00Z')));
	// Closing two demo rounds, bootstrap intervals included, on a machine that may be busy.
}, 60_000);

afterAll(async () => {
	await store.close();
	await rm(dir, { recursive: true, force: true });
});

const params = (q: string) => new URL(`http://monitor.test/admin/rounds/x${q ? `?${q}` : ''}`);

/** What SvelteKit's error() and redirect() throw: a status and a body or location. */
async function thrown(
	p: Promise<unknown>
): Promise<{ status: number; body?: { message: string; detail?: string }; location?: string }> {
	try {
		await p;
	} catch (e) {
		return e as { status: number };
	}
	throw new Error('expected the load to throw');
}

describe('loadRoundDashboard', () => {
	it('returns null for a round that does not exist', async () => {
		expect(await loadRoundDashboard(store, 'bestaat-niet', params(''))).toBeNull();
	});

	it('builds the latest closed round from its published snapshot, with earlier rounds for the trend', async () => {
		const d = (await loadRoundDashboard(store, latest.id, params('')))!;
		const stored = demo.rounds.find((r) => r.round.id === latest.id)!;
		expect(d.round).toMatchObject({ id: latest.id, name: latest.name, statusLabel: 'Gesloten' });
		expect(d.data.k).toBe(5);
		expect(d.data.available).toBe(true);
		expect(d.data.participation).toMatchObject({
			invited: stored.invitations.length,
			submitted: stored.responses.filter((r) => r.status === 'submitted').length
		});
		// Invitations per partner type add up to all invitations.
		const perType = d.data.participation.byPartnerType.reduce((s, t) => s + t.invited, 0);
		expect(perType).toBe(stored.invitations.length);
		expect(d.data.trend.rounds.map((r) => r.id)).toEqual([closed[0].id, latest.id]);
		expect(d.data.comparison.previousRound?.id).toBe(closed[0].id);
		expect(d.data.agenda.length).toBeGreaterThanOrEqual(5);
	});

	it('words the planted demo structure: governance low and weakly shared, its split statements counted', async () => {
		const d = (await loadRoundDashboard(store, latest.id, params('')))!;
		const shown = d.data.sections.flatMap((s) => (s.result.suppressed ? [] : [{ id: s.sectionId, ...s.result }]));
		const gov = shown.find((s) => s.id === 'governance')!;
		// The close stored intervals: the words carry them, and governance's lie in one band each.
		expect(gov.levelInterval).not.toBeNull();
		expect(gov.sharedness.interval).not.toBeNull();
		expect(gov.sentence).toBe('Governance: laag en zwak gedeeld');
		expect(gov.sharedness.polarisedItems).toBe(2);
		// rwg(J) over the statements about the collaboration stays high; the word follows the mean item rwg.
		expect(gov.sharedness.rwgJ!).toBeGreaterThan(0.7);
		expect(gov.sharedness.meanRwg!).toBeLessThan(0.5);
		// Belangen's split statement (what the collaboration yields the own organisation) is about
		// the own organisation: organisations differ there by design, so it divides nothing.
		const belangen = shown.find((s) => s.id === 'belangen')!;
		expect(belangen.sharedness.polarisedItems).toBe(0);
		const split = d.data.items.find((i) => i.itemId === 'belangen-opbrengst-inzet')!.result;
		expect(!split.suppressed && split.rwg!).toBeLessThan(0.5);
		expect(new Set(shown.map((s) => s.sharedness.word)).size).toBeGreaterThan(1);
	});

	it('shows an open round’s participation only, drafts counted as started; its results wait for the close', async () => {
		const stored = demo.rounds.find((r) => r.round.id === openRound.id)!;
		const drafts = stored.responses.filter((r) => r.status === 'draft').length;
		expect(drafts).toBeGreaterThan(0);
		const d = (await loadRoundDashboard(store, openRound.id, params('')))!;
		expect(d.data.participation.started).toBe(stored.responses.length);
		expect(d.data.participation.submitted).toBe(stored.responses.length - drafts);
		expect(d.data.participation.selection).toBe(stored.responses.length - drafts);
		expect(d.data.available).toBe(false);
		expect(d.data.notice).toMatch(/loopt nog.*als de ronde sluit/);
		expect(d.data.sections.every((s) => s.result.suppressed)).toBe(true);
		expect(d.data.items.every((i) => i.result.suppressed)).toBe(true);
		expect(d.data.agenda).toEqual([]);
		expect(d.data.trend.rounds).toEqual([]);
	});

	it('takes only earlier closed rounds as previous ones: an open round publishes nothing, not even a trend point', () => {
		expect(previousRoundsOf(store.network(), closed[0]).map((r) => r.id)).toEqual([]);
		expect(previousRoundsOf(store.network(), draft).map((r) => r.id)).toEqual(closed.map((r) => r.id));
	});

	it('shows one published cell for the URL’s selection, nothing inside it', async () => {
		const all = (await loadRoundDashboard(store, latest.id, params('')))!;
		const amb = (await loadRoundDashboard(store, latest.id, params('role=ambtelijk')))!;
		expect(amb.filter).toMatchObject({
			key: 'role:ambtelijk',
			query: '?role=ambtelijk',
			description: 'Rol: Ambtelijk'
		});
		expect(amb.data.filterActive).toBe(true);
		expect(amb.data.participation.selection).toBeLessThan(all.data.participation.selection!);
		expect(amb.data.heatmap.rows).toEqual([]);
		expect(amb.data.gaps).toEqual({ bestuurlijkAmbtelijk: null, centreRest: null });
		const governance = (x: typeof all) => x.data.sections.find((s) => s.sectionId === 'governance')!.result;
		const mine = governance(amb);
		const theirs = governance(all);
		if (mine.suppressed || theirs.suppressed) throw new Error('governance is withheld');
		expect(mine.n).toBeLessThan(theirs.n);
		// The cell's figure is the whole view's heatmap row for it: one number, two places.
		const row = all.data.heatmap.rows.find((r) => r.family === 'role' && r.groupId === 'ambtelijk')!;
		const cell = row.cells.find((c) => c.sectionId === 'governance')!.result;
		expect(cell.suppressed ? null : cell.mean).toBeCloseTo(mine.mean, 12);
	});

	it('refuses combinations and several values with 403 and a Dutch reason', async () => {
		for (const q of [
			'role=ambtelijk&partnerType=gemeente',
			'partnerType=gemeente&partnerType=onderwijs',
			'helix=onderwijs&body=x'
		]) {
			const e = await thrown(loadRoundDashboard(store, latest.id, params(q)));
			expect(e.status, q).toBe(403);
			expect(e.body?.detail).toMatch(/één groep/);
		}
	});

	it('sends the form’s one choice to the canonical URL', async () => {
		const e = await thrown(loadRoundDashboard(store, latest.id, params('cel=role%3Abestuurlijk')));
		expect([e.status, e.location]).toEqual([303, '/admin/rounds/x?role=bestuurlijk']);
	});

	it('ignores an unknown value with a notice and shows the whole network', async () => {
		const d = (await loadRoundDashboard(store, latest.id, params('role=keizer')))!;
		expect(d.filter.key).toBe('all');
		expect(d.filter.notices).toEqual(['Onbekende waarde voor ‘Rol’ genegeerd: “keizer”.']);
	});

	it('offers the round’s published cells, partners only from k respondents', async () => {
		const d = (await loadRoundDashboard(store, latest.id, params('')))!;
		expect(d.selection.map((g) => g.param)).toEqual(expect.arrayContaining(['partnerType', 'helix', 'role', 'body']));
		const partners = d.selection.find((g) => g.param === 'partner')?.options ?? [];
		for (const p of partners) {
			const one = (await loadRoundDashboard(store, latest.id, params(`partner=${p.key.slice('partner:'.length)}`)))!;
			expect(one.data.participation.selection ?? 5).toBeGreaterThanOrEqual(5);
		}
	});

	it('shows nothing for a selection below k, but still the participation', async () => {
		// Three raads- en Statenleden answered in the demo's latest closed round.
		const d = (await loadRoundDashboard(store, latest.id, params('role=raad-staten')))!;
		expect(d.data.available).toBe(false);
		expect(d.data.notice).toMatch(/Te weinig respondenten in deze selectie/);
		expect(d.data.sections.every((s) => s.result.suppressed)).toBe(true);
		expect(d.data.participation.invited).toBeGreaterThan(0);
	});

	it('shows an empty draft round without failing', async () => {
		const d = (await loadRoundDashboard(store, draft.id, params('')))!;
		expect(d.data.available).toBe(false);
		expect(d.data.participation).toMatchObject({ invited: 0, started: 0, submitted: 0 });
	});
});
