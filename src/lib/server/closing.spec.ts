import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyInto, openFixture, rounds, NOW, type Fixture } from './survey/test-fixture';
import { PgStore } from './store/pg/pg-store';
import { closeNow } from './round-lifecycle';
import { startCluster, pgTestsAvailable, type PgCluster } from '../../../tests/pg-cluster';
import pg from 'pg';
import { closeDueRounds, closeRound, computeSnapshot, cutLinks, minimiseResponses, publishRound } from './closing';
import { answerRound, filesMentioning } from './closing.test-fixture';
import { eraseRespondents } from './erasure';
import { references } from './references';
import { participation } from './rounds';
import { surveyToken } from './tokens';
import { linkKey } from './link-key';
import { domainContext } from './context';
import { StoreError } from './store/errors';
import { JsonStore } from './store/json-store';
import { seedDemo } from './seed-demo';
import { samenwerkingsscan } from '$lib/questionnaires';
import { auditPublishedSet, publishedCells, releasedTallies } from '$lib/analysis/published-set';
import { withBootstrap } from '$lib/analysis/bootstrap';
import { layoutOf } from '$lib/analysis/layout';
import { withReliability } from '$lib/analysis/reliability';
import type { SurveyResponse } from '$lib/model/response';
import { partnerSchema, respondentSchema, type Role } from '$lib/model/network';
import type { Invitation } from '$lib/model/round';
import { SCHEMA_VERSION } from '$lib/model/ids';

const itemIds = samenwerkingsscan.sections.flatMap((s) => s.items.map((i) => i.id));

const overdue = rounds.overdue.id;

let fx: Fixture;
const ctx = () => domainContext(fx.store, null, () => NOW);

const answer = (roundId: string, submitted: number, drafts: number) =>
	answerRound(fx.store, roundId, submitted, drafts);

/** Every invitation in every round file, backup and journal line of the data folder. */
async function invitationsOnDisk(dir: string): Promise<{ file: string; inv: Invitation }[]> {
	const out: { file: string; inv: Invitation }[] = [];
	for (const name of await readdir(join(dir, 'rounds'))) {
		const text = await readFile(join(dir, 'rounds', name), 'utf8');
		if (name.endsWith('.log')) {
			for (const line of text.split('\n').filter(Boolean))
				for (const op of JSON.parse(line)) if (op.t === 'invitation') out.push({ file: name, inv: op.v });
		} else if (text.trim()) {
			const parsed = JSON.parse(text);
			for (const inv of parsed.invitations ?? []) out.push({ file: name, inv });
		}
	}
	return out;
}

beforeEach(async () => {
	fx = await openFixture();
});
afterEach(async () => {
	vi.restoreAllMocks();
	await fx.store.close(); // a test may have reopened it
	await fx.close();
});

