import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { LISTENER_NAME, PgStore } from './pg-store';
import { StoreError, StoreUnavailableError } from '../errors';
import { startCluster, pgTestsAvailable, type PgCluster } from '../../../../../tests/pg-cluster';
import { addRound, invitation, message, now, published, response, round, wave } from '../store-fixtures';

/**
 * What only the PostgreSQL store has to show: constraints that hold in the database itself,
 * and several instances on one database.
 */
describe.skipIf(!pgTestsAvailable())('PgStore on a private cluster', () => {
	let cluster: PgCluster;
	let url: string;
	let sql: pg.Client;
	const stores: PgStore[] = [];
	const open = async () => {
		const s = await PgStore.open({ url, dataDir: '/nonexistent', log: () => undefined });
		stores.push(s);
		return s;
	};

	beforeAll(async () => {
		cluster = await startCluster();
	}, 60_000);
	afterAll(async () => cluster?.stop());
	beforeEach(async () => {
		url = await cluster.createDatabase();
		sql = new pg.Client({ connectionString: url });
		await sql.connect();
	});
	afterEach(async () => {
		await sql.end();
		for (const s of stores.splice(0)) await s.close();
	});

	async function roundWithInvitations(store: PgStore, n = 2) {
		await addRound(store);
		await store.transactRound(round.id, () => ({
			ops: [
				...Array.from({ length: n }, (_, i) => ({ t: 'invitation' as const, v: invitation(i + 1) })),
				{ t: 'wave', v: wave() }
			],
			result: null
		}));
	}

	/** A round with `n` invitations and a queued message to each. */
	async function withQueuedMessages(store: PgStore, n: number) {
		await roundWithInvitations(store, n);
		await store.transactRound(round.id, () => ({
			ops: Array.from({ length: n }, (_, i) => ({ t: 'message' as const, v: message(i + 1, 'golf-1', 'queued') })),
			result: null
		}));
	}

	it('runs a named task on one instance at a time, and a dead instance gives the name up', async () => {
		const [a, b] = await Promise.all([open(), open()]);
		let running = 0;
		let most = 0;
		const task = (store: PgStore) =>
			store.exclusive('sluiten', async () => {
				most = Math.max(most, ++running);
				await new Promise((r) => setTimeout(r, 40));
				running--;
			});
		await Promise.all([task(a), task(b), task(a), task(b)]);
		expect(most).toBe(1);

		// A holder whose connection ends (its process died) releases the lock with it.
		let entered!: () => void;
		let finish!: () => void;
		const inside = new Promise<void>((r) => (entered = r));
		const finished = new Promise<void>((r) => (finish = r));
		const held = a.exclusive('sluiten', async () => {
			entered();
			await finished;
		});
		await inside;
		const waiting = b.exclusive('sluiten', async () => 'door');
		await new Promise((r) => setTimeout(r, 100));
		await sql.query(
			`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()`
		);
		expect(await waiting).toBe('door');
		finish();
		await held;
	});

	it('migrates once when several instances start at once', async () => {
		await Promise.all([open(), open(), open()]);
		const { rows } = await sql.query(`SELECT name FROM store_migrations`);
		expect(rows.map((r) => r.name)).toEqual(['0001-store', '0002-outbox-delivery']);
	});

	it('refuses a second response for one invitation in the database itself', async () => {
		const store = await open();
		await roundWithInvitations(store);
		await store.transactRound(round.id, () => ({
			ops: [
				{ t: 'response', v: response(1) },
				{ t: 'invitation', v: invitation(1, { responseId: 'resp-1' }) }
			],
			result: null
		}));
		await expect(
			sql.query(
				`INSERT INTO invitation_responses (round_id, invitation_id, response_id) VALUES ($1, 'inv-1', 'resp-2')`,
				[round.id]
			)
		).rejects.toMatchObject({ code: '23505' });
		// Nor may one response belong to two invitations.
		await expect(
			sql.query(
				`INSERT INTO invitation_responses (round_id, invitation_id, response_id) VALUES ($1, 'inv-2', 'resp-1')`,
				[round.id]
			)
		).rejects.toMatchObject({ code: '23505' });
		// Through the store, a change that would relink the invitation fails whole.
		const relink = store.transactRound(round.id, () => ({
			ops: [
				{ t: 'response', v: response(2) },
				{ t: 'invitation', v: invitation(1, { responseId: 'resp-2' }) }
			],
			result: null
		}));
		await expect(relink).rejects.toThrow(StoreError);
		const state = (await store.round(round.id))!;
		expect(state.invitations.get('inv-1')!.responseId).toBe('resp-1');
		expect(state.responses.has('resp-2')).toBe(false);
	});

	it('refuses a second message for one invitation, kind and wave in the database itself', async () => {
		const store = await open();
		await roundWithInvitations(store);
		await store.transactRound(round.id, () => ({ ops: [{ t: 'message', v: message(1) }], result: null }));
		const twin = { ...message(1), id: 'bericht-tweeling' };
		await expect(
			sql.query(
				`INSERT INTO outbox_messages (round_id, id, wave_id, invitation_id, kind, state, body)
				 VALUES ($1, $2, 'golf-1', 'inv-1', 'invitation', 'sent', $3)`,
				[round.id, twin.id, JSON.stringify(twin)]
			)
		).rejects.toMatchObject({ code: '23505' });
		await expect(
			store.transactRound(round.id, () => ({ ops: [{ t: 'message', v: twin }], result: null }))
		).rejects.toThrow(StoreError);
		expect([...(await store.round(round.id))!.outbox.keys()]).toEqual([message(1).id]);
	});

	it('claims a message without waiting for the round’s lock, skipping one another transaction holds', async () => {
		const a = await open();
		const b = await open();
		await withQueuedMessages(a, 3);
		const version = (await sql.query(`SELECT version FROM rounds WHERE round_id = $1`, [round.id])).rows[0].version;
		// A submission in progress holds the round's row; another sender is at the first message.
		await sql.query('BEGIN');
		await sql.query(`SELECT version FROM rounds WHERE round_id = $1 FOR UPDATE`, [round.id]);
		await sql.query(`SELECT id FROM outbox_messages WHERE round_id = $1 AND id = $2 FOR UPDATE`, [
			round.id,
			message(1).id
		]);
		const at = new Date(now);
		const claim = (store: PgStore, by: string) =>
			store.updateMessages(round.id, { claimableAt: at }, (m) => ({
				next: { ...m, state: 'sending', claimedBy: by, leaseUntil: '2026-11-01T11:00:00.000Z' },
				result: m.id
			}));
		const late = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 3000));
		expect(await Promise.race([claim(a, 'a'), late])).toEqual([message(2).id]);
		expect(await Promise.race([claim(b, 'b'), late])).toEqual([message(3).id]);
		expect(await Promise.race([claim(b, 'b'), late])).toEqual([]);
		await sql.query('ROLLBACK');

		// Each instance's copy of the round has what the other claimed, though the round's version did not move.
		for (const store of [a, b]) {
			const outbox = (await store.round(round.id))!.outbox;
			expect([1, 2, 3].map((i) => outbox.get(message(i).id)!.claimedBy)).toEqual([null, 'a', 'b']);
		}
		expect((await sql.query(`SELECT version FROM rounds WHERE round_id = $1`, [round.id])).rows[0].version).toBe(
			version
		);
	});

	it('hands 400 messages to eight claimers on two instances once each, while submissions land beside them', async () => {
		const a = await open();
		const b = await open();
		const n = 400;
		await withQueuedMessages(a, n);
		const at = new Date(now);
		const claims: string[] = [];
		// Each claimer claims, then records a result on its claim, until nothing is left.
		const claimer = async (store: PgStore, by: string) => {
			for (;;) {
				const [id] = await store.updateMessages(round.id, { claimableAt: at }, (m) => ({
					next: { ...m, state: 'sending', claimedBy: by, leaseUntil: '2026-11-01T11:00:00.000Z' },
					result: m.id
				}));
				if (!id) return;
				claims.push(id);
				await store.updateMessages(round.id, { id }, (m) => ({
					next: m.claimedBy === by ? { ...m, state: 'sent', claimedBy: null, leaseUntil: null } : null,
					result: null
				}));
			}
		};
		const submissions = Array.from({ length: 200 }, (_, i) =>
			(i % 2 ? a : b).transactRound(round.id, () => ({ ops: [{ t: 'response', v: response(i) }], result: null }))
		);
		const started = performance.now();
		await Promise.all([...[a, b].flatMap((s, i) => [0, 1, 2, 3].map((j) => claimer(s, `${i}-${j}`))), ...submissions]);
		const ms = performance.now() - started;
		expect(claims).toHaveLength(n);
		expect(new Set(claims).size).toBe(n);
		for (const store of [a, b]) {
			const state = (await store.round(round.id))!;
			expect([...state.outbox.values()].filter((m) => m.state === 'sent')).toHaveLength(n);
			expect(state.responses.size).toBe(200);
		}
		console.log(
			`[pg] ${n} berichten geclaimd en afgehandeld door 8 claimers op 2 instanties, met 200 inzendingen ernaast: ${Math.round(ms)} ms`
		);
	});

	it('counts results recorded on another instance in the waves’ totals when it closes', async () => {
		const a = await open();
		const b = await open();
		await withQueuedMessages(a, 3);
		expect((await b.round(round.id))!.outbox.size).toBe(3);
		const record = (i: number, state: 'sent' | 'refused') =>
			a.updateMessages(round.id, { id: message(i).id }, (m) => ({ next: { ...m, state }, result: null }));
		await record(1, 'sent');
		await record(2, 'refused');
		// b publishes from a copy read before either result: the totals come from the rows.
		expect(await b.publish(round.id, published())).toBe(true);
		const totals = (await a.round(round.id))!.waves.get('golf-1')!.totals;
		expect(totals).toMatchObject({ sent: 1, refused: 1, skipped: 1 });
		expect((await sql.query(`SELECT count(*) FROM outbox_messages`)).rows[0].count).toBe('0');
		// A result that arrives after the close finds nothing to change.
		expect(await a.updateMessages(round.id, { id: message(3).id }, (m) => ({ next: m, result: 1 }))).toEqual([]);
	});

	it('keeps the audit log append-only and a published set frozen', async () => {
		const store = await open();
		await addRound(store);
		await store.appendAudit([{ at: now, actor: null, action: 'test.entry', subject: null, detail: '' }]);
		await store.publish(round.id, published());
		await expect(sql.query(`UPDATE audit_log SET body = '{}'`)).rejects.toMatchObject({ code: '23001' });
		await expect(sql.query(`DELETE FROM audit_log`)).rejects.toMatchObject({ code: '23001' });
		await expect(sql.query(`UPDATE published SET body = '{}'`)).rejects.toMatchObject({ code: '23001' });
	});

	it('leaves no link rows once the links are cut', async () => {
		const store = await open();
		await roundWithInvitations(store);
		await store.transactRound(round.id, () => ({
			ops: [
				{ t: 'response', v: response(1) },
				{ t: 'invitation', v: invitation(1, { responseId: 'resp-1' }) },
				{ t: 'invitation', v: invitation(2, { declinedAt: now }) },
				{ t: 'message', v: message(1) }
			],
			result: null
		}));
		await store.transactRound(round.id, () => ({ ops: [{ t: 'cut-links' }], result: null }));
		for (const table of ['invitation_responses', 'invitation_declines', 'outbox_messages'])
			expect((await sql.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBe(0);
		// Nor does any row version on disk, dead or alive: the VACUUM after the cut removed them.
		await sql.query(`CREATE EXTENSION pageinspect`);
		for (const table of ['invitation_responses', 'invitation_declines', 'outbox_messages', 'round_changes']) {
			const { rows } = await sql.query(
				`SELECT count(*)::int AS n FROM generate_series(0, (pg_relation_size($1::regclass) / 8192)::int - 1) AS p,
				 LATERAL heap_page_items(get_raw_page($1::text, p)) AS t
				 WHERE encode(t.t_data, 'escape') ~ '(resp-1|persoon-1@example)'`,
				[table]
			);
			expect(rows[0].n, table).toBe(0);
		}
	});

	it('publishes and cuts the links in one transaction: both happen, or neither', async () => {
		const store = await open();
		await roundWithInvitations(store);
		const linked = () => ({
			ops: [
				{ t: 'response' as const, v: response(1) },
				{ t: 'invitation' as const, v: invitation(1, { responseId: 'resp-1' }) },
				{ t: 'invitation' as const, v: invitation(2, { declinedAt: now }) },
				{ t: 'message' as const, v: message(1) }
			],
			result: null
		});
		await store.transactRound(round.id, linked);
		const links = async () =>
			(
				await sql.query(
					`SELECT (SELECT count(*) FROM invitation_responses)::int + (SELECT count(*) FROM invitation_declines)::int
					 + (SELECT count(*) FROM outbox_messages)::int AS n`
				)
			).rows[0].n;
		expect(await links()).toBe(3);
		// A set that is already there makes the insert fail: the cut in the same transaction is
		// rolled back with it, so the links are all still there.
		await sql.query(`INSERT INTO published (round_id, body) VALUES ($1, $2::jsonb)`, [
			round.id,
			JSON.stringify(published())
		]);
		await expect(store.publish(round.id, published())).rejects.toThrow(StoreError);
		expect(await links()).toBe(3);
		expect((await (await open()).round(round.id))!.hasLinks()).toBe(true);

		// Without that obstacle (the trigger guards UPDATE and DELETE, not TRUNCATE): published,
		// and not one link left, nor a version of one in the change log.
		await sql.query(`TRUNCATE published`);
		const fresh = await open();
		expect(await fresh.publish(round.id, published())).toBe(true);
		expect(await links()).toBe(0);
		expect((await fresh.round(round.id))!.hasLinks()).toBe(false);
		expect((await (await open()).round(round.id))!.hasLinks()).toBe(false);
		const log = await sql.query(`SELECT ops FROM round_changes WHERE round_id = $1`, [round.id]);
		// The cut, and the wave's totals as counted then: nothing that names a person.
		expect(log.rows.map((r) => r.ops.map((op: { t: string }) => op.t))).toEqual([['cut-links', 'wave']]);
	});

	it('shows a network change made on one instance to the other', async () => {
		const a = await open();
		const b = await open();
		await a.updateNetwork((d) => void d.rounds.push(round));
		// At once after a refresh (what every request starts with)…
		await b.refresh();
		expect(b.network().rounds.map((r) => r.id)).toEqual([round.id]);
		// …and soon without one, through the NOTIFY.
		await a.updateNetwork((d) => void (d.rounds[0].name = 'Hernoemd'));
		const deadline = Date.now() + 5000;
		while (b.network().rounds[0].name !== 'Hernoemd' && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 20));
		expect(b.network().rounds[0].name).toBe('Hernoemd');
		// A write on the other instance starts from the latest version, whatever its copy says.
		await b.updateNetwork((d) => void (d.rounds[0].name = d.rounds[0].name + '!'));
		await a.refresh();
		expect(a.network().rounds[0].name).toBe('Hernoemd!');
	});

	it('listens again after the database dropped the connection it listened on', async () => {
		const a = await open();
		const b = await open();
		const { rowCount } = await sql.query(
			`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`,
			[LISTENER_NAME]
		);
		expect(rowCount).toBe(2);
		await a.updateNetwork((d) => void d.rounds.push(round));
		const deadline = Date.now() + 5000;
		while (b.network().rounds.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
		expect(b.network().rounds.map((r) => r.id)).toEqual([round.id]);
		// The new connection hears the next change too.
		await a.updateNetwork((d) => void (d.rounds[0].name = 'Daarna'));
		while (b.network().rounds[0].name !== 'Daarna' && Date.now() < deadline + 5000)
			await new Promise((r) => setTimeout(r, 20));
		expect(b.network().rounds[0].name).toBe('Daarna');
	});

	it('says a read failed in a StoreUnavailableError while the database refuses connections, and recovers after', async () => {
		const a = await open();
		const b = await open();
		await addRound(a);
		await b.refresh();
		const name = new URL(url).pathname.slice(1);
		const admin = new pg.Client({ connectionString: cluster.url });
		await admin.connect();
		await sql.end();
		await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
		await admin.query(
			`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
			[name]
		);
		await expect(b.refresh()).rejects.toThrow(StoreUnavailableError);
		await expect(b.round(round.id)).rejects.toThrow(StoreUnavailableError);
		await expect(b.publishedSnapshot(round.id)).rejects.toThrow(StoreUnavailableError);
		// A write that cannot be made says so as a failed save, not as a read.
		const write = await b
			.transactRound(round.id, () => ({ ops: [{ t: 'response', v: response(1) }], result: null }))
			.catch((e) => e);
		expect(write).toBeInstanceOf(StoreError);
		expect(write).not.toBeInstanceOf(StoreUnavailableError);
		// Longer than the first attempt to listen again (after 1 s): that one fails too.
		await new Promise((r) => setTimeout(r, 2500));

		await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
		await admin.end();
		sql = new pg.Client({ connectionString: url });
		await sql.connect();
		await b.refresh();
		expect((await b.round(round.id))!.responses.size).toBe(0);
		// Both listen again by themselves: a change on A reaches B without a request.
		await a.updateNetwork((d) => void (d.rounds[0].name = 'Weer bereikbaar'));
		await expect.poll(() => b.network().rounds[0].name, { timeout: 10_000 }).toBe('Weer bereikbaar');
	});

	it('knows a session made on one instance on the next request to the other', async () => {
		const a = await open();
		const b = await open();
		const tokenHash = 'b'.repeat(64);
		await a.updateSessions(
			(d) =>
				void d.sessions.push({
					tokenHash,
					userId: 'beheerder',
					createdAt: now,
					lastSeenAt: now,
					expiresAt: '2026-11-01T22:00:00.000Z',
					stage: 'full',
					pendingTotp: null
				})
		);
		await b.refresh();
		expect(b.sessions().sessions.map((s) => s.tokenHash)).toEqual([tokenHash]);
		await b.updateSessions((d) => void (d.sessions = []));
		await a.refresh();
		expect(a.sessions().sessions).toEqual([]);
	});

	it('serialises read-modify-write on one round across two instances (no lost update)', async () => {
		const a = await open();
		const b = await open();
		await addRound(a);
		await b.refresh();
		// Each change adds the response numbered after those it sees: a lost update would reuse a number.
		const bump = (store: PgStore) =>
			store.transactRound(round.id, (state) => {
				const n = state.responses.size + 1;
				return { ops: [{ t: 'response', v: response(n) }], result: n };
			});
		const results = await Promise.all(Array.from({ length: 100 }, (_, i) => bump(i % 2 ? a : b)));
		expect(new Set(results).size).toBe(100);
		expect((await a.round(round.id))!.responses.size).toBe(100);
		expect((await b.round(round.id))!.responses.size).toBe(100);
	});

	it('catches up from the change log, to the same state as a whole read, and forgets it when closing', async () => {
		const a = await open();
		const b = await open();
		await roundWithInvitations(a, 40);
		await b.round(round.id);
		const started = performance.now();
		for (let i = 1; i <= 40; i++) {
			const store = i % 2 ? a : b;
			await store.transactRound(round.id, () => ({
				ops: [
					{ t: 'response', v: response(i) },
					{ t: 'invitation', v: invitation(i, { responseId: `resp-${i}` }) }
				],
				result: null
			}));
		}
		const elapsed = performance.now() - started;
		const whole = await open();
		const expected = (await whole.round(round.id))!.toFile();
		expect((await a.round(round.id))!.toFile()).toEqual(expected);
		expect((await b.round(round.id))!.toFile()).toEqual(expected);
		expect((await sql.query(`SELECT count(*)::int AS n FROM round_changes`)).rows[0].n).toBe(41);
		console.log(`[pg] 40 wijzigingen om en om op twee instanties: ${Math.round(elapsed)} ms`);

		await a.transactRound(round.id, () => ({ ops: [{ t: 'cut-links' }], result: null }));
		const { rows } = await sql.query(`SELECT ops FROM round_changes`);
		expect(rows.map((r) => r.ops.map((op: { t: string }) => op.t))).toEqual([['cut-links', 'wave']]);
		expect((await b.round(round.id))!.hasLinks()).toBe(false);
		await a.compactRound(round.id);
		expect((await sql.query(`SELECT count(*)::int AS n FROM round_changes`)).rows[0].n).toBe(0);
		expect((await b.round(round.id))!.toFile()).toEqual((await a.round(round.id))!.toFile());
	});

	it('makes one response of the same first submission sent to both instances at once', async () => {
		const a = await open();
		const b = await open();
		await roundWithInvitations(a, 1);
		await b.refresh();
		const submit = (store: PgStore, i: number) =>
			store.transactRound(round.id, (state) => {
				if (state.invitations.get('inv-1')!.responseId) return { ops: [], result: 'existing' };
				return {
					ops: [
						{ t: 'response', v: response(100 + i) },
						{ t: 'invitation', v: invitation(1, { responseId: `resp-${100 + i}` }) }
					],
					result: 'created'
				};
			});
		const results = await Promise.all(Array.from({ length: 20 }, (_, i) => submit(i % 2 ? a : b, i)));
		expect(results.filter((r) => r === 'created')).toHaveLength(1);
		expect((await sql.query(`SELECT count(*)::int AS n FROM responses`)).rows[0].n).toBe(1);
	});

	it('publishes once when two instances publish at once', async () => {
		const a = await open();
		const b = await open();
		await addRound(a);
		const results = await Promise.allSettled([a.publish(round.id, published()), b.publish(round.id, published())]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
	});

	it('says so, in a StoreError, when the database cannot be reached', async () => {
		const gone = url.replace(/:\d+\//, ':1/');
		await expect(PgStore.open({ url: gone, dataDir: '/nonexistent', log: () => undefined })).rejects.toThrow(
			StoreError
		);
	});
});
