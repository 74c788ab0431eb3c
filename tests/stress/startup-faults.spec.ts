import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonStore } from '$lib/server/store/json-store';
import { expectExit, newDataDir, seed, startServer, submit, submittedOnDisk } from './harness';

describe('data files that are damaged, missing or in use at start', () => {
	let dir: string;
	let roundId: string;
	let tokens: string[];
	beforeEach(async () => {
		dir = await newDataDir('faults');
		({ roundId, tokens } = await seed(dir, 20));
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));

	it('recovers a corrupt network.json from .bak, saying so loudly', async () => {
		// A second write, so that a previous version exists as .bak.
		const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		await store.updateNetwork((d) => void (d.network!.description = 'tweede versie'));
		await store.close();
		await writeFile(join(dir, 'network.json'), (await readFile(join(dir, 'network.json'), 'utf8')).slice(0, 500));
		const server = await startServer(dir);
		try {
			expect(server.output()).toMatch(/network\.json is onbruikbaar .*hersteld uit network\.json\.bak/);
			expect((await submit(server.url, tokens[0])).status).toBe(303);
		} finally {
			await server.stop();
		}
	});

	it('refuses to start, naming the file, when network.json and its .bak are both unusable', async () => {
		await writeFile(join(dir, 'network.json'), '');
		await writeFile(join(dir, 'network.json.bak'), '{"schemaVersion":1}');
		const { code, output } = await expectExit(dir);
		expect(code).not.toBe(0);
		expect(output).toMatch(/De server start niet: .*network\.json is onbruikbaar/);
	});

	it("refuses to start when an open round's journal is damaged before its end", async () => {
		const server = await startServer(dir);
		await submit(server.url, tokens[0]);
		await submit(server.url, tokens[1]);
		await server.stop();
		const log = join(dir, 'rounds', `${roundId}.log`);
		const lines = (await readFile(log, 'utf8')).split('\n');
		lines[0] = lines[0].slice(0, 40);
		await writeFile(log, lines.join('\n'));
		const { code, output } = await expectExit(dir);
		expect(code).not.toBe(0);
		expect(output).toContain(`rounds/${roundId}.log is beschadigd op regel 1`);
	});

	it('drops a torn last journal line (a write that was never acknowledged) and starts', async () => {
		const first = await startServer(dir);
		await submit(first.url, tokens[0]);
		await first.stop();
		await appendFile(join(dir, 'rounds', `${roundId}.log`), '[{"t":"response","v":{"id":"x');
		const server = await startServer(dir);
		try {
			expect(server.output()).toMatch(/onvolledige laatste regel/);
		} finally {
			await server.stop();
		}
		expect((await submittedOnDisk(dir, roundId)).submitted).toBe(1);
	});

	it('refuses a second server process on the same DATA_DIR', async () => {
		const first = await startServer(dir);
		try {
			const { code, output } = await expectExit(dir);
			expect(code).not.toBe(0);
			expect(output).toMatch(/De server start niet: De datamap .* is in gebruik door een ander proces \(pid \d+\)/);
			expect((await submit(first.url, tokens[2])).status).toBe(303);
		} finally {
			await first.stop();
		}
	});
});