describe('closeRound', () => {
	it('publishes the audited tallies of the submitted responses only', async () => {
		const made = await answer(overdue, 7, 3);
		await closeRound(ctx(), overdue);
		const file = await fx.store.publishedSnapshot(overdue);
		expect(file).not.toBeNull();
		expect(file!.roundId).toBe(overdue);
		expect(file!.publishedAt).toBe(NOW.toISOString());
		const submitted = made.filter((r) => r.status === 'submitted');
		expect(submitted).toHaveLength(7);
		const net = fx.store.network();
		const k = net.network!.kAnonymity;
		const cells = publishedCells(
			net.partners,
			net.bodies,
			submitted.map((r) => r.profile),
			k
		);
		const layout = layoutOf(samenwerkingsscan);
		const audited = auditPublishedSet(submitted, layout, cells, net.partners, k);
		// With the bootstrap intervals, seeded by the round's id: the same numbers again.
		const expected = withReliability(
			withBootstrap(releasedTallies(audited), audited, submitted, net.partners, overdue),
			submitted,
			layout
		);
		expect(file!.snapshot).toEqual(expected);
		const all = file!.snapshot.cells.find((c) => c.cell.dimension === 'all')!;
		expect(all.n).toEqual({ released: true, n: 7 });
		for (const t of Object.values(all.sections)) if (t.released) expect(t.bootstrap?.level).toHaveLength(2);
		// Seven responses are too few for a reliability coefficient, and the snapshot says so per section.
		expect(file!.snapshot.reliability?.map((r) => r.alphaGap)).toEqual(
			samenwerkingsscan.sections.map(() => 'too-few-complete')
		);
	});

	it('audits with the k the round opened with, not a later setting of the network', async () => {
		await answer(overdue, 7, 0);
		await fx.store.updateNetwork((d) => {
			d.rounds.find((r) => r.id === overdue)!.k = 7;
			d.network!.kAnonymity = 3;
		});
		await closeRound(ctx(), overdue);
		const file = await fx.store.publishedSnapshot(overdue);
		expect(file!.snapshot.k).toBe(7);
		const shown = file!.snapshot.cells.flatMap((c) => (c.n.released ? [c.n.n] : []));
		expect(shown.length).toBeGreaterThan(0);
		expect(Math.min(...shown)).toBeGreaterThanOrEqual(7);
	});

	it('cuts every link, in memory and in every file (snapshot, backup, journal)', async () => {
		const made = await answer(overdue, 7, 3);
		// Fold some links into the snapshot and its backup first, so all three places held them.
		await fx.store.compactRound(overdue);
		await answer(overdue, 8, 0);
		expect((await invitationsOnDisk(fx.dir)).filter(({ inv }) => inv.responseId !== null).length).toBeGreaterThan(0);

		await closeRound(ctx(), overdue);

		const state = await fx.store.round(overdue);
		expect([...state!.invitations.values()].every((i) => i.responseId === null)).toBe(true);
		expect(state!.invitations.size).toBe(12);
		expect(state!.responses.size).toBe(0);
		expect(state!.closedResponses).toHaveLength(10);
		const onDisk = await invitationsOnDisk(fx.dir);
		expect(onDisk.length).toBeGreaterThan(0);
		expect(onDisk.filter(({ inv }) => inv.responseId !== null)).toEqual([]);
		// No file keeps a response id at all: closing dropped them with the responses' moments.
		for (const r of made) expect(await filesMentioning(fx.dir, r.id)).toEqual([]);

		// And so after a restart, too.
		await fx.store.close();
		const again = await JsonStore.open({ dataDir: fx.dir, log: () => undefined });
		try {
			const reread = await again.round(overdue);
			expect([...reread!.invitations.values()].every((i) => i.responseId === null)).toBe(true);
		} finally {
			await again.close();
		}
		fx.store = await JsonStore.open({ dataDir: fx.dir, log: () => undefined });
	});

	it('marks the round closed with closedAt and records it once', async () => {
		await answer(overdue, 5, 0);
		await closeRound(ctx(), overdue);
		const round = fx.store.network().rounds.find((r) => r.id === overdue)!;
		expect(round.status).toBe('closed');
		expect(round.closedAt).toBe(NOW.toISOString());
		const log = (await fx.store.readAudit()).filter((e) => e.action === 'round.closed');
		expect(log).toHaveLength(1);
		expect(log[0].subject).toBe(overdue);
		expect(log[0].actor).toBeNull();
	});

	it('is idempotent: a second call changes nothing and publishes once', async () => {
		await answer(overdue, 6, 1);
		await closeRound(ctx(), overdue);
		const published = await fx.store.publishedSnapshot(overdue);
		const network = structuredClone(fx.store.network());
		const publish = vi.spyOn(fx.store, 'publish');
		const later = domainContext(fx.store, null, () => new Date(NOW.getTime() + 60_000));
		await closeRound(later, overdue);
		expect(publish).not.toHaveBeenCalled();
		expect(await fx.store.publishedSnapshot(overdue)).toEqual(published);
		expect(fx.store.network()).toEqual(network);
		expect((await fx.store.readAudit()).filter((e) => e.action === 'round.closed')).toHaveLength(1);
	});

	it('finishes an interrupted close: published, then a crash before the links were cut', async () => {
		await answer(overdue, 6, 0);
		const transact = vi.spyOn(fx.store, 'transactRound').mockRejectedValueOnce(new Error('crash'));
		await expect(closeRound(ctx(), overdue)).rejects.toThrow('crash');
		transact.mockRestore();
		const first = await fx.store.publishedSnapshot(overdue);
		expect(first).not.toBeNull();
		expect(fx.store.network().rounds.find((r) => r.id === overdue)!.status).toBe('open');
		expect(
			((await fx.store.round(overdue))!.invitations.values().next().value as Invitation).responseId
		).not.toBeNull();

		// A response arriving in between (it cannot: the survey refuses after closesAt) would not
		// change the frozen numbers: the next call keeps the first snapshot.
		const publish = vi.spyOn(fx.store, 'publish');
		await closeRound(ctx(), overdue);
		expect(publish).not.toHaveBeenCalled();
		expect(await fx.store.publishedSnapshot(overdue)).toEqual(first);
		expect((await invitationsOnDisk(fx.dir)).filter(({ inv }) => inv.responseId !== null)).toEqual([]);
		expect(fx.store.network().rounds.find((r) => r.id === overdue)!.status).toBe('closed');
	});

	it('records the close when a crash came between marking it closed and writing the audit line', async () => {
		await answer(overdue, 6, 0);
		vi.spyOn(fx.store, 'appendAudit').mockRejectedValueOnce(new Error('crash'));
		await expect(closeRound(ctx(), overdue)).rejects.toThrow('crash');
		vi.restoreAllMocks();
		expect(fx.store.network().rounds.find((r) => r.id === overdue)!.status).toBe('closed');
		// The next start (or the minute's job) owes the audit line, and writes it once.
		expect(await closeDueRounds(ctx())).toContain(overdue);
		await closeDueRounds(ctx());
		const log = (await fx.store.readAudit()).filter((e) => e.action === 'round.closed' && e.subject === overdue);
		expect(log).toHaveLength(1);
	});

	it('finishes a close that cut the links but crashed before folding them out of the files', async () => {
		await answer(overdue, 6, 0);
		await fx.store.compactRound(overdue);
		await publishRound(ctx(), overdue);
		vi.spyOn(fx.store, 'compactRound').mockRejectedValueOnce(new Error('crash'));
		await expect(cutLinks(ctx(), overdue)).rejects.toThrow('crash');
		vi.restoreAllMocks();
		// The snapshot file still has the links (the cut is only in the journal).
		expect((await invitationsOnDisk(fx.dir)).filter(({ inv }) => inv.responseId !== null).length).toBeGreaterThan(0);
		await closeRound(ctx(), overdue);
		expect((await invitationsOnDisk(fx.dir)).filter(({ inv }) => inv.responseId !== null)).toEqual([]);
	});
});

