import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startCluster, pgTestsAvailable, type PgCluster } from '../../../../tests/pg-cluster';
import { TEST_LINK_KEY } from '../../../../tests/link-key';
import { JsonStore } from '../store/json-store';
import { PgStore } from '../store/pg/pg-store';
import type { Store } from '../store';
import { seedDemo, DEMO_ADMIN_EMAIL } from '../seed-demo';
import { loadRoundDashboard } from '../dashboard';
import { openSurvey } from '../survey/access';
import { decline } from '../survey/decline';
import { createWave, newWaveId } from '../mail/outbox';
import { createSession, resolveSession } from '../auth/sessions';
import { attemptLogin } from '../auth/login';
import { domainContext } from '../context';
import { obtainLink } from '../links';
import { environmentLinkKey, formatLinkKey } from '../link-key';
import { CopyRefused, copyToPostgres } from './to-postgres';
import { verifyCopy } from './verify';

/** Every file of the data folder with its hash: what "the source is not modified" means. */
async function folderHashes(dir: string): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || entry.name === '.lock') continue;
		const path = join(entry.parentPath, entry.name);
		out[path.slice(dir.length)] = createHash('sha256')
			.update(await readFile(path))
			.digest('hex');
	}
	return out;
}

describe.skipIf(!pgTestsAvailable())('copying a JSON installation to PostgreSQL', () => {
	let cluster: PgCluster;
	let dir: string;
	const env = { LINK_KEY: TEST_LINK_KEY };
	/** An unanswered link of the open round, and one of someone who declined. */
	let openLink: string;
	let declinedLink: string;
	let sessionToken: string;
	const temps: string[] = [];

	const run = async (to: string, runEnv: NodeJS.ProcessEnv = env, from = dir) => {
		const out: string[] = [];
		const err: string[] = [];
		const result = await copyToPostgres({
			from,
			to,
			env: runEnv,
			out: (l) => out.push(l),
			err: (l) => err.push(l),
			log: (l) => err.push(l)
		});
		return { ...result, out, err };
	};

	async function withStores<R>(url: string, use: (source: Store, target: Store) => Promise<R>): Promise<R> {
		const source = await JsonStore.open({ dataDir: dir, log: () => undefined });
		const target = await PgStore.open({ url, dataDir: dir, log: () => undefined });
		try {
			return await use(source, target);
		} finally {
			await target.close();
			await source.close();
		}
	}

	beforeAll(async () => {
		cluster = await startCluster();
		dir = await mkdtemp(join(tmpdir(), 'am-copy-'));
		const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		try {
			const seeded = await seedDemo(store);
			const [a, b] = seeded.unanswered;
			openLink = a.token;
			declinedLink = b.token;
			// What the demo does not have: a decline, an outbox with messages, a session and a login guard.
			const access = await openSurvey(store, declinedLink);
			if (!access.ok) throw new Error('demo link does not open');
			expect(await decline(store, access.ctx)).toBe('declined');
			const ctx = domainContext(store, null);
			const wave = await createWave(ctx, seeded.openRound.id, {
				kind: 'reminder',
				onlyNotStarted: false,
				scheduledAt: null,
				waveId: newWaveId(),
				seenLatest: ''
			});
			expect(wave.ok).toBe(true);
			const admin = store.network().users.find((u) => u.email === DEMO_ADMIN_EMAIL)!;
			sessionToken = (await createSession(store, admin.id)).token;
			await attemptLogin(store, {
				email: DEMO_ADMIN_EMAIL,
				password: 'niet het wachtwoord',
				deviceTokens: [],
				clientLimited: async () => false
			});
			expect(store.sessions().accountGuards.length).toBe(1);
		} finally {
			await store.close();
		}
	}, 120_000);

	afterAll(async () => {
		await cluster?.stop();
		await rm(dir, { recursive: true, force: true });
		for (const t of temps) await rm(t, { recursive: true, force: true });
	});

	it('copies everything, checks it round by round, and leaves the source as it was', async () => {
		const url = await cluster.createDatabase();
		const before = await folderHashes(dir);
		const result = await run(url);
		expect(result.err).toEqual([]);
		expect(result.ok).toBe(true);
		expect(await folderHashes(dir)).toEqual(before);
		expect(existsSync(join(dir, '.lock'))).toBe(false);

		const names = result.check.rounds.map((r) => r.name);
		expect(names.length).toBeGreaterThanOrEqual(3);
		for (const r of result.check.rounds) {
			expect(r.differences).toEqual([]);
			expect(result.out).toContainEqual(
				expect.stringMatching(new RegExp(`^  ${r.name}: ${r.responses} antwoorden, .*dashboard gelijk`))
			);
		}
		// The closed rounds' dashboards were compared per published group too.
		expect(result.check.rounds.some((r) => r.dashboards > 5)).toBe(true);
		expect(result.out).toContain('Kopie gecontroleerd: alles gelijk.');
		expect(result.out.join('\n')).toMatch(/LINK_KEY: de enquêtelinks van de bron zijn met deze sleutel gemaakt/);

		await withStores(url, async (source, target) => {
			// The log came over in order, with one line saying the installation moved
			// (before anything below writes to the log).
			const [logFrom, logTo] = [await source.readAudit(), await target.readAudit()];
			expect(logTo.slice(0, logFrom.length)).toEqual(logFrom);
			expect(logTo.length).toBe(logFrom.length + 1);
			expect(logTo.at(-1)!.action).toBe('store.copied');
			// The PostgreSQL store serves the same dashboards the JSON store did.
			for (const round of source.network().rounds) {
				const at = new URL(`http://x/admin/rounds/${round.id}`);
				const [a, b] = [await loadRoundDashboard(source, round.id, at), await loadRoundDashboard(target, round.id, at)];
				expect(b).toEqual(a);
			}
			const open = source.network().rounds.find((r) => r.status === 'open')!;
			const [from, to] = [(await source.round(open.id))!, (await target.round(open.id))!];
			// The open round keeps its links invitation ↔ response, its decline and its outbox.
			const linked = [...from.invitations.values()].filter((i) => i.responseId !== null);
			expect(linked.length).toBeGreaterThan(10);
			for (const inv of linked) expect(to.invitations.get(inv.id)?.responseId).toBe(inv.responseId);
			expect(to.outbox.size).toBe(from.outbox.size);
			expect(to.outbox.size).toBeGreaterThan(0);
			expect(to.responses.size).toBe(from.responses.size);

			// A link sent from the JSON installation opens the same invitation on PostgreSQL.
			const [was, is] = [await openSurvey(source, openLink), await openSurvey(target, openLink)];
			expect(was.ok && is.ok).toBe(true);
			if (was.ok && is.ok) expect(is.ctx.invitation).toEqual(was.ctx.invitation);
			const declined = await openSurvey(target, declinedLink);
			expect(declined.ok && declined.ctx.invitation.declinedAt).toBeTruthy();
			// And the admin obtains it again under the LINK_KEY the copy named.
			const inv = is.ok ? is.ctx.invitation : null;
			const again = await obtainLink(domainContext(target, null), open.id, inv!.id, environmentLinkKey(env)!);
			expect(again.path).toBe(`/s/${openLink}`);

			// Whoever was logged in stays so, and the failed login still counts.
			expect((await resolveSession(target, sessionToken))?.email).toBe(DEMO_ADMIN_EMAIL);
			expect(target.sessions().accountGuards).toEqual(source.sessions().accountGuards);
		});

		// A second copy into the database that now holds the network is refused, writing nothing.
		const network = await withStores(url, async (_, target) => target.network());
		await expect(run(url)).rejects.toThrow(CopyRefused);
		await expect(run(url)).rejects.toThrow(
			/De doeldatabase is niet leeg: zij bevat al het netwerk “.+”, \d+ meetrondes/
		);
		await withStores(url, async (source, target) => {
			expect(target.network()).toEqual(network);
			// The copy's line and the obtained link's.
			expect((await target.readAudit()).length).toBe((await source.readAudit()).length + 2);
		});
	}, 120_000);

	it('reports a response changed in the database after the copy', async () => {
		const url = await cluster.createDatabase();
		expect((await run(url)).ok).toBe(true);
		const sql = new pg.Client({ connectionString: url });
		await sql.connect();
		try {
			const { rows } = await sql.query(
				`SELECT round_id, id, body FROM responses WHERE body->>'status' = 'submitted' ORDER BY id LIMIT 1`
			);
			const [row] = rows;
			const item = Object.keys(row.body.answers)[0];
			const answers = { ...row.body.answers, [item]: row.body.answers[item] === 1 ? 2 : 1 };
			await sql.query(`UPDATE responses SET body = $3::jsonb WHERE round_id = $1 AND id = $2`, [
				row.round_id,
				row.id,
				JSON.stringify({ ...row.body, answers })
			]);
			const check = await withStores(url, (source, target) => verifyCopy(source, target));
			expect(check.ok).toBe(false);
			const round = check.rounds.find((r) => r.roundId === row.round_id)!;
			expect(round.differences).toEqual([expect.stringContaining(`opgeslagen gegevens: responses[`)]);
			expect(round.differences[0]).toContain(`.answers.${item}:`);
			expect(check.rounds.filter((r) => r.differences.length > 0)).toHaveLength(1);

			// In a closed round the dashboard reads the published set only; the stored data still tells.
			const closed = await sql.query(
				`SELECT round_id, ordinal FROM closed_responses ORDER BY round_id, ordinal LIMIT 1`
			);
			await sql.query(
				`UPDATE closed_responses SET body = jsonb_set(body, '{status}', '"draft"') WHERE round_id = $1 AND ordinal = $2`,
				[closed.rows[0].round_id, closed.rows[0].ordinal]
			);
			const again = await withStores(url, (source, target) => verifyCopy(source, target));
			expect(again.rounds.find((r) => r.roundId === closed.rows[0].round_id)!.differences).toEqual([
				expect.stringMatching(
					/^opgeslagen gegevens: closedResponses\[\d+\]\.status: "submitted" in de bron, "draft" in het doel$/
				)
			]);
		} finally {
			await sql.end();
		}
	}, 120_000);

	it('names the key file as LINK_KEY, and refuses a LINK_KEY the links were not made with', async () => {
		const keyDir = await mkdtemp(join(tmpdir(), 'am-copy-key-'));
		temps.push(keyDir);
		const keyFile = join(keyDir, 'link-key');
		await writeFile(keyFile, `${TEST_LINK_KEY}\n`);

		const refusedUrl = await cluster.createDatabase();
		const other = 'ab'.repeat(32);
		await expect(run(refusedUrl, { LINK_KEY: other, LINK_KEY_FILE: keyFile })).rejects.toThrow(
			/LINK_KEY verschilt van de sleutel waarmee de enquêtelinks van de bron zijn gemaakt .*Er is niets gekopieerd/
		);
		await expect(run(refusedUrl, { LINK_KEY: other })).rejects.toThrow(/LINK_KEY is niet de sleutel/);
		await expect(run(refusedUrl, { LINK_KEY_FILE: join(keyDir, 'ontbreekt') })).rejects.toThrow(
			/hun sleutel is niet gevonden/
		);
		// Nothing was written, not even the network.
		const target = await PgStore.open({ url: refusedUrl, dataDir: dir, log: () => undefined });
		expect(target.network().network).toBeNull();
		await target.close();
		expect(existsSync(join(keyDir, 'ontbreekt'))).toBe(false);

		const result = await run(await cluster.createDatabase(), { LINK_KEY_FILE: keyFile });
		expect(result.ok).toBe(true);
		const key = formatLinkKey(environmentLinkKey(env)!);
		expect(result.out).toContainEqual(expect.stringContaining(`Zet LINK_KEY=${key} voor elke instantie`));
	}, 120_000);

	it('refuses while a server holds the data folder, and input that is no installation', async () => {
		const url = await cluster.createDatabase();
		// A live node process's pid in the lock, as a running server leaves it.
		const holder: ChildProcess = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
		try {
			await writeFile(join(dir, '.lock'), JSON.stringify(holder.pid));
			await expect(run(url)).rejects.toThrow(/is in gebruik door een ander proces .*Stop de server voordat u kopieert/);
		} finally {
			holder.kill();
			await rm(join(dir, '.lock'), { force: true });
		}
		await expect(run('/var/lib/postgres')).rejects.toThrow(/--to moet een PostgreSQL-adres zijn/);
		const empty = join(tmpdir(), `am-copy-none-${process.pid}`);
		await expect(run(url, env, empty)).rejects.toThrow(/In .* staat geen network\.json/);
		expect(existsSync(empty)).toBe(false);
		const target = await PgStore.open({ url, dataDir: dir, log: () => undefined });
		expect(target.network().network).toBeNull();
		await target.close();
	}, 60_000);
});
