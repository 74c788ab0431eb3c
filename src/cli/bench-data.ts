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
	const { invitations = 0, pastSize = 10_000 } = options;
	const dir = await mkdtemp(join(tmpdir(), 'am-bench-'));
	const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
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
	await store.close();
	return {
		dir,
		tokens,
		admin: { email: admin.user.email, password: admin.password },
		pastRoundIds: past.map((p) => p.round.id)
	};
}
