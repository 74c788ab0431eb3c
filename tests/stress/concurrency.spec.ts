import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { newDataDir, seed, startServer, submit, submittedOnDisk, tokenHash, type Server } from './harness';

describe('the built server under concurrent submissions', () => {
	let dir: string;
	let server: Server;
	let roundId: string;
	let tokens: string[];

	beforeAll(async () => {
		dir = await newDataDir('concurrency');
		({ roundId, tokens } = await seed(dir, 1100));
		server = await startServer(dir);
	});
	afterAll(async () => {
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	it('stores exactly 1,000 of 1,000 concurrent submissions with distinct tokens', async () => {
		const batch = tokens.slice(0, 1000);
		const results = await Promise.all(batch.map((t) => submit(server.url, t)));
		expect(results.filter((r) => r.status === 303)).toHaveLength(1000);
		expect(results.every((r) => r.location?.endsWith('/bedankt'))).toBe(true);
		await server.stop();
		const disk = await submittedOnDisk(dir, roundId);
		expect(disk.submitted).toBe(1000);
		for (const t of batch) expect(disk.byTokenHash.has(tokenHash(t))).toBe(true);
		server = await startServer(dir);
	});

	it('makes one response of the same submission sent 50 times at once, answering every call alike', async () => {
		const token = tokens[1050];
		const results = await Promise.all(Array.from({ length: 50 }, () => submit(server.url, token)));
		expect(new Set(results.map((r) => `${r.status} ${r.location}`)).size).toBe(1);
		expect(results[0].status).toBe(303);
		await server.stop();
		const disk = await submittedOnDisk(dir, roundId);
		expect(disk.submitted).toBe(1001);
		expect(disk.responses).toBe(1001);
		server = await startServer(dir);
	});
});
