import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { DATA_DIR, DEMO_FILE, TEST_ORIGIN, TEST_PORT, TMP_DIR } from './env';
import { parseDemoOutput } from './demo-output';

/**
 * Resets a private data folder to the demo network with `npm run demo`'s own code, keeps the
 * printed login and links for the tests, and serves the built app on it.
 */
export default async function globalSetup() {
	rmSync(TMP_DIR, { recursive: true, force: true });
	mkdirSync(TMP_DIR, { recursive: true });
	const env = { ...process.env, DATA_DIR, PORT: String(TEST_PORT), ORIGIN: TEST_ORIGIN };
	const output = execFileSync(process.execPath, ['build/cli/main.js', 'demo', '--links', '200'], {
		env,
		encoding: 'utf8'
	});
	writeFileSync(DEMO_FILE, JSON.stringify(parseDemoOutput(output), null, 2));

	const server: ChildProcess = spawn(process.execPath, ['scripts/serve.js'], {
		env,
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const deadline = Date.now() + 30_000;
	for (;;) {
		try {
			const res = await fetch(`${TEST_ORIGIN}/`);
			if (res.ok) break;
		} catch {
			/* not up yet */
		}
		if (server.exitCode !== null) throw new Error(`Testserver stopte met code ${server.exitCode}`);
		if (Date.now() > deadline) throw new Error('Testserver kwam niet op binnen 30 s');
		await new Promise((r) => setTimeout(r, 100));
	}
	return async () => {
		server.kill('SIGTERM');
		await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
	};
}
