import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { startCluster, pgTestsAvailable, type PgCluster } from '../pg-cluster';
import { expectExit, login, newDataDir, postForm, readDashboard, startServer, submit, type Server } from './harness';
import { surveyToken } from '$lib/server/tokens';
import { environmentLinkKey } from '$lib/server/link-key';

const run = promisify(execFile);

/**
 * The built app on PostgreSQL: the CLI seeds the demo into an empty database, two server
 * processes (each with its own, empty DATA_DIR) serve it, and what one of them does the other
 * knows on the next request.
 */
describe.skipIf(!pgTestsAvailable())('two app instances on one PostgreSQL database', () => {
	let cluster: PgCluster;
	let url: string;
	const dirs: string[] = [];
	let a: Server;
	let b: Server;
	let admin: { email: string; password: string };
	let links: string[];

	beforeAll(async () => {
		cluster = await startCluster();
		url = await cluster.createDatabase();
		const seedDir = await newDataDir('pg-seed');
		dirs.push(seedDir);
		const started = performance.now();
		const { stdout } = await run(process.execPath, ['build/cli/main.js', 'demo'], {
			env: { ...process.env, DATABASE_URL: url, DATA_DIR: seedDir, ORIGIN: 'http://localhost' }
		});
		console.log(`[pg] demo in de database gezet in ${Math.round(performance.now() - started)} ms`);
		admin = {
			email: /^E-mail: (.+)$/m.exec(stdout)![1],
			password: /^Wachtwoord: (.+)$/m.exec(stdout)![1]
		};
		links = [...stdout.matchAll(/\/s\/(\S+)$/gm)].map((m) => m[1]);
		const env = { DATABASE_URL: url };
		const [dirA, dirB] = [await newDataDir('pg-a'), await newDataDir('pg-b')];
		dirs.push(dirA, dirB);
		[a, b] = await Promise.all([startServer(dirA, env), startServer(dirB, env)]);
	}, 120_000);

	afterAll(async () => {
		await Promise.all([a?.stop(), b?.stop()]);
		await cluster?.stop();
		for (const d of dirs) await rm(d, { recursive: true, force: true });
	});

	async function rounds() {
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		try {
			const { rows } = await client.query(`SELECT body->'rounds' AS rounds FROM shared_state WHERE name = 'network'`);
			return rows[0].rounds as { id: string; status: string }[];
		} finally {
			await client.end();
		}
	}

	it('logs in on one instance and serves the dashboard from the published set on the other', async () => {
		const cookie = await login(a.url, admin.email, admin.password);
		const closed = (await rounds()).find((r) => r.status === 'closed')!;
		const read = await readDashboard(b, cookie, closed.id);
		expect(read.status, 'reason' in read ? read.reason : '').toBe(200);
		expect(read.data!.available).toBe(true);
		expect(read.data!.sections.length).toBeGreaterThan(0);

		// Logging out on B ends the session on A as well.
		expect(await postForm(b.url, cookie, '/logout', {})).toBe(303);
		const after = await fetch(`${a.url}/admin/rounds/${closed.id}/__data.json?x-sveltekit-invalidated=01`, {
			headers: { cookie }
		});
		expect(await after.json()).toMatchObject({ type: 'redirect', location: expect.stringMatching(/^\/login/) });
	});

	it('takes survey answers on both instances into the one database', async () => {
		expect(links.length).toBeGreaterThanOrEqual(2);
		const open = (await rounds()).find((r) => r.status === 'open')!;
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		const submitted = async () =>
			(
				await client.query(
					`SELECT count(*)::int AS n FROM invitation_responses l JOIN responses r
					 ON r.round_id = l.round_id AND r.id = l.response_id
					 WHERE l.round_id = $1 AND r.body->>'status' = 'submitted'`,
					[open.id]
				)
			).rows[0].n as number;
		try {
			const before = await submitted();
			const results = await Promise.all([submit(a.url, links[0]), submit(b.url, links[1])]);
			for (const r of results) expect(r.status).toBe(303);
			expect(await submitted()).toBe(before + 2);
			// The same link again, on the other instance: still one response for it.
			expect((await submit(b.url, links[0])).status).toBe(303);
			expect(await submitted()).toBe(before + 2);
		} finally {
			await client.end();
		}
	});

	it('answers in Dutch with 503 while the database refuses connections, and serves again after', async () => {
		const cookie = await login(a.url, admin.email, admin.password);
		const name = new URL(url).pathname.slice(1);
		const client = new pg.Client({ connectionString: cluster.url });
		await client.connect();
		let exited = false;
		void a.exited.then(() => (exited = true));
		try {
			await client.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
			await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
			for (const [path, headers] of [
				['/login', {}],
				['/admin', { cookie }],
				[`/s/${links[0]}`, {}]
			] as const) {
				const res = await fetch(`${a.url}${path}`, { headers, redirect: 'manual' });
				expect(res.status, path).toBe(503);
				expect(res.headers.get('retry-after')).toBe('30');
				expect(await res.text()).toMatch(/^De database van de monitor gaf geen antwoord\. Er is niets gewijzigd\./);
			}
		} finally {
			await client.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
			await client.end();
		}
		expect(exited).toBe(false);
		const back = await fetch(`${a.url}/admin`, { headers: { cookie }, redirect: 'manual' });
		expect(back.status).toBe(200);
		expect(a.output()).toMatch(/StoreUnavailableError/);
	});

	it('adds an account from the command line that either instance then knows', async () => {
		const env = { ...process.env, DATABASE_URL: url, DATA_DIR: dirs[0] };
		const { stdout } = await run(
			process.execPath,
			['build/cli/main.js', 'user', 'add', 'kijker2@test.invalid', '--role', 'viewer'],
			{ env }
		);
		const password = /^Wachtwoord: (.+)$/m.exec(stdout)![1];
		await login(b.url, 'kijker2@test.invalid', password);
		// The demo goes only into an empty database.
		await expect(run(process.execPath, ['build/cli/main.js', 'demo'], { env })).rejects.toMatchObject({
			code: 2,
			stderr: expect.stringMatching(/bevat al het netwerk/)
		});
	});

	it('rotates the link key only with every instance stopped, and an instance on the old key then does not start', async () => {
		const cli = (...args: string[]) =>
			run(process.execPath, ['build/cli/main.js', ...args], {
				env: { ...process.env, DATABASE_URL: url, DATA_DIR: dirs[0] }
			});
		await expect(cli('link-key', 'rotate')).rejects.toMatchObject({
			code: 2,
			stderr: expect.stringMatching(/^Er draaien nog 2 instanties/)
		});
		const open = (await rounds()).find((r) => r.status === 'open')!;
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		const { rows } = await client
			.query(`SELECT id FROM invitations WHERE round_id = $1 ORDER BY seq LIMIT 1`, [open.id])
			.finally(() => client.end());
		const linkUnder = (key: Buffer) => surveyToken(key, open.id, rows[0].id).token;
		const status = async (server: Server, token: string) => {
			const res = await fetch(`${server.url}/s/${token}`, { redirect: 'manual' });
			await res.arrayBuffer();
			return res.status;
		};
		const oldKey = environmentLinkKey()!;
		expect(await status(a, linkUnder(oldKey))).toBe(200);

		await Promise.all([a.stop(), b.stop()]);
		const { stdout } = await cli('link-key', 'rotate');
		const newKey = /^Nieuwe sleutel: LINK_KEY=(\S+)$/m.exec(stdout)![1];
		expect(stdout).toMatch(/\d+ links opnieuw afgeleid; alle eerder verstuurde links werken niet meer/);
		const refused = await expectExit(dirs[1], { DATABASE_URL: url });
		expect(refused.code).toBe(1);
		expect(refused.output).toMatch(/LINK_KEY is niet de sleutel waarmee de enquêtelinks zijn gemaakt/);

		const env = { DATABASE_URL: url, LINK_KEY: newKey };
		[a, b] = await Promise.all([startServer(dirs[1], env), startServer(dirs[2], env)]);
		expect(await status(a, linkUnder(oldKey))).toBe(404);
		expect(await status(b, linkUnder(Buffer.from(newKey, 'base64url')))).toBe(200);
	});
});
