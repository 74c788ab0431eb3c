import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { startCluster, pgTestsAvailable, type PgCluster } from '../pg-cluster';
import { login, newDataDir, pool, postForm, startServer, submit, tokenHash, type Server } from './harness';
import { PgStore } from '$lib/server/store/pg/pg-store';
import { freshInvitations } from '$lib/server/demo/write';
import { linkKey } from '$lib/server/link-key';
import { startMailbox, type Mailbox } from '$lib/server/mail/test-smtp';
import { newWaveId } from '$lib/server/mail/outbox';

const run = promisify(execFile);

/** Survey links the test adds to the demo's open round, per part of the suite. */
const MANY = 1000;
const BURST = 300;
const REMIND = 300;
/** How long a claim of a killed instance holds before the other sends its message again. */
const LEASE_SECONDS = 3;
/** Requests the test keeps open at once: enough to overlap, not so many that two cores starve. */
const CONCURRENCY = 24;

/**
 * Issue 16: the built app as two instances on one PostgreSQL database, each its own process
 * with its own empty DATA_DIR, under load and with one of them killed. Every figure is counted
 * in the database itself (SQL), or at the SMTP server for e-mail.
 */
describe.skipIf(!pgTestsAvailable())('two app instances on one database: reliability', () => {
	let cluster: PgCluster;
	let url: string;
	let sql: pg.Client;
	let box: Mailbox;
	const dirs: string[] = [];
	let env: Record<string, string>;
	let a: Server;
	let b: Server;
	let admin: { email: string; password: string };
	let roundId: string;
	let tokens: string[];
	let next = 0;
	/** The next `n` of the links the test added, each used by one part only. */
	const take = (n: number) => tokens.slice(next, (next += n));

	async function start(label: string) {
		const dir = await newDataDir(label);
		dirs.push(dir);
		return startServer(dir, env);
	}

	const scalar = async (query: string, params: unknown[] = [roundId]) =>
		(await sql.query(query, params)).rows[0].n as number;
	const responseRows = () => scalar(`SELECT count(*)::int AS n FROM responses WHERE round_id = $1`);
	/** The token hashes of the invitations whose linked response is submitted. */
	async function submittedHashes(): Promise<Set<string>> {
		const { rows } = await sql.query(
			`SELECT i.token_hash FROM invitations i
			 JOIN invitation_responses l ON l.round_id = i.round_id AND l.invitation_id = i.id
			 JOIN responses r ON r.round_id = l.round_id AND r.id = l.response_id
			 WHERE i.round_id = $1 AND r.body->>'status' = 'submitted'`,
			[roundId]
		);
		return new Set(rows.map((r) => r.token_hash as string));
	}

	beforeAll(async () => {
		cluster = await startCluster();
		url = await cluster.createDatabase();
		sql = new pg.Client({ connectionString: url });
		await sql.connect();
		box = await startMailbox();
		const seedDir = await newDataDir('pg-rel-seed');
		dirs.push(seedDir);
		const { stdout } = await run(process.execPath, ['build/cli/main.js', 'demo', '--links', '1000'], {
			env: { ...process.env, DATABASE_URL: url, DATA_DIR: seedDir, ORIGIN: 'http://localhost' }
		});
		admin = {
			email: /^E-mail: (.+)$/m.exec(stdout)![1],
			password: /^Wachtwoord: (.+)$/m.exec(stdout)![1]
		};
		// The demo prints a link for each of its open round's unanswered invitations, fewer than the
		// suite needs: the rest are invitations added to that round (as `harness.seed` does), to the
		// demo's active people with an address, so that a reminder reaches every one of them.
		const store = await PgStore.open({ url, dataDir: seedDir, log: () => undefined });
		try {
			const network = store.network();
			const open = network.rounds.find((r) => r.status === 'open')!;
			roundId = open.id;
			const people = network.respondents.filter((r) => r.active && r.email && r.emailWrongAt === null);
			const fresh = freshInvitations(open, people, MANY + 1 + BURST + REMIND, 'rel', linkKey());
			tokens = fresh.tokens;
			await store.transactRound(roundId, () => ({
				ops: fresh.invitations.map((v) => ({ t: 'invitation' as const, v })),
				result: null
			}));
		} finally {
			await store.close();
		}
		env = {
			DATABASE_URL: url,
			SMTP_URL: `smtp://127.0.0.1:${box.port}`,
			MAIL_FROM: 'monitor@test.invalid',
			MAIL_RATE: '10000',
			MAIL_LEASE_SECONDS: String(LEASE_SECONDS)
		};
		[a, b] = await Promise.all([start('pg-rel-a'), start('pg-rel-b')]);
	}, 120_000);

	afterAll(async () => {
		await Promise.all([a?.stop(), b?.stop()]);
		await sql?.end();
		await box?.close();
		await cluster?.stop();
		for (const d of dirs) await rm(d, { recursive: true, force: true });
	});

	it(`takes ${MANY} concurrent submissions over both instances: ${MANY} responses, each acknowledged one present`, async () => {
		const links = take(MANY);
		const rowsBefore = await responseRows();
		const acknowledged: string[] = [];
		const refused: string[] = [];
		await pool(links, CONCURRENCY, async (token, i) => {
			const res = await submit((i % 2 ? b : a).url, token);
			(res.status === 303 ? acknowledged : refused).push(`${res.status} ${token}`);
		});
		expect(refused).toEqual([]);
		expect(acknowledged).toHaveLength(MANY);
		expect((await responseRows()) - rowsBefore).toBe(MANY);
		const present = await submittedHashes();
		expect(links.filter((t) => !present.has(tokenHash(t)))).toEqual([]);
	});

	it('takes the same submission 50 times at once over both instances as one response', async () => {
		const [token] = take(1);
		const rowsBefore = await responseRows();
		const results = await Promise.all(Array.from({ length: 50 }, (_, i) => submit((i % 2 ? b : a).url, token)));
		// Every copy is answered (the later ones find it submitted); none is an error.
		expect(results.filter((r) => r.status >= 500)).toEqual([]);
		expect(results.some((r) => r.status === 303)).toBe(true);
		expect((await responseRows()) - rowsBefore).toBe(1);
		expect((await submittedHashes()).has(tokenHash(token))).toBe(true);
	});

	it('keeps every acknowledged submission when one instance is killed mid-burst; the other serves on', async () => {
		const links = take(BURST);
		const acknowledged: string[] = [];
		const onB: { token: string; status: number }[] = [];
		let killed: Promise<void> | null = null;
		let sentToA = 0;
		await pool(links, CONCURRENCY, async (token, i) => {
			const target = i % 2 ? b : a;
			if (target === a) sentToA++;
			// A dies (kill -9) with requests of its own in flight, about a third of the way in.
			if (!killed && sentToA === Math.floor(BURST / 6)) killed = a.kill9();
			try {
				const res = await submit(target.url, token);
				if (res.status === 303) acknowledged.push(token);
				if (target === b) onB.push({ token, status: res.status });
			} catch (e) {
				// A's connection reset or refused: not acknowledged, so not promised.
				if (target === b) onB.push({ token, status: -1 });
				expect(target, String(e)).toBe(a);
			}
		});
		await killed;
		expect(a.child.signalCode).toBe('SIGKILL');
		// B answered every request during the burst, and still does.
		expect(onB.filter((r) => r.status !== 303)).toEqual([]);
		expect(onB).toHaveLength(BURST / 2);
		expect((await fetch(`${b.url}/privacy`)).status).toBe(200);
		const present = await submittedHashes();
		const missing = acknowledged.filter((t) => !present.has(tokenHash(t)));
		console.log(
			`[pg] kill -9: ${acknowledged.length} van ${BURST} bevestigd, ${acknowledged.length - missing.length} in de database`
		);
		expect(missing).toEqual([]);
		expect(acknowledged.length).toBeGreaterThan(BURST / 2);

		// The killed instance starts again on the same database and serves.
		a = await start('pg-rel-a2');
		const retry = links.find((t) => !present.has(tokenHash(t)));
		if (retry) {
			expect((await submit(a.url, retry)).status).toBe(303);
			expect((await submittedHashes()).has(tokenHash(retry))).toBe(true);
		}
		expect((await fetch(`${a.url}/privacy`)).status).toBe(200);
	});

	it('sends a reminder batch from both instances, each message once, also with one killed and restarted mid-batch', async () => {
		box.received.length = 0;
		// Each message spends a while at the SMTP server, so that a kill finds one in flight.
		box.delayMs = 40;
		const cookie = await login(b.url, admin.email, admin.password);
		const waveId = newWaveId();
		expect(
			await postForm(a.url, cookie, `/admin/rounds/${roundId}/e-mail?/remind`, {
				who: 'niet-verzonden',
				when: 'nu',
				waveId,
				seenLatest: ''
			})
		).toBe(303);
		// What the wave queued: every unanswered link of someone with a usable address, among
		// them all the suite's own that are left.
		const expected = await scalar(
			`SELECT count(*)::int AS n FROM outbox_messages WHERE round_id = $1 AND wave_id = $2`,
			[roundId, waveId]
		);
		expect(expected).toBeGreaterThanOrEqual(REMIND);
		const received = () => box.received.length;
		await expect.poll(received, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(expected / 4);
		const killedPid = String(a.child.pid!);
		const claimedByA = async () =>
			(
				await sql.query(
					`SELECT i.token_hash FROM outbox_messages m
					 JOIN invitations i ON i.round_id = m.round_id AND i.id = m.invitation_id
					 WHERE m.round_id = $1 AND m.wave_id = $2 AND m.body->>'state' = 'sending'
					 AND split_part(m.body->>'claimedBy', ':', 2) = $3`,
					[roundId, waveId, killedPid]
				)
			).rows.map((r) => r.token_hash as string);
		// Killed while it holds a claim, so that the lease has to run out.
		await expect.poll(async () => (await claimedByA()).length, { timeout: 10_000, interval: 5 }).toBe(1);
		await a.kill9();
		const atKill = received();
		// What A had claimed when it died: the only message that may arrive twice.
		const inFlightAtKill = await claimedByA();
		expect(inFlightAtKill.length).toBeLessThanOrEqual(1);
		// A new instance starts while B is sending: its recovery must leave B's claim alone.
		await expect.poll(received, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(atKill + 20);
		a = await start('pg-rel-a3');
		const pending = () =>
			scalar(
				`SELECT count(*)::int AS n FROM outbox_messages WHERE round_id = $1 AND wave_id = $2
				 AND body->>'state' IN ('queued', 'sending')`,
				[roundId, waveId]
			);
		// The killed instance's claim runs out after LEASE_SECONDS; then it goes too.
		await expect.poll(pending, { timeout: 120_000, interval: 200 }).toBe(0);

		const { rows } = await sql.query(
			`SELECT i.token_hash, m.body->>'state' AS state FROM outbox_messages m
			 JOIN invitations i ON i.round_id = m.round_id AND i.id = m.invitation_id
			 WHERE m.round_id = $1 AND m.wave_id = $2`,
			[roundId, waveId]
		);
		expect(rows).toHaveLength(expected);
		expect(rows.filter((r) => r.state !== 'sent')).toEqual([]);
		const perMessage = new Map<string, number>();
		for (const m of box.received) {
			const token = /\/s\/([A-Za-z0-9._-]+)/.exec(m.text ?? '')?.[1] ?? '';
			const hash = tokenHash(token);
			perMessage.set(hash, (perMessage.get(hash) ?? 0) + 1);
		}
		const twice = [...perMessage].filter(([, n]) => n > 1);

		console.log(
			`[pg] herinnering: ${expected} berichten, ${box.received.length} ontvangen, ${perMessage.size} verschillende, ` +
				`${twice.length} twee keer, ${inFlightAtKill.length} onderweg bij de kill -9 (na ${atKill})`
		);
		// None missing, nothing else: every message of the wave arrived, and only those.
		expect(new Set(perMessage.keys())).toEqual(new Set(rows.map((r) => r.token_hash)));
		// The guarantee: only what the killed instance had at the SMTP server may arrive again,
		// and it sends one message at a time.
		expect(twice.filter(([hash]) => !inFlightAtKill.includes(hash))).toEqual([]);
		expect(twice.every(([, n]) => n === 2)).toBe(true);
		box.delayMs = 0;
	});

	it('closes the round from both instances at once: one published set, links gone, no error', async () => {
		const cookie = await login(a.url, admin.email, admin.password);
		const close = async (server: Server) => {
			const res = await fetch(`${server.url}/admin/rounds/${roundId}/beheer?/close`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					cookie,
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html',
					origin: server.url,
					'sec-fetch-site': 'same-origin'
				},
				body: new URLSearchParams({ sure: 'ja' }).toString()
			});
			return { status: res.status, text: await res.text() };
		};
		const results = await Promise.all([close(a), close(b), close(a), close(b)]);
		for (const r of results) {
			// Done, or (when the other had closed it before this one began) said plainly.
			if (r.status === 303) continue;
			expect(r.status).toBe(400);
			expect(r.text).toContain('Deze ronde is al gesloten.');
		}
		expect(results.some((r) => r.status === 303)).toBe(true);
		expect(await scalar(`SELECT count(*)::int AS n FROM published WHERE round_id = $1`)).toBe(1);
		for (const table of ['invitation_responses', 'invitation_declines', 'outbox_messages', 'responses'])
			expect(await scalar(`SELECT count(*)::int AS n FROM ${table} WHERE round_id = $1`), table).toBe(0);
		expect(
			await scalar(
				`SELECT count(*)::int AS n FROM audit_log WHERE body->>'action' = 'round.closed' AND body->>'subject' = $1`
			)
		).toBe(1);
		const { rows } = await sql.query(
			`SELECT r->>'status' AS status FROM shared_state, jsonb_array_elements(body->'rounds') AS r
			 WHERE name = 'network' AND r->>'id' = $1`,
			[roundId]
		);
		expect(rows[0].status).toBe('closed');
		// Both still serve.
		for (const s of [a, b]) expect((await fetch(`${s.url}/privacy`)).status).toBe(200);
	});
});
