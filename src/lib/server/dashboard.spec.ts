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
});

afterAll(async () => {
	await store.close();
	await rm(dir, { recursive: true, force: true });
});

const params = (q: string) => new URLSearchParams(q);

describe('loadRoundDashboard', () => {
	it('returns null for a round that does not exist', async () => {
		expect(await loadRoundDashboard(store, 'bestaat-niet', params(''))).toBeNull();
	});

	it('builds the latest closed round from submitted responses, with earlier rounds for the trend', async () => {
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

	it('words the planted demo structure: governance low and divided, its split statements counted', async () => {
		const d = (await loadRoundDashboard(store, latest.id, params('')))!;
		const shown = d.data.sections.flatMap((s) => (s.result.suppressed ? [] : [{ id: s.sectionId, ...s.result }]));
		const gov = shown.find((s) => s.id === 'governance')!;
		expect(gov.sentence).toBe('Governance: laag en verdeeld');
		expect(gov.sharedness.polarisedItems).toBe(2);
		// rwg(J) over seven statements stays high; the word follows the mean item rwg.
		expect(gov.sharedness.rwgJ!).toBeGreaterThan(0.7);
		expect(gov.sharedness.meanRwg!).toBeLessThan(0.5);
		expect(shown.find((s) => s.id === 'belangen')!.sharedness.polarisedItems).toBe(1);
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

	it('applies the URL filter to every view and says what it ignored', async () => {
		const all = (await loadRoundDashboard(store, latest.id, params('')))!;
		const amb = (await loadRoundDashboard(store, latest.id, params('role=ambtelijk&role=keizer')))!;
		expect(amb.filter.notices).toHaveLength(1);
		expect(amb.data.filterActive).toBe(true);
		expect(amb.data.participation.selection).toBeLessThan(all.data.participation.selection!);
		// A withheld figure would also differ from the network's; both must be there to compare.
		const governance = (x: typeof all) => x.data.sections.find((s) => s.sectionId === 'governance')!.result;
		const mine = governance(amb);
		const theirs = governance(all);
		expect(mine.suppressed).toBe(false);
		expect(theirs.suppressed).toBe(false);
		if (mine.suppressed || theirs.suppressed) return;
		expect(mine.n).toBeLessThan(theirs.n);
		expect(mine.mean).not.toBe(theirs.mean);
	});

	it('shows nothing for a selection below k, but still the participation', async () => {
		const d = (await loadRoundDashboard(store, latest.id, params('partnerType=vakbond')))!;
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
