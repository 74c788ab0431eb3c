import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { newDataDir, pool, seed, startServer, submit, submittedOnDisk, tokenHash } from './harness';

/**
 * kill -9 at random moments while respondents submit: every submission that was answered with
 * success before the kill must be on disk afterwards, and the files must load.
 */
describe('kill -9 during a stream of submissions', () => {
	let dir: string;
	let roundId: string;
	let tokens: string[];
	const ROUNDS = 8;
	const PER_ROUND = 120;

	beforeAll(async () => {
		dir = await newDataDir('crash');
		({ roundId, tokens } = await seed(dir, ROUNDS * PER_ROUND));
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it(`loses no acknowledged submission over ${ROUNDS} kills`, async () => {
		const acknowledged: string[] = [];
		let attempted = 0;
		for (let round = 0; round < ROUNDS; round++) {
			const server = await startServer(dir, 4502);
			const batch = tokens.slice(round * PER_ROUND, (round + 1) * PER_ROUND);
			const killAfter = 200 + Math.floor(Math.random() * 1200);
			const killer = new Promise<void>((r) => setTimeout(() => void server.kill9().then(r), killAfter));
			await pool(batch, 10, async (t) => {
				attempted++;
				try {
					const res = await submit(server.url, t);
					if (res.status === 303) acknowledged.push(t);
				} catch {
					/* connection cut by the kill: not acknowledged */
				}
			});
			await killer;
		}
		const disk = await submittedOnDisk(dir, roundId);
		const missing = acknowledged.filter((t) => !disk.byTokenHash.has(tokenHash(t)));
		expect(missing).toEqual([]);
		expect(acknowledged.length).toBeGreaterThan(0);
		console.log(`crash: ${acknowledged.length} acknowledged of ${attempted} attempted; ${disk.submitted} on disk`);
	});
});
