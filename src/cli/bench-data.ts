import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from '$lib/server/store/json-store';
import { buildDemo } from '$lib/server/demo/build';
import { scaleUpResponses } from '$lib/server/demo/scale-up';
import { addUser } from '$lib/server/auth/users';
import { freshInvitations, writeDemo } from '$lib/server/demo/write';
import { closeDueRounds } from '$lib/server/closing';
import { domainContext } from '$lib/server/context';
import { SCHEMA_VERSION } from '$lib/model/ids';
import type { Store } from '$lib/server/store/store';

// Survey links are derived from a key (link-key.ts), by default a file beside DATA_DIR. The bench
// uses a key of its own, before anything derives a link, and the servers it starts inherit it:
// no key file is read or made beside a real data folder, nor beside the temporary ones.
process.env.LINK_KEY ??= randomBytes(32).toString('base64url');

export const benchDemo = buildDemo({ now: new Date() });
export const closedRounds = benchDemo.rounds.filter((r) => r.round.status === 'closed');
export const openRound = benchDemo.rounds.find((r) => r.round.status === 'open')!;
export const baseResponses = closedRounds.at(-1)!.responses;

export type BenchData = {
	dir: string;
	tokens: string[];
	admin: { email: string; password: string };
	pastRoundIds: string[];
};

export type BenchSeed = Omit<BenchData, 'dir'>;

/**
 * A data folder with the demo network; the open round holds `responses` responses plus
 * `invitations` fresh invitations whose tokens are returned, and `pastRounds` extra closed
 * rounds of `pastSize` responses each lie on disk, closed.
 */
export async function makeDataDir(
	responses: number,
	pastRounds = 0,
	options: { invitations?: number; pastSize?: number } = {}
): Promise<BenchData> {
	const dir = await mkdtemp(join(tmpdir(), 'am-bench-'));
	const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	try {
		return { dir, ...(await seedBench(store, responses, pastRounds, options)) };
	} finally {
		await store.close();
	}
}

/**
 * The bench's network written into any store (makeDataDir's, or a PostgreSQL database in
 * bench-pg.ts), so that both engines are measured on the same data. The store stays open.
 */
export async function seedBench(
	store: Store,
	responses: number,
	pastRounds = 0,
	options: { invitations?: number; pastSize?: number } = {}
): Promise<BenchSeed> {
	const { invitations = 0, pastSize = 10_000 } = options;
	const past = Array.from({ length: pastRounds }, (_, i) => ({
		round: { ...closedRounds[0].round, id: `archief-${i + 1}`, name: `Archief ${i + 1}` },
		invitations: [],
		responses: scaleUpResponses(baseResponses, pastSize, `archief-${i + 1}`, 11)
	}));
	const { tokens, invitations: fresh } = freshInvitations(
		openRound.round,
		benchDemo.respondents,
		invitations,
		'bench-inv'
	);
	await writeDemo(store, benchDemo, {
		rounds: (r) =>
			r === openRound
				? {
						...r,
						invitations: [...r.invitations, ...fresh],
						responses: scaleUpResponses(baseResponses, responses, r.round.id)
					}
				: r,
		extraRounds: past
	});
	// Closed as a server closes them (published set, comments fixed for review, links cut,
	// responses minimised); the server's start-up would otherwise do it first.
	await closeDueRounds(domainContext(store, null));
	const admin = await addUser(store, 'bench@bench.invalid', 'admin');
	return {
		tokens,
		admin: { email: admin.user.email, password: admin.password },
		pastRoundIds: past.map((p) => p.round.id)
	};
}

/**
 * Replaces the open round's file with `n` responses, each linked to its own invitation (the bench
 * "closing a round of 10,000" and the crash test during that close). Every `draftEvery`-th one is
 * left a draft (saved, never sent), so that a close meets both kinds; 0 keeps them all submitted.
 * Returns the invitations' links, in the responses' order.
 */
export async function writeLinkedRound(store: JsonStore, n: number, options: { draftEvery?: number } = {}) {
	const { draftEvery = 0 } = options;
	const round = openRound.round;
	const responses = scaleUpResponses(baseResponses, n, round.id).map((r, i) =>
		draftEvery > 0 && i % draftEvery === draftEvery - 1 ? { ...r, status: 'draft' as const, submittedAt: null } : r
	);
	const { tokens, invitations } = freshInvitations(round, benchDemo.respondents, n, 'bench-inv');
	await store.replaceRound(round.id, {
		schemaVersion: SCHEMA_VERSION,
		roundId: round.id,
		invitations: invitations.map((inv, i) => ({ ...inv, responseId: responses[i].id })),
		responses
	});
	return tokens;
}