describe('publish', () => {
	it('refuses to overwrite a published set, and an unknown round', async () => {
		await closeRound(ctx(), overdue);
		const file = (await fx.store.publishedSnapshot(overdue))!;
		await expect(fx.store.publish(overdue, { ...file, publishedAt: new Date().toISOString() })).rejects.toThrow(
			StoreError
		);
		expect(await fx.store.publishedSnapshot(overdue)).toEqual(file);
		await expect(fx.store.publish('bestaat-niet', { ...file, roundId: 'bestaat-niet' })).rejects.toThrow(StoreError);
	});

	it('validates before writing', async () => {
		await closeRound(ctx(), overdue);
		const file = (await fx.store.publishedSnapshot(overdue))!;
		const bad = { ...file, roundId: rounds.open.id, snapshot: { ...file.snapshot, k: 1 } };
		await expect(fx.store.publish(rounds.open.id, bad)).rejects.toThrow();
		expect(await fx.store.publishedSnapshot(rounds.open.id)).toBeNull();
	});

	it('keeps the published set on disk, validated, across a restart', async () => {
		await answer(overdue, 5, 0);
		await closeRound(ctx(), overdue);
		const file = await fx.store.publishedSnapshot(overdue);
		const raw = JSON.parse(await readFile(join(fx.dir, 'rounds', `${overdue}.published.json`), 'utf8'));
		expect(raw).toMatchObject({ schemaVersion: SCHEMA_VERSION, roundId: overdue });
		await fx.store.close();
		fx.store = await JsonStore.open({ dataDir: fx.dir, log: () => undefined });
		expect(await fx.store.publishedSnapshot(overdue)).toEqual(file);
	});
});

