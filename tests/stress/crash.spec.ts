import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { mulberry32 } from '$lib/server/demo/random';
import { crashSeed, newDataDir, pool, seed, startServer, submit, submittedOnDisk, tokenHash } from './harness';

const SEED = crashSeed();
const replay = `CRASH_SEED=${SEED}`;

/**
 * kill -9 at random moments while respondents submit: every submission that was answered with
 * success before the kill must be on disk afterwards, and the files must load.
 */
describe('kill -9 during a stream of submissions', () => {
	let dir: string;
	let roundId: string;
	let tokens: string[];
	const ROUNDS = 10;
	const PER_ROUND = 120;

	beforeAll(async () => {
		dir = await newDataDir('crash');
		({ roundId, tokens } = await seed(dir, ROUNDS * PER_ROUND));
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it(`loses no acknowledged submission over ${ROUNDS} kills (${replay})`, async () => {
		console.log(`crash: seed ${SEED} (replay with ${replay})`);
		const random = mulberry32(SEED);
		const acknowledged: string[] = [];
		let attempted = 0;
		let cutMidStream = 0;
		for (let round = 0; round < ROUNDS; round++) {
			const server = await startServer(dir);
			const batch = tokens.slice(round * PER_ROUND, (round + 1) * PER_ROUND);
			// Kill while requests are in flight: after a random number of acknowledgements.
			const killAt = 10 + Math.floor(random() * (PER_ROUND - 40));
			let ackedHere = 0;
			let killed: Promise<void> | null = null;
			await pool(batch, 10, async (t) => {
				if (killed) return;
				attempted++;
				try {
					const res = await submit(server.url, t);
					if (res.status === 303) {
						acknowledged.push(t);
						if (++ackedHere === killAt) killed = server.kill9();
					}
				} catch {
					/* connection cut by the kill: not acknowledged */
				}
			});
			if (killed) {
				await killed;
				cutMidStream++;
			} else await server.kill9();
		}
		expect(cutMidStream, replay).toBe(ROUNDS);
		const disk = await submittedOnDisk(dir, roundId);
		const missing = acknowledged.filter((t) => !disk.byTokenHash.has(tokenHash(t)));
		expect(missing, replay).toEqual([]);
		expect(acknowledged.length, replay).toBeGreaterThan(0);
		console.log(`crash: ${acknowledged.length} acknowledged of ${attempted} attempted; ${disk.submitted} on disk`);
	});
});
