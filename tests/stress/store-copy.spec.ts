import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { startCluster, pgTestsAvailable, type PgCluster } from '../pg-cluster';
import { login, newDataDir, readDashboard, startServer, submit, type Server } from './harness';

const run = promisify(execFile);

/**
 * The operator's move from the JSON store to PostgreSQL with the built CLI, as the README tells
 * it: a JSON installation that made its own link key (no LINK_KEY), the copy refused while its
 * server runs, the copy with its check and the LINK_KEY it names, and a PostgreSQL instance with
 * that key that opens the links and the session of the old installation.
 */
describe.skipIf(!pgTestsAvailable())('npm run store -- copy, end to end', () => {
	let cluster: PgCluster;
	let url: string;
	let dir: string;
	const dirs: string[] = [];
	const servers: Server[] = [];
	// Without LINK_KEY, as a single JSON installation runs: its key is in a file beside DATA_DIR.
	const { LINK_KEY: _ignored, ...withoutKey } = process.env;
	let stdout: string;
	let links: string[];
	let admin: { email: string; password: string };

	const copy = (args: string[], env: NodeJS.ProcessEnv = withoutKey) =>
		run(process.execPath, ['build/cli/main.js', 'store', 'copy', ...args], { env: { ...env, DATA_DIR: dir } });

	beforeAll(async () => {
		cluster = await startCluster();
		url = await cluster.createDatabase();
		dir = await newDataDir('copy-json');
		dirs.push(dir, `${dir}.link-key`);
		const demo = await run(process.execPath, ['build/cli/main.js', 'demo'], {
			env: { ...withoutKey, DATA_DIR: dir, ORIGIN: 'http://localhost' }
		});
		admin = {
			email: /^E-mail: (.+)$/m.exec(demo.stdout)![1],
			password: /^Wachtwoord: (.+)$/m.exec(demo.stdout)![1]
		};
		links = [...demo.stdout.matchAll(/\/s\/(\S+)$/gm)].map((m) => m[1]);
	}, 120_000);

	afterAll(async () => {
		for (const s of servers) await s.stop();
		await cluster?.stop();
		for (const d of dirs) await rm(d, { recursive: true, force: true });
	});

	let cookie: string;

	it('refuses while the JSON server runs, then copies once the server is stopped', async () => {
		const json = await startServer(dir, { LINK_KEY: '' });
		servers.push(json);
		// A session and an answer made on the JSON installation must survive the move.
		cookie = await login(json.url, admin.email, admin.password);
		expect((await submit(json.url, links[0])).status).toBe(303);
		await expect(copy(['--from', dir, '--to', url])).rejects.toMatchObject({
			code: 2,
			stderr: expect.stringMatching(/is in gebruik door een ander proces .*Stop de server voordat u kopieert/)
		});
		await json.stop();

		// Through the package script, as the README has it: the arguments after -- reach the command.
		({ stdout } = await run('npm', ['run', '--silent', 'store', '--', 'copy', '--from', dir, '--to', url], {
			env: { ...withoutKey, DATA_DIR: dir }
		}));
		expect(stdout).toMatch(/^ {2}.+: \d+ antwoorden, \d+ uitnodigingen, .*dashboard gelijk/m);
		expect(stdout).toMatch(/^Kopie gecontroleerd: alles gelijk\.$/m);
		expect(stdout).toMatch(/^Zet LINK_KEY=\S+ voor elke instantie/m);
	}, 120_000);

	it('serves the copy on PostgreSQL with the LINK_KEY it named: old links, old session, same answers', async () => {
		const key = /^Zet LINK_KEY=(\S+) voor elke instantie/m.exec(stdout)![1];
		const pgDir = await newDataDir('copy-pg');
		dirs.push(pgDir);
		const instance = await startServer(pgDir, { DATABASE_URL: url, LINK_KEY: key });
		servers.push(instance);
		// The link answered on the JSON server opens its saved answers; an unanswered one opens too.
		for (const token of links.slice(0, 2)) expect((await fetch(`${instance.url}/s/${token}`)).status).toBe(200);
		expect((await submit(instance.url, links[1])).status).toBe(303);
		// Whoever was logged in stays logged in, and sees the closed rounds' dashboards.
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		const { rows } = await client
			.query(`SELECT body->'rounds' AS rounds FROM shared_state WHERE name = 'network'`)
			.finally(() => client.end());
		const roundId = (rows[0].rounds as { id: string; status: string }[]).find((r) => r.status === 'closed')?.id;
		expect(roundId).toBeTruthy();
		const read = await readDashboard(instance, cookie, roundId!);
		expect(read.status, 'reason' in read ? read.reason : '').toBe(200);
	}, 120_000);

	it('refuses a second copy, a LINK_KEY the links were not made with, and bad arguments', async () => {
		await expect(copy(['--from', dir, '--to', url])).rejects.toMatchObject({
			code: 2,
			stderr: expect.stringMatching(/De doeldatabase is niet leeg/)
		});
		const fresh = await cluster.createDatabase();
		await expect(
			copy(['--from', dir, '--to', fresh], { ...withoutKey, LINK_KEY: 'ab'.repeat(32) })
		).rejects.toMatchObject({
			code: 2,
			stderr: expect.stringMatching(/LINK_KEY verschilt van de sleutel/)
		});
		await expect(copy(['--from', dir])).rejects.toMatchObject({
			code: 2,
			stderr: expect.stringMatching(/^Gebruik: npm run store -- copy --from DATA_DIR --to postgresql:/)
		});
	}, 60_000);
});