describe('closeDueRounds', () => {
	it('closes the rounds past their date, publishes closed ones without a set, leaves the rest', async () => {
		await answer(overdue, 5, 0);
		await answer(rounds.open.id, 5, 0);
		const closed = await closeDueRounds(ctx());
		expect(closed.sort()).toEqual([rounds.closed.id, overdue].sort());
		const status = Object.fromEntries(fx.store.network().rounds.map((r) => [r.id, r.status]));
		expect(status).toEqual({
			[rounds.open.id]: 'open',
			[rounds.other.id]: 'open',
			[rounds.closed.id]: 'closed',
			[rounds.upcoming.id]: 'draft',
			[overdue]: 'closed'
		});
		// Already closed: keeps its own closing moment.
		expect(fx.store.network().rounds.find((r) => r.id === rounds.closed.id)!.closedAt).toBe(rounds.closed.closedAt);
		expect(await fx.store.publishedSnapshot(rounds.closed.id)).not.toBeNull();
		expect(await fx.store.publishedSnapshot(rounds.open.id)).toBeNull();
		expect(await fx.store.publishedSnapshot(rounds.upcoming.id)).toBeNull();
		// The open round keeps its links: they are needed to resume and resubmit.
		const open = await fx.store.round(rounds.open.id);
		expect([...open!.invitations.values()].filter((i) => i.responseId !== null)).toHaveLength(5);

		expect(await closeDueRounds(ctx())).toEqual([]);
	});
});

describe('the demo', () => {
	it('has its closed rounds published when it is made, and never wrote their links', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'am-closing-demo-'));
		const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		try {
			await seedDemo(store);
			const closed = store.network().rounds.filter((r) => r.status === 'closed');
			expect(closed.length).toBeGreaterThan(0);
			for (const r of closed) {
				const published = await store.publishedSnapshot(r.id);
				expect(published).not.toBeNull();
				// Closed through the real close path, so with the scale's reliability per section.
				expect(published!.snapshot.reliability?.map((x) => x.sectionId)).toEqual(published!.snapshot.sectionIds);
				expect(published!.snapshot.reliability?.every((x) => x.alpha !== null && x.omega !== null)).toBe(true);
				const state = await store.round(r.id);
				expect([...state!.invitations.values()].every((i) => i.responseId === null)).toBe(true);
			}
			const open = store.network().rounds.find((r) => r.status === 'open')!;
			expect(await store.publishedSnapshot(open.id)).toBeNull();
		} finally {
			await store.close();
			await rm(dir, { recursive: true, force: true });
		}
	});
});

/**
 * A small network where the profiles copied at the first save single people out: one
 * bestuurlijk at Zwolle without bodies, Kampen's two, Windesheim's three, SBB's two. With k = 5
 * the rule keeps Zwolle's five ambtelijk as they are, puts Zwolle's other three with Kampen's two
 * under "gemeente", and Windesheim's and SBB's five under "anyone".
 */
const crafted: { partnerId: string; role: Role; bodyIds: string[]; n: number }[] = [
	{ partnerId: 'zwolle', role: 'ambtelijk', bodyIds: ['po-economie'], n: 5 },
	{ partnerId: 'zwolle', role: 'bestuurlijk', bodyIds: ['po-economie'], n: 2 },
	{ partnerId: 'zwolle', role: 'bestuurlijk', bodyIds: [], n: 1 },
	{ partnerId: 'kampen', role: 'ambtelijk', bodyIds: [], n: 2 },
	{ partnerId: 'windesheim', role: 'directie', bodyIds: [], n: 3 },
	{ partnerId: 'sbb', role: 'directie', bodyIds: [], n: 2 }
];

/** Replaces the fixture's people by the crafted ones, each invited once to the overdue round. */
async function craft(people = crafted) {
	await fx.store.updateNetwork((d) => {
		d.partners.push(
			partnerSchema.parse({ id: 'kampen', name: 'Gemeente Kampen', type: 'gemeente', helix: 'overheid' }),
			partnerSchema.parse({ id: 'windesheim', name: 'Windesheim', type: 'onderwijs', helix: 'onderwijs' }),
			partnerSchema.parse({ id: 'sbb', name: 'SBB', type: 'sbb', helix: 'onderwijs' })
		);
		d.respondents = people.flatMap((p, g) =>
			Array.from({ length: p.n }, (_, i) =>
				respondentSchema.parse({ id: `p-${g}-${i}`, name: `Persoon ${g}.${i}`, ...p })
			)
		);
	});
	const invitations: Invitation[] = fx.store.network().respondents.map((r, i) => ({
		id: `u-${i}`,
		roundId: overdue,
		respondentId: r.id,
		tokenHash: surveyToken(linkKey(), overdue, `u-${i}`).tokenHash,
		createdAt: rounds.overdue.opensAt,
		responseId: null,
		declinedAt: null
	}));
	await fx.store.replaceRound(overdue, { schemaVersion: SCHEMA_VERSION, roundId: overdue, invitations, responses: [] });
}

