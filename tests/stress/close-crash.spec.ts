import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '$lib/server/demo/random';
import { JsonStore } from '$lib/server/store/json-store';
import { commentsFileSchema, publishedFileSchema } from '$lib/server/store/files';
import { normaliseCommentText } from '$lib/model/comment-review';
import { makeDataDir, writeLinkedRound } from '../../src/cli/bench-data';
import { crashSeed, login, postForm, startServer, type Server } from './harness';

const SEED = crashSeed();
const replay = `CRASH_SEED=${SEED}`;

const RESPONSES = 10_000;
/** Every tenth response is a draft: the close meets both kinds. */
const DRAFT_EVERY = 10;
const KILLS = 10;

type RawInvitation = { id: string; responseId: string | null };
type RawRoundFile = {
	invitations: RawInvitation[];
	responses: Record<string, unknown>[];
	closedResponses?: Record<string, unknown>[];
};
type Op = { t: string; v?: unknown };

/** What the seeded folder held before any close: the yardstick for "open and intact". */
type Before = {
	closesAt: string;
	links: Map<string, string>;
	responseIds: Set<string>;
	submitted: number;
	drafts: number;
	comments: number;
	withComments: number;
	submittedToken: string;
	draftToken: string;
};

/**
 * The data folder as a restarted server would find it, read raw (the store's own reader would
 * tidy it first: drop a cut-off journal line, remove temp files). Only complete journal lines
 * count, as the journal reads them.
 */
async function readDisk(dir: string, roundId: string) {
	const rounds = join(dir, 'rounds');
	const json = async <T>(path: string): Promise<T | null> => {
		try {
			return JSON.parse(await readFile(path, 'utf8')) as T;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
			throw e;
		}
	};
	const lines = async (path: string) => {
		const text = await readFile(path, 'utf8').catch(() => '');
		const complete = text.slice(0, text.lastIndexOf('\n') + 1);
		return complete.split('\n').filter(Boolean);
	};
	const network = (await json<{
		rounds: { id: string; status: string; closesAt: string; closedAt: string | null; minimisedAt: string | null }[];
	}>(join(dir, 'network.json')))!;
	return {
		round: network.rounds.find((r) => r.id === roundId)!,
		published: await json<unknown>(join(rounds, `${roundId}.published.json`)),
		comments: await json<unknown>(join(rounds, `${roundId}.comments.json`)),
		snapshot: (await json<RawRoundFile>(join(rounds, `${roundId}.json`)))!,
		backup: await json<RawRoundFile>(join(rounds, `${roundId}.json.bak`)),
		log: (await lines(join(rounds, `${roundId}.log`))).map((l) => JSON.parse(l) as Op[]),
		audit: (await lines(join(dir, 'audit.log'))).map((l) => JSON.parse(l) as { action: string; subject: string }),
		temps: [...(await readdir(dir)), ...(await readdir(rounds))].filter((n) => n.endsWith('.tmp'))
	};
}
type Disk = Awaited<ReturnType<typeof readDisk>>;

const linkedIn = (file: RawRoundFile | null) => (file?.invitations ?? []).filter((i) => i.responseId !== null).length;
const logOps = (disk: Disk) => disk.log.flat();
const loggedLinks = (disk: Disk) =>
	logOps(disk).filter((op) => op.t === 'invitation' && (op.v as RawInvitation).responseId !== null).length;

/** How far the close got on disk when the process died: each step of closeRound in turn. */
function stageOf(disk: Disk, before: Before): string {
	const ops = logOps(disk).map((op) => op.t);
	if (disk.round.closesAt === before.closesAt) return 'before intent';
	if (!disk.published) return 'intent (closesAt = now)';
	if (!disk.comments) return 'published';
	if (!ops.includes('cut-links') && linkedIn(disk.snapshot) > 0) return 'comments fixed';
	if (linkedIn(disk.snapshot) + linkedIn(disk.backup) > 0) return 'cut in journal, files not yet rewritten';
	if (!ops.includes('minimise') && disk.snapshot.responses.length > 0) return 'links cut, minimising';
	if (disk.snapshot.responses.length + (disk.backup?.responses.length ?? 0) > 0)
		return 'minimised in journal, files not yet rewritten';
	if (disk.round.status !== 'closed') return 'minimised';
	if (!disk.audit.some((e) => e.action === 'round.closed' && e.subject === disk.round.id)) return 'closed, not audited';
	return 'closed and audited';
}

type LinkStatus = { submitted: number; draft: number };

