import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFixture, rounds, NOW, type Fixture } from './survey/test-fixture';
import { closeDueRounds, closeRound, cutLinks, publishRound } from './closing';
import { domainContext } from './context';
import { StoreError } from './store/errors';
import { JsonStore } from './store/json-store';
import { seedDemo } from './seed-demo';
import { samenwerkingsscan } from '$lib/questionnaires';
import { auditPublishedSet, publishedCells, releasedTallies } from '$lib/analysis/published-set';
import { layoutOf } from '$lib/analysis/tabulate';
import type { SurveyResponse } from '$lib/model/response';
import type { Invitation } from '$lib/model/round';
import { SCHEMA_VERSION } from '$lib/model/ids';

const itemIds = samenwerkingsscan.sections.flatMap((s) => s.items.map((i) => i.id));
const overdue = rounds.overdue.id;

let fx: Fixture;
const ctx = () => domainContext(fx.store, null, () => NOW);

/** Answers for the first `submitted` invitations of the overdue round (plus `drafts` more), linked as the survey links them. */
async function answer(roundId: string, submitted: number, drafts: number): Promise<SurveyResponse[]> {
	const respondents = fx.store.network().respondents;
	return fx.store.transactRound(roundId, (s) => {
		const invs = [...s.invitations.values()];
		const made: SurveyResponse[] = [];
		const ops = invs.slice(0, submitted + drafts).flatMap((inv, i) => {
			const resp = respondents.find((r) => r.id === inv.respondentId)!;
			const response: SurveyResponse = {
				id: `r-${roundId}-${i}`,
				roundId,
				profile: { partnerId: resp.partnerId, role: resp.role, bodyIds: resp.bodyIds },
				answers: Object.fromEntries(itemIds.map((id, j) => [id, ((i + j) % 5) + (i < submitted ? 1 : 0)])),
				comments: {},
				status: i < submitted ? 'submitted' : 'draft',
				step: 0,
				createdAt: NOW.toISOString(),
				updatedAt: NOW.toISOString(),
				submittedAt: i < submitted ? NOW.toISOString() : null
			};
			made.push(response);
			const linked: Invitation = { ...inv, responseId: response.id };
			return [
				{ t: 'response' as const, v: response },
				{ t: 'invitation' as const, v: linked }
			];
		});
		return { ops, result: made };
	});
}

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

/** The files (relative paths, sorted) whose raw text contains `needle`. */
async function filesMentioning(dir: string, needle: string): Promise<string[]> {
	const hits: string[] = [];
	const walk = async (d: string) => {
		for (const e of await readdir(d, { withFileTypes: true })) {
			const p = join(d, e.name);
			if (e.isDirectory()) await walk(p);
			else if ((await readFile(p, 'utf8')).includes(needle)) hits.push(p.slice(dir.length + 1));
		}
	};
	await walk(dir);
	return hits.sort();
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
		const expected = releasedTallies(auditPublishedSet(submitted, layoutOf(samenwerkingsscan), cells, net.partners, k));
		expect(file!.snapshot).toEqual(expected);
		const all = file!.snapshot.cells.find((c) => c.cell.dimension === 'all')!;
		expect(all.n).toEqual({ released: true, n: 7 });
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
				expect(await store.publishedSnapshot(r.id)).not.toBeNull();
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
