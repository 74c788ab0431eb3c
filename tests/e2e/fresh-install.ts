import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { JsonStore } from '../../src/lib/server/store/json-store';

/**
 * A server of its own on an empty installation (`DEMO=0`), for specs that change the network:
 * the shared demo server must keep the data the dashboard specs count on. One per spec file,
 * with an admin account made by the operator's own command (`npm run user -- add`).
 */
export type FreshInstall = {
	baseURL: string;
	dataDir: string;
	admin: { email: string; password: string };
	/** Stops the server (gracefully, or with kill -9) and starts it again on the same folder. */
	restart: (signal: 'SIGTERM' | 'SIGKILL') => Promise<void>;
	/** What the server printed since it last started. */
	output: () => string;
};

/**
 * Network data a spec needs before its server starts (partners, bodies): run on the installation's
 * own store after the admin account exists and before the server takes the folder's lock. Set it
 * per file with `test.use({ seedNetwork: { run: async (store) => … } })` (wrapped in an object:
 * Playwright would take a bare function for a fixture of its own); the default seeds nothing.
 */
export type SeedNetwork = { run: (store: JsonStore) => Promise<void> } | null;

export const freePort = () =>
	Number(
		execFileSync(
			process.execPath,
			[
				'-e',
				"const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
			],
			{ encoding: 'utf8' }
		)
	);

/** More environment for a spec's server (`test.use({ serverEnv: { SMTP_URL: … } })`). */
export type ServerEnv = Record<string, string> | null;

async function startFresh(seedNetwork: SeedNetwork, serverEnv: ServerEnv): Promise<Running> {
	const dataDir = mkdtempSync(join(tmpdir(), 'am-e2e-fresh-'));
	const port = freePort();
	const baseURL = `http://localhost:${port}`;
	const env = { ...process.env, ...serverEnv, DATA_DIR: dataDir, PORT: String(port), ORIGIN: baseURL, DEMO: '0' };
	// The operator's first step on a new installation, before the server runs.
	const email = 'beheer@regio.test';
	const printed = execFileSync(process.execPath, ['build/cli/main.js', 'user', 'add', email, '--role', 'admin'], {
		env,
		encoding: 'utf8'
	});
	const password = /Wachtwoord: (\S+)/.exec(printed)?.[1];
	if (!password) throw new Error(`Geen wachtwoord in: ${printed}`);
	if (seedNetwork) {
		// Imported only here, so that specs without a seed never load the store's modules.
		const { JsonStore } = await import('../../src/lib/server/store/json-store');
		const store = await JsonStore.open({ dataDir, log: () => undefined });
		try {
			await seedNetwork.run(store);
		} finally {
			await store.close();
		}
	}
	let current = await spawnServer(env, port);
	const running: Running = {
		baseURL,
		dataDir,
		admin: { email, password },
		get server() {
			return current.server;
		},
		output: () => current.output(),
		async restart(signal) {
			current.server.kill(signal);
			await exited(current.server);
			current = await spawnServer(env, port);
		}
	};
	return running;
}

const exited = (server: ChildProcess) =>
	new Promise((r) => (server.exitCode !== null || server.signalCode !== null ? r(null) : server.once('exit', r)));

async function spawnServer(env: NodeJS.ProcessEnv, port: number) {
	const server = spawn(process.execPath, ['scripts/serve.js'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
	let out = '';
	server.stdout!.on('data', (b) => (out += b));
	const deadline = Date.now() + 30_000;
	while (!new RegExp(`Listening on \\S*:${port}\\b`).test(out)) {
		if (server.exitCode !== null) throw new Error(`Server stopte: ${out}`);
		if (Date.now() > deadline) throw new Error(`Server kwam niet op: ${out}`);
		await new Promise((r) => setTimeout(r, 25));
	}
	return { server, output: () => out };
}

type Running = FreshInstall & { server: ChildProcess };

async function stop(running: Running) {
	running.server.kill('SIGTERM');
	await exited(running.server);
	rmSync(running.dataDir, { recursive: true, force: true });
}

/**
 * One installation per spec file: the tests of a file tell one story on it (serially), and no
 * file sees what another did (a second factor enrolled, a network renamed), whichever worker
 * runs them. The worker stops its installations when it ends.
 */
export const test = base.extend<
	{ fresh: FreshInstall },
	{ installs: Map<string, Running>; seedNetwork: SeedNetwork; serverEnv: ServerEnv }
>({
	seedNetwork: [null, { scope: 'worker', option: true }],
	serverEnv: [null, { scope: 'worker', option: true }],
	installs: [
		// Playwright reads a fixture's dependencies from this pattern; this one has none.
		// eslint-disable-next-line no-empty-pattern
		async ({}, use) => {
			const installs = new Map<string, Running>();
			await use(installs);
			for (const running of installs.values()) await stop(running);
		},
		{ scope: 'worker' }
	],
	fresh: async ({ installs, seedNetwork, serverEnv }, use, testInfo) => {
		let running = installs.get(testInfo.file);
		if (!running) {
			running = await startFresh(seedNetwork, serverEnv);
			installs.set(testInfo.file, running);
		}
		await use(running);
	},
	baseURL: async ({ fresh }, use) => use(fresh.baseURL)
});
export { expect };

/** Logs in through the form, as the admin of the fresh installation. */
export async function logInAsAdmin(page: Page, fresh: FreshInstall) {
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(fresh.admin.email);
	await page.getByLabel('Wachtwoord').fill(fresh.admin.password);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page.getByRole('heading', { name: 'Meetrondes' })).toBeVisible();
}