/** Everyone answers (the last `drafts` leave a draft), each at their own minute before NOW. */
async function answerAll(drafts = 0): Promise<SurveyResponse[]> {
	const made = await answer(overdue, 0, 0);
	const invs = [...(await fx.store.round(overdue))!.invitations.values()];
	const people = fx.store.network().respondents;
	const responses = invs.map((inv, i): SurveyResponse => {
		const p = people.find((r) => r.id === inv.respondentId)!;
		const at = new Date(NOW.getTime() - (i + 1) * 60_000 - 7).toISOString();
		const submitted = i < invs.length - drafts;
		return {
			id: `r-${i.toString(36)}x${(i * 7919).toString(36)}`,
			roundId: overdue,
			profile: { partnerId: p.partnerId, role: p.role, bodyIds: [...p.bodyIds] },
			// The first two items tell the responses apart (up to 25).
			answers: Object.fromEntries(
				itemIds.map((id, j) => [id, j === 0 ? (i % 5) + 1 : j === 1 ? (Math.floor(i / 5) % 5) + 1 : ((i + j) % 5) + 1])
			),
			comments: i % 4 === 0 ? { inhoud: `Toelichting ${i}` } : {},
			status: submitted ? 'submitted' : 'draft',
			step: i % 5,
			createdAt: at,
			updatedAt: at,
			submittedAt: submitted ? at : null
		};
	});
	await fx.store.transactRound(overdue, () => ({
		ops: responses.flatMap((r, i) => [
			{ t: 'response' as const, v: r },
			{ t: 'invitation' as const, v: { ...invs[i], responseId: r.id } }
		]),
		result: null
	}));
	return [...made, ...responses];
}

