import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newDataDir, seed, startServer, submit } from './harness';

/** After a container restart the old lock's pid may belong to anything: the server must start. */
describe('a stale lock at start', () => {
	let dir: string;
	let tokens: string[];
	beforeEach(async () => {
		dir = await newDataDir('stale-lock');
		({ tokens } = await seed(dir, 3));
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));

	it('takes over an old plain-pid lock whose pid is now another program, saying so', async () => {
		const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
		try {
			await new Promise((r) => sleeper.once('spawn', r));
			await writeFile(join(dir, '.lock'), String(sleeper.pid));
			const server = await startServer(dir);
			try {
				expect(server.output()).toMatch(new RegExp(`Oude vergrendeling .*\\.lock van pid ${sleeper.pid} overgenomen`));
				expect((await submit(server.url, tokens[0])).status).toBe(303);
			} finally {
				await server.stop();
			}
		} finally {
			sleeper.kill('SIGKILL');
		}
	});
});