/** What an old link answers: the survey (200) while the round is open, 410 once it closed. */
async function linkStatuses(server: Server, before: Before): Promise<LinkStatus> {
	const status = async (token: string) => {
		const res = await fetch(`${server.url}/s/${token}`, { redirect: 'manual' });
		await res.arrayBuffer();
		return res.status;
	};
	return { submitted: await status(before.submittedToken), draft: await status(before.draftToken) };
}

/** Posts the close as the round's page does (confirm box ticked). */
const postClose = (server: Server, cookie: string, roundId: string) =>
	postForm(server.url, cookie, `/admin/rounds/${roundId}/beheer?/close`, { sure: 'ja' });

/** Open and intact: as seeded, every link in place, every response whole, the survey still answering. */
async function expectOpenAndIntact(dir: string, roundId: string, before: Before, links: LinkStatus, label: string) {
	const disk = await readDisk(dir, roundId);
	expect(disk.round.status, label).toBe('open');
	expect(disk.round.closesAt, label).toBe(before.closesAt);
	expect(Date.parse(disk.round.closesAt), label).toBeGreaterThan(Date.now());
	expect(disk.round.closedAt, label).toBeNull();
	expect(disk.published, label).toBeNull();
	expect(disk.comments, label).toBeNull();
	expect(disk.temps, label).toEqual([]);
	const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	try {
		const state = (await store.round(roundId))!;
		const links = new Map([...state.invitations.values()].map((i) => [i.id, i.responseId]));
		for (const [inv, responseId] of before.links) expect(links.get(inv), `${label}: ${inv}`).toBe(responseId);
		expect(state.responses.size, label).toBe(RESPONSES);
		expect(state.closedResponses, label).toHaveLength(0);
		let submitted = 0;
		let comments = 0;
		for (const r of state.responses.values()) {
			expect(before.responseIds.has(r.id), `${label}: ${r.id}`).toBe(true);
			expect(r.profile.partnerId, `${label}: ${r.id}`).toBeTruthy();
			expect(r.createdAt, `${label}: ${r.id}`).toBeTruthy();
			if (r.status === 'submitted') submitted++;
			if (Object.keys(r.comments).length > 0) comments++;
		}
		expect(submitted, label).toBe(before.submitted);
		expect(comments, label).toBe(before.withComments);
	} finally {
		await store.close();
	}
	expect(links, `${label}: an old link still opens the survey`).toEqual({ submitted: 200, draft: 200 });
}

/** Closed and fully cut: published, comments fixed, no link in any file, responses minimised, links dead. */
async function expectClosedAndCut(dir: string, roundId: string, before: Before, links: LinkStatus, label: string) {
	const disk = await readDisk(dir, roundId);
	expect(disk.round.status, label).toBe('closed');
	expect(disk.round.closedAt, label).not.toBeNull();
	expect(disk.round.minimisedAt, label).not.toBeNull();
	expect(disk.temps, label).toEqual([]);
	const published = publishedFileSchema.parse(disk.published);
	expect(published.roundId, label).toBe(roundId);
	expect(published.snapshot.cells.find((c) => c.cell.dimension === 'all')!.n, label).toEqual({
		released: true,
		n: before.submitted
	});
	const review = commentsFileSchema.parse(disk.comments).review;
	expect(
		review.sections.reduce((n, s) => n + s.comments.length, 0),
		label
	).toBe(before.comments);
	for (const [name, file] of [
		['json', disk.snapshot],
		['json.bak', disk.backup]
	] as const) {
		expect(file, `${label}: ${name}`).not.toBeNull();
		expect(linkedIn(file), `${label}: links in ${name}`).toBe(0);
		expect(file!.responses, `${label}: responses in ${name}`).toHaveLength(0);
		const kept = file!.closedResponses ?? [];
		expect(kept, `${label}: kept in ${name}`).toHaveLength(RESPONSES);
		expect(
			kept.filter((r) => r.status === 'submitted'),
			label
		).toHaveLength(before.submitted);
		// Answers and status, nothing that could lead back to the invitation or the person.
		for (const r of kept) expect(Object.keys(r).sort(), `${label}: ${name}`).toEqual(['answers', 'status']);
	}
	expect(loggedLinks(disk), `${label}: links in .log`).toBe(0);
	expect(disk.log, `${label}: .log folded in`).toEqual([]);
	expect(links, `${label}: the links are dead`).toEqual({ submitted: 410, draft: 410 });
}

/** Moments (ms after the post) of each file's changes, from inotify: where the close spends its time. */
function watchFiles(dir: string, t0: () => number) {
	const seen: { at: number; file: string }[] = [];
	const watchers: FSWatcher[] = [dir, join(dir, 'rounds')].map((d) =>
		watch(d, (_event, name) => {
			if (name && !name.endsWith('.tmp')) seen.push({ at: performance.now() - t0(), file: name });
		})
	);
	return {
		seen,
		stop: () => watchers.forEach((w) => w.close())
	};
}