describe('minimising the responses at close', () => {
	it('keeps each response’s answers and status only: no profile (comments go to review)', async () => {
		await craft();
		const made = await answerAll(2);
		await closeRound(ctx(), overdue);
		const state = (await fx.store.round(overdue))!;
		expect(state.responses.size).toBe(0);
		expect(state.closedResponses).toHaveLength(made.length);
		for (const r of state.closedResponses) expect(Object.keys(r).sort()).toEqual(['answers', 'status']);
		// The answers and statuses are all still there, each response's own; the comments are in
		// the review file (comments.ts), not in any stored response.
		const sorted = (o: object) => Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
		const content = (r: { answers: object; status: string }) => JSON.stringify([sorted(r.answers), r.status]);
		expect(state.closedResponses.map(content).sort()).toEqual(made.map(content).sort());
		expect(await participation(fx.store, overdue)).toEqual({ invited: 15, started: 15, submitted: 13 });
		expect(fx.store.network().rounds.find((r) => r.id === overdue)!.minimisedAt).toBe(NOW.toISOString());
		const log = (await fx.store.readAudit()).filter((e) => e.action === 'round.closed');
		expect(log).toHaveLength(1);
		expect(log[0].detail).toContain('profielen, tijdstippen en volgorde gewist');
	});

	it('leaves no response id, moment or step in any file, and lists the responses in an order of their own', async () => {
		await craft();
		const made = await answerAll(1);
		await fx.store.compactRound(overdue); // so the snapshot and its backup held them too
		await closeRound(ctx(), overdue);
		for (const r of made) {
			expect(await filesMentioning(fx.dir, r.id), r.id).toEqual([]);
			expect(await filesMentioning(fx.dir, r.createdAt), r.createdAt).toEqual([]);
		}
		for (const name of [`${overdue}.json`, `${overdue}.json.bak`]) {
			const file = JSON.parse(await readFile(join(fx.dir, 'rounds', name), 'utf8'));
			expect(file.responses, name).toEqual([]);
			for (const r of file.closedResponses) expect(Object.keys(r).sort(), name).toEqual(['answers', 'status']);
		}
		expect(await readFile(join(fx.dir, 'rounds', `${overdue}.log`), 'utf8')).toBe('');
		// Shuffled (15 responses: their first save's order comes back once in 15! ≈ 10¹² closes).
		const order = (rs: readonly { answers: Record<string, number> }[]) =>
			rs.map((r) => r.answers[itemIds[0]] * 100 + r.answers[itemIds[1]]);
		expect(order((await fx.store.round(overdue))!.closedResponses)).not.toEqual(order(made));
	});

	it('leaves the published set as it was computed from the profiles before close', async () => {
		await craft();
		const made = await answerAll(0);
		const expected = await computeSnapshot(ctx(), overdue);
		await closeRound(ctx(), overdue);
		const file = (await fx.store.publishedSnapshot(overdue))!;
		expect(file.snapshot).toEqual(expected.snapshot);
		expect(file.participation).toEqual(expected.participation);
		expect(made.every((r) => r.status === 'submitted')).toBe(true);
	});

	it('changes nothing when run again', async () => {
		await craft();
		await answerAll(1);
		await closeRound(ctx(), overdue);
		const before = structuredClone((await fx.store.round(overdue))!.closedResponses);
		const transact = vi.spyOn(fx.store, 'transactRound');
		expect(await minimiseResponses(ctx(), overdue)).toBe(false);
		expect(transact).toHaveBeenCalledTimes(1);
		expect((await fx.store.round(overdue))!.closedResponses).toEqual(before);
	});

	it('finishes a minimisation that crashed before it was folded out of the snapshot and its backup', async () => {
		await craft();
		const made = await answerAll(0);
		await fx.store.compactRound(overdue);
		await fx.store.compactRound(overdue);
		await publishRound(ctx(), overdue);
		await cutLinks(ctx(), overdue);
		vi.spyOn(fx.store, 'compactRound').mockRejectedValueOnce(new Error('crash'));
		await expect(minimiseResponses(ctx(), overdue)).rejects.toThrow('crash');
		vi.restoreAllMocks();
		expect(await filesMentioning(fx.dir, made[0].id)).toEqual([`rounds/${overdue}.json`, `rounds/${overdue}.json.bak`]);
		// After a restart too: the journal holds the minimisation, the round is still due.
		await fx.store.close();
		fx.store = await JsonStore.open({ dataDir: fx.dir, log: () => undefined });
		expect(await closeDueRounds(ctx())).toContain(overdue);
		expect(await filesMentioning(fx.dir, made[0].id)).toEqual([]);
	});

	it('finishes a round closed before minimising existed, from files of schema version 1', async () => {
		await craft();
		const made = await answerAll(0);
		await publishRound(ctx(), overdue);
		await cutLinks(ctx(), overdue);
		await fx.store.updateNetwork((d) => {
			const r = d.rounds.find((x) => x.id === overdue)!;
			r.status = 'closed';
			r.closedAt = NOW.toISOString();
		});
		await fx.store.close();
		// As the previous version wrote them: version 1, no minimisedAt, no closedResponses.
		const rewrite = async (path: string, change: (d: Record<string, unknown>) => void) => {
			const data = JSON.parse(await readFile(path, 'utf8').catch(() => '{}'));
			change(data);
			await writeFile(path, JSON.stringify({ ...data, schemaVersion: 1 }));
			await rm(`${path}.bak`, { force: true });
		};
		await rewrite(join(fx.dir, 'network.json'), (d) => {
			for (const r of d.rounds as Record<string, unknown>[]) delete r.minimisedAt;
		});
		for (const name of await readdir(join(fx.dir, 'rounds')))
			if (name.endsWith('.json')) await rewrite(join(fx.dir, 'rounds', name), (d) => delete d.closedResponses);
		fx.store = await JsonStore.open({ dataDir: fx.dir, log: () => undefined });
		expect(fx.store.network().rounds.every((r) => r.minimisedAt === null)).toBe(true);
		expect((await fx.store.round(overdue))!.responses.size).toBe(made.length);

		const published = await fx.store.publishedSnapshot(overdue);
		expect(await closeDueRounds(ctx())).toContain(overdue);
		const state = (await fx.store.round(overdue))!;
		expect(state.responses.size).toBe(0);
		expect(state.closedResponses).toHaveLength(made.length);
		expect(await fx.store.publishedSnapshot(overdue)).toEqual(published);
		expect(await filesMentioning(fx.dir, made[0].id)).toEqual([]);
		expect(JSON.parse(await readFile(join(fx.dir, 'network.json'), 'utf8')).schemaVersion).toBe(SCHEMA_VERSION);
		expect(await closeDueRounds(ctx())).toEqual([]);
	});

	it('drops the coarsened profiles that schema version 2 kept, from the file and its backup', async () => {
		await craft();
		await answerAll(0);
		await closeRound(ctx(), overdue);
		await fx.store.close();
		// As version 2 wrote a closed round: a coarsened profile and empty comments on every response.
		const roundPath = join(fx.dir, 'rounds', `${overdue}.json`);
		const old = JSON.parse(await readFile(roundPath, 'utf8'));
		old.schemaVersion = 2;
		old.closedResponses = old.closedResponses.map((r: object) => ({
			...r,
			profile: { partnerId: 'zwolle' },
			comments: {}
		}));
		for (const path of [roundPath, `${roundPath}.bak`]) await writeFile(path, JSON.stringify(old));
		const networkPath = join(fx.dir, 'network.json');
		await writeFile(
			networkPath,
			JSON.stringify({ ...JSON.parse(await readFile(networkPath, 'utf8')), schemaVersion: 2 })
		);
		expect(await filesMentioning(fx.dir, '"profile"')).toEqual([
			`rounds/${overdue}.json`,
			`rounds/${overdue}.json.bak`
		]);

		fx.store = await JsonStore.open({ dataDir: fx.dir, log: () => undefined });
		expect(fx.store.network().rounds.find((r) => r.id === overdue)!.minimisedAt).toBeNull();
		expect(await closeDueRounds(ctx())).toContain(overdue);
		expect(await filesMentioning(fx.dir, '"profile"')).toEqual([]);
		expect(JSON.parse(await readFile(roundPath, 'utf8')).schemaVersion).toBe(SCHEMA_VERSION);
		expect((await fx.store.round(overdue))!.closedResponses).toHaveLength(15);
	});

	it('keeps only the statuses of a round with fewer than k invitees', async () => {
		await craft([{ partnerId: 'zwolle', role: 'ambtelijk', bodyIds: [], n: 4 }]);
		await answerAll(1);
		await closeRound(ctx(), overdue);
		const state = (await fx.store.round(overdue))!;
		expect(state.closedResponses.map((r) => r.status).sort()).toEqual(['draft', 'submitted', 'submitted', 'submitted']);
		for (const r of state.closedResponses) expect(r).toEqual({ answers: {}, status: r.status });
		// Only the comment review holds the text (and no page shows it for a network below k).
		expect((await filesMentioning(fx.dir, 'Toelichting 0')).every((f) => f.includes('.comments.json'))).toBe(true);
		expect(await participation(fx.store, overdue)).toEqual({ invited: 4, started: 4, submitted: 3 });
	});

	it('refuses to publish again from minimised responses (a lost published set comes from a backup)', async () => {
		await craft();
		await answerAll(0);
		await closeRound(ctx(), overdue);
		// Lost while the server was down (a running store keeps the set it read).
		await fx.store.close();
		await rm(join(fx.dir, 'rounds', `${overdue}.published.json`));
		fx.store = await JsonStore.open({ dataDir: fx.dir, log: () => undefined });
		await expect(closeRound(ctx(), overdue)).rejects.toThrow(/niet opnieuw te berekenen/);
		expect(await fx.store.publishedSnapshot(overdue)).toBeNull();
	});

	it('keeps only the statuses when an erasure leaves fewer than k invitees, marked in the same write that erases', async () => {
		await craft([{ partnerId: 'zwolle', role: 'ambtelijk', bodyIds: [], n: 6 }]);
		await answerAll(0);
		await closeRound(ctx(), overdue);
		const answered = async () =>
			(await fx.store.round(overdue))!.closedResponses.filter((r) => Object.keys(r.answers).length > 0).length;
		expect(await answered()).toBe(6);
		// Five invitees left: still k, the answers stay.
		await eraseRespondents(ctx(), ['p-0-0']);
		expect(await answered()).toBe(6);
		// The erasure's network write marks the round; a crash right after leaves it due.
		const update = vi.spyOn(fx.store, 'transactRound').mockRejectedValueOnce(new Error('crash'));
		await expect(eraseRespondents(ctx(), ['p-0-1'])).rejects.toThrow('crash');
		update.mockRestore();
		expect(fx.store.network().rounds.find((r) => r.id === overdue)!.minimisedAt).toBeNull();
		expect(await closeDueRounds(ctx())).toContain(overdue);
		expect(await answered()).toBe(0);
		expect((await fx.store.round(overdue))!.closedResponses).toHaveLength(6);
		expect(fx.store.network().rounds.find((r) => r.id === overdue)!.minimisedAt).not.toBeNull();
		for (const name of [`${overdue}.json`, `${overdue}.json.bak`])
			for (const r of JSON.parse(await readFile(join(fx.dir, 'rounds', name), 'utf8')).closedResponses)
				expect(r.answers, name).toEqual({});
	});

	it('counts no closed response as a reference, only the partners and bodies its published cells name', async () => {
		await craft();
		await answerAll(0);
		await closeRound(ctx(), overdue);
		const refs = await references(ctx());
		const published = (await fx.store.publishedSnapshot(overdue))!.snapshot.cells;
		const named = (dimension: string, value: string) =>
			published.some((c) => c.cell.dimension === dimension && c.cell.value === value) ? 1 : 0;
		expect(named('partner', 'zwolle')).toBe(1);
		for (const [kind, id] of [
			['partner', 'zwolle'],
			['partner', 'sbb'],
			['body', 'po-economie']
		] as const) {
			expect(refs.usageOf(kind, id).responses, id).toBe(0);
			expect(refs.usageOf(kind, id).closedRounds, id).toBe(named(kind, id));
		}
	});
});

/**
 * Two instances on one PostgreSQL database (issue 16): an admin's "sluiten" on each and the
 * close job of each, all at the same moment, close the round once.
 */
describe.skipIf(!pgTestsAvailable())('closing from two instances at once', () => {
	let cluster: PgCluster;
	beforeAll(async () => {
		cluster = await startCluster();
	}, 60_000);
	afterAll(async () => cluster?.stop());

	it('publishes once, cuts the links, records it once, and tells the admin nothing but "al gesloten"', async () => {
		const url = await cluster.createDatabase();
		const open = () => PgStore.open({ url, dataDir: '/nonexistent', log: () => undefined });
		const a = await open();
		const b = await open();
		const sql = new pg.Client({ connectionString: url });
		await sql.connect();
		try {
			await copyInto(a, fx.store);
			await answerRound(a, overdue, 6, 2);
			const on = (store: PgStore) => domainContext(store, null, () => NOW);
			const outcomes = await Promise.allSettled([
				closeNow(on(a), overdue),
				closeNow(on(b), overdue),
				closeRound(on(a), overdue),
				closeRound(on(b), overdue),
				closeDueRounds(on(a)),
				closeDueRounds(on(b))
			]);
			for (const o of outcomes) expect(o.status, String((o as PromiseRejectedResult).reason)).toBe('fulfilled');
			const [nowA, nowB] = outcomes.slice(0, 2).map((o) => (o as PromiseFulfilledResult<unknown>).value);
			for (const out of [nowA, nowB])
				expect([
					{ ok: true, value: null },
					{ ok: false, errors: { form: 'Deze ronde is al gesloten.' } }
				]).toContainEqual(out);
			// The jobs of both instances together report the round closed at most once.
			const jobs = outcomes.slice(4).flatMap((o) => (o as PromiseFulfilledResult<string[]>).value);
			expect(jobs.filter((id) => id === overdue).length).toBeLessThanOrEqual(1);

			const count = async (query: string) => (await sql.query(query, [overdue])).rows[0].n as number;
			expect(await count(`SELECT count(*)::int AS n FROM published WHERE round_id = $1`)).toBe(1);
			expect(await count(`SELECT count(*)::int AS n FROM invitation_responses WHERE round_id = $1`)).toBe(0);
			expect(await count(`SELECT count(*)::int AS n FROM responses WHERE round_id = $1`)).toBe(0);
			expect(
				await count(
					`SELECT count(*)::int AS n FROM audit_log WHERE body->>'action' = 'round.closed' AND body->>'subject' = $1`
				)
			).toBe(1);
			await b.refresh();
			expect(b.network().rounds.find((r) => r.id === overdue)!.status).toBe('closed');
		} finally {
			await sql.end();
			await a.close();
			await b.close();
		}
	});
});