/** The first moment after `after` at which `file` changed. */
const firstChange = (seen: { at: number; file: string }[], file: string, after = 0) =>
	seen.find((s) => s.file === file && s.at >= after)?.at ?? NaN;

/**
 * kill -9 at random moments while the server closes a round of 10,000 by hand (DESIGN.md §6:
 * after close nothing links a person to a response; README "Valt de server halverwege uit, dan
 * maakt de volgende start het af"). After each restart the round is either open and intact or
 * closed and fully cut, never in between; and once the intent (closesAt = now) is on disk, the
 * restart must have finished the close before serving.
 */
describe('kill -9 during the close of a round of 10,000', () => {
	let seedDir: string;
	let roundId: string;
	let admin: { email: string; password: string };
	let before: Before;
	const dirs: string[] = [];

	beforeAll(async () => {
		const t = performance.now();
		// The bench's round of 10,000 ("sluiten: closeRound van begin tot eind"), each response
		// linked to its invitation, some drafts; the demo's own closed rounds already closed.
		const data = await makeDataDir(0);
		seedDir = data.dir;
		admin = data.admin;
		const store = await JsonStore.open({ dataDir: seedDir, log: () => undefined });
		try {
			roundId = store.network().rounds.find((r) => r.status === 'open')!.id;
			const tokens = await writeLinkedRound(store, RESPONSES, { draftEvery: DRAFT_EVERY });
			const state = (await store.round(roundId))!;
			const responses = [...state.responses.values()];
			const invitations = [...state.invitations.values()];
			const indexOf = (status: string) => responses.findIndex((r) => r.status === status);
			before = {
				closesAt: store.network().rounds.find((r) => r.id === roundId)!.closesAt,
				links: new Map(invitations.map((i) => [i.id, i.responseId!])),
				responseIds: new Set(responses.map((r) => r.id)),
				submitted: responses.filter((r) => r.status === 'submitted').length,
				drafts: responses.filter((r) => r.status === 'draft').length,
				comments: responses
					.filter((r) => r.status === 'submitted')
					.reduce((n, r) => n + Object.values(r.comments).filter((c) => normaliseCommentText(c)).length, 0),
				withComments: responses.filter((r) => Object.keys(r.comments).length > 0).length,
				// writeLinkedRound returns the links in the responses' order.
				submittedToken: tokens[indexOf('submitted')],
				draftToken: tokens[indexOf('draft')]
			};
		} finally {
			await store.close();
		}
		expect(before.links.size).toBe(RESPONSES);
		expect(before.drafts).toBe(RESPONSES / DRAFT_EVERY);
		expect(before.comments).toBeGreaterThan(0);
		console.log(
			`close-crash: seeded ${RESPONSES} responses (${before.drafts} drafts, ${before.withComments} with comments) ` +
				`in ${Math.round(performance.now() - t)} ms`
		);
	});

	afterAll(async () => {
		for (const d of [seedDir, ...dirs]) if (d) await rm(d, { recursive: true, force: true });
	});

	/** A fresh copy of the seeded folder (copied, not regenerated: seeding 10,000 takes seconds). */
	async function freshCopy(i: number | string) {
		const dir = `${seedDir}-run-${i}`;
		await cp(seedDir, dir, { recursive: true });
		dirs.push(dir);
		return dir;
	}

	it(`is open and intact or closed and fully cut after each of ${KILLS} kills (${replay})`, async () => {
		const started = performance.now();
		console.log(`close-crash: seed ${SEED} (replay with ${replay})`);

		// Once without a kill: how long the close takes here, and when each step reaches the disk.
		const calDir = await freshCopy('calibration');
		const cal = await startServer(calDir);
		let t0 = 0;
		const watcher = watchFiles(calDir, () => t0);
		let duration: number;
		try {
			const cookie = await login(cal.url, admin.email, admin.password);
			t0 = performance.now();
			watcher.seen.length = 0;
			expect(await postClose(cal, cookie, roundId)).toBe(303);
			duration = performance.now() - t0;
			await new Promise((r) => setTimeout(r, 50));
		} finally {
			watcher.stop();
			expect(await cal.stop()).toBe(0);
		}
		const seen = watcher.seen;
		const intent = firstChange(seen, 'network.json');
		expect(intent, 'the intent (closesAt = now) was seen reaching the disk').toBeGreaterThan(0);
		const steps = {
			intent,
			published: firstChange(seen, `${roundId}.published.json`),
			comments: firstChange(seen, `${roundId}.comments.json`),
			firstRewrite: firstChange(seen, `${roundId}.json`),
			closed: seen.filter((s) => s.file === 'network.json').at(-1)?.at ?? NaN,
			audited: firstChange(seen, 'audit.log', intent)
		};
		const rewrites = seen.filter((s) => s.file === `${roundId}.json`).map((s) => Math.round(s.at));
		console.log(
			`close-crash: close of ${RESPONSES} answered after ${Math.round(duration)} ms; on disk (ms after the post): ` +
				Object.entries(steps)
					.map(([k, v]) => `${k} ${Math.round(v)}`)
					.join(', ') +
				`; ${roundId}.json rewritten at ${[...new Set(rewrites)].join(', ')}`
		);
		const check = await startServer(calDir);
		const calLinks = await linkStatuses(check, before);
		expect(await check.stop()).toBe(0);
		await expectClosedAndCut(calDir, roundId, before, calLinks, 'calibration');

		// The kill moments, stratified so that they land across every step: one well before the
		// intent reaches the disk, one around it, the rest spread from there to past the answer.
		const random = mulberry32(SEED);
		const spans: [number, number][] = [
			[0, 0.5 * intent],
			[0.5 * intent, 1.5 * intent]
		];
		const from = 1.5 * intent;
		const to = 1.15 * duration;
		const rest = KILLS - spans.length;
		for (let i = 0; i < rest; i++) spans.push([from + ((to - from) * i) / rest, from + ((to - from) * (i + 1)) / rest]);
		const delays = spans.map(([a, b]) => a + random() * (b - a));

		const runs: { delay: number; answered: boolean; stage: string; outcome: string; restart: number }[] = [];
		for (const [i, delay] of delays.entries()) {
			const label = `run ${i + 1}, kill ${delay.toFixed(1)} ms after the post (${replay})`;
			const dir = await freshCopy(i);
			const server = await startServer(dir);
			const cookie = await login(server.url, admin.email, admin.password);
			const t = performance.now();
			const answer = postClose(server, cookie, roundId).then(
				(status) => status,
				() => null // the connection died with the process
			);
			await new Promise((r) => setTimeout(r, delay));
			// The timer may fire late on a busy machine: what counts is when the signal went.
			const killedAt = performance.now() - t;
			await server.kill9();
			const answered = await answer;
			expect([null, 303], label).toContain(answered);
			const stage = stageOf(await readDisk(dir, roundId), before);

			const r0 = performance.now();
			const again = await startServer(dir);
			const restart = performance.now() - r0;
			const links = await linkStatuses(again, before);
			expect(await again.stop(), `${label}\n${again.output()}`).toBe(0);

			const status = (await readDisk(dir, roundId)).round.status;
			expect(['open', 'closed'], `${label}: status after restart`).toContain(status);
			if (status === 'open') await expectOpenAndIntact(dir, roundId, before, links, label);
			else await expectClosedAndCut(dir, roundId, before, links, label);
			// Once the intent is durable the close is owed: the restart must have finished it.
			expect(status, `${label}: killed at "${stage}"`).toBe(stage === 'before intent' ? 'open' : 'closed');
			runs.push({ delay: killedAt, answered: answered === 303, stage, outcome: status, restart });
			console.log(
				`close-crash: run ${i + 1}: kill drawn at ${delay.toFixed(1)} ms, sent at ${killedAt.toFixed(1)} ms, ` +
					`${answered ? 'after the answer' : 'unanswered'}; on disk: ${stage}; after restart (${Math.round(restart)} ms): ` +
					`${status === 'open' ? 'open and intact' : 'closed and fully cut'}; run ${Math.round(performance.now() - t)} ms`
			);
			await rm(dir, { recursive: true, force: true });
		}
		const open = runs.filter((r) => r.outcome === 'open');
		const closed = runs.filter((r) => r.outcome === 'closed');
		console.log(
			`close-crash: ${open.length} open and intact (kills at ${open.map((r) => r.delay.toFixed(1)).join(', ')} ms), ` +
				`${closed.length} closed and fully cut (kills at ${closed.map((r) => r.delay.toFixed(0)).join(', ')} ms); ` +
				`stages hit: ${[...new Set(runs.map((r) => r.stage))].join(' | ')}; ` +
				`total ${Math.round((performance.now() - started) / 1000)} s`
		);
		// Both outcomes, or the test could not tell a close that never starts from one that always finishes.
		expect(open.length, replay).toBeGreaterThan(0);
		expect(closed.length, replay).toBeGreaterThan(0);
	});
});
