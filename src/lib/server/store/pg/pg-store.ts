import pg from 'pg';
import { StoreError, StoreUnavailableError } from '../errors';
import {
	commentsFileSchema,
	emptyNetworkFile,
	emptySessionsFile,
	journalEntrySchema,
	networkFileSchema,
	parseCommentsFile,
	parseNetworkFile,
	parsePublishedFile,
	publishedFileSchema,
	roundFileSchema,
	sessionsFileSchema,
	type CommentsFile,
	type NetworkFile,
	type PublishedFile,
	type RoundFileInput,
	type RoundOp,
	type SessionsFile
} from '../files';
import { RoundState } from '../round-state';
import type { MessageChange, MessagePick, Store } from '../store';
import { assertNewMessages, assertSameMessage } from '../message-pick';
import { outboxMessageSchema, type OutboxMessage } from '$lib/model/outbox';
import type { Log } from '../durable-file';
import { auditEntrySchema, type AuditEntry } from '$lib/model/audit';
import { migrateDatabase } from './schema';
import { NamedQueues } from '../write-queue';
import {
	deleteRoundRows,
	insertRoundFile,
	loadRoundFile,
	lockPickedMessages,
	messagesChangedSince,
	writeDeliveries,
	writeOp
} from './round-rows';
import { loadSessions, writeSessionsDiff } from './session-rows';

export type PgStoreOptions = {
	/** postgres:// or postgresql:// URL of the database. */
	url: string;
	/** DATA_DIR: only named in messages; the data itself is in the database. */
	dataDir: string;
	log?: Log;
	/** Connections this process keeps to the database at most. */
	poolSize?: number;
};

const CHANNEL = 'alliantiemonitor_store';
/** The connection that waits for other instances' NOTIFY, by name in pg_stat_activity. */
export const LISTENER_NAME = 'alliantiemonitor-listen';
const ROUND_ID = /^[a-z0-9][a-z0-9-]*$/;
type Db = pg.PoolClient;

/** Changes kept for other instances to catch up from; one further behind reads the round whole. */
const CHANGES_KEPT = 1000;
/** Ops that remove what no row version may keep (links, profiles, comments, an erased person). */
const FORGETTING = new Set<RoundOp['t']>([
	'cut-links',
	'minimise',
	'drop-comments',
	'delete-invitation',
	'delete-response'
]);
const FORGETTING_TABLES = [
	'round_changes',
	'invitations',
	'invitation_responses',
	'invitation_declines',
	'outbox_messages',
	'responses'
] as const;
type Versioned<T> = { version: number; value: T };
/** Where a copy of a round stands: its version (round transactions) and its outbox clock (deliveries). */
type RoundAt = { version: number; clock: number };
type CachedRound = RoundAt & { state: RoundState };

/**
 * An error of the database or the connection (not of the caller's change): a StoreError, or for
 * a read a StoreUnavailableError (nothing changed; worth trying again).
 */
function storeFailure(e: unknown, what: string, read = false): unknown {
	if (e instanceof StoreError) return e;
	const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
	const fromDatabase = e instanceof pg.DatabaseError || /^E[A-Z]+$/.test(code);
	if (!fromDatabase) return e;
	const message = `${what} in de database mislukt (${code ? `${code}: ` : ''}${(e as Error).message}).`;
	return read ? new StoreUnavailableError(message, { cause: e }) : new StoreError(message, { cause: e });
}

/** Runs a read; a failure of the database becomes a StoreUnavailableError. */
async function reading<R>(what: string, read: () => Promise<R>): Promise<R> {
	try {
		return await read();
	} catch (e) {
		throw storeFailure(e, what, true);
	}
}

export const isUniqueViolation = (e: unknown) =>
	(e instanceof StoreError ? e.cause : e) instanceof pg.DatabaseError &&
	((e instanceof StoreError ? e.cause : e) as pg.DatabaseError).code === '23505';

/**
 * The store on PostgreSQL, for several app instances on one database. Every read-modify-write
 * runs in one transaction that first locks the row it changes (`SELECT … FOR UPDATE`): the
 * network document, the sessions' version row or the round's row. Each instance keeps a copy
 * of the network, the sessions and the rounds it read; a version column tells it whether its
 * copy is still the latest. `refresh()` (called at the start of every request) and a NOTIFY
 * from the instance that wrote bring the network and sessions up to date; a round's version is
 * checked on every read of it.
 */
export class PgStore implements Store {
	readonly dataDir: string;
	/** Other instances may use the same database at any moment. */
	readonly shared = true;
	#url: string;
	#log: Log;
	#pool: pg.Pool;
	#listener: pg.Client | null = null;
	#relisten: NodeJS.Timeout | null = null;
	#listenerPid = 0;
	#network: Versioned<NetworkFile> = { version: -1, value: emptyNetworkFile() };
	#sessions: Versioned<SessionsFile> = { version: -1, value: emptySessionsFile() };
	#rounds = new Map<string, CachedRound>();
	/** Changes of one round in this process run one after the other (the row lock does so across processes). */
	#roundQueues = new NamedQueues();
	#published = new Map<string, PublishedFile>();
	#refreshing: Promise<void> | null = null;
	/** Tasks of one name in this process wait here, so that each holds at most one connection. */
	#exclusive = new NamedQueues();
	#inFlight = new Set<Promise<unknown>>();
	#closed = false;

	private constructor(options: PgStoreOptions) {
		this.dataDir = options.dataDir;
		this.#url = options.url;
		this.#log = options.log ?? console.error;
		this.#pool = new pg.Pool({
			connectionString: options.url,
			max: options.poolSize ?? 10,
			application_name: 'alliantiemonitor'
		});
		// An idle connection that the server drops must not end the process; the next query reconnects.
		this.#pool.on('error', (e) => this.#log(`[opslag] databaseverbinding verbroken: ${e.message}`));
	}

	static async open(options: PgStoreOptions): Promise<PgStore> {
		const store = new PgStore(options);
		try {
			await migrateDatabase(store.#pool);
			await store.#pool.query(
				`INSERT INTO shared_state (name, body) VALUES ('network', $1::jsonb), ('sessions', NULL)
				 ON CONFLICT (name) DO NOTHING`,
				[JSON.stringify(emptyNetworkFile())]
			);
			await store.refresh();
			await store.#listen();
		} catch (e) {
			await store.#pool.end().catch(() => undefined);
			await store.#listener?.end().catch(() => undefined);
			const failure = storeFailure(e, 'Openen van de opslag');
			throw failure instanceof StoreError
				? failure
				: new StoreError(`De database is niet te gebruiken: ${(e as Error).message}`, { cause: e });
		}
		return store;
	}

	/** Another instance's change arrives as a NOTIFY; the refresh reads what changed. */
	async #listen() {
		const client = new pg.Client({ connectionString: this.#url, application_name: LISTENER_NAME });
		client.on('notification', () => void this.refresh().catch((e) => this.#log(`[opslag] bijwerken mislukt: ${e}`)));
		client.on('error', (e) => {
			this.#log(`[opslag] luisterverbinding verbroken (${e.message}); opnieuw verbinden`);
			this.#listener = null;
			client.end().catch(() => undefined);
			this.#listenAgain(1000);
		});
		try {
			await client.connect();
			await client.query(`LISTEN ${CHANNEL}`);
			this.#listenerPid = Number((await client.query(`SELECT pg_backend_pid() AS pid`)).rows[0].pid);
		} catch (e) {
			client.end().catch(() => undefined);
			throw e;
		}
		this.#listener = client;
		// What changed while nobody listened (at start open() has just read it, and reports its failure).
		await this.refresh().catch((e) => this.#log(`[opslag] bijwerken mislukt: ${(e as Error).message}`));
	}

	/** Tries to listen again after `ms`, and keeps trying (up to every 30 s) while the database is away. */
	#listenAgain(ms: number) {
		if (this.#closed || this.#relisten) return;
		this.#relisten = setTimeout(() => {
			this.#relisten = null;
			if (this.#closed || this.#listener) return;
			const next = Math.min(ms * 2, 30_000);
			this.#listen().catch((e) => {
				this.#log(`[opslag] opnieuw luisteren mislukt (${(e as Error).message}); over ${next / 1000} s weer`);
				this.#listenAgain(next);
			});
		}, ms);
		this.#relisten.unref();
	}

	/**
	 * How many other processes have this database open now (app instances, commands): each keeps
	 * one connection that listens, named LISTENER_NAME. For the commands that need the servers
	 * stopped, as the JSON store's folder lock makes sure of.
	 */
	async otherProcesses(): Promise<number> {
		const { rows } = await reading('Nagaan welke instanties draaien', () =>
			this.#pool.query(
				`SELECT count(*)::int AS n FROM pg_stat_activity
				 WHERE datname = current_database() AND application_name = $1 AND pid <> $2`,
				[LISTENER_NAME, this.#listenerPid]
			)
		);
		return rows[0].n;
	}

	network(): Readonly<NetworkFile> {
		return this.#network.value;
	}

	sessions(): Readonly<SessionsFile> {
		return this.#sessions.value;
	}

	refresh(): Promise<void> {
		this.#refreshing ??= reading('Lezen van netwerk en sessies', async () => {
			try {
				const { rows } = await this.#pool.query(`SELECT name, version FROM shared_state`);
				for (const row of rows) {
					const version = Number(row.version);
					if (row.name === 'network' && version > this.#network.version) await this.#readNetwork(this.#pool);
					if (row.name === 'sessions' && version > this.#sessions.version) await this.#readSessions(this.#pool);
				}
			} finally {
				this.#refreshing = null;
			}
		});
		return this.#refreshing;
	}

	async #readNetwork(db: Db | pg.Pool, lock = false): Promise<Versioned<NetworkFile>> {
		const { rows } = await db.query(
			`SELECT version, body FROM shared_state WHERE name = 'network'${lock ? ' FOR UPDATE' : ''}`
		);
		const version = Number(rows[0].version);
		if (version === this.#network.version) return this.#network;
		const read = { version, value: parseNetworkFile(rows[0].body) };
		if (version > this.#network.version) this.#network = read;
		return read;
	}

	async #readSessions(db: Db | pg.Pool, lock = false): Promise<Versioned<SessionsFile>> {
		if (lock) return this.#readSessionsIn(db, ' FOR UPDATE');
		// Version and rows from one snapshot, so a change in between cannot be missed.
		const client = await this.#pool.connect();
		try {
			await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
			const read = await this.#readSessionsIn(client, '');
			await client.query('COMMIT');
			return read;
		} catch (e) {
			await client.query('ROLLBACK').catch(() => undefined);
			throw e;
		} finally {
			client.release();
		}
	}

	async #readSessionsIn(db: Db | pg.Pool, lock: string): Promise<Versioned<SessionsFile>> {
		const { rows } = await db.query(`SELECT version FROM shared_state WHERE name = 'sessions'${lock}`);
		const version = Number(rows[0].version);
		if (version === this.#sessions.version) return this.#sessions;
		const read = { version, value: await loadSessions(db) };
		if (version > this.#sessions.version) this.#sessions = read;
		return read;
	}

	updateNetwork<R>(change: (draft: NetworkFile) => R): Promise<R> {
		return this.#write('Opslaan van het netwerk', async (db) => {
			const current = await this.#readNetwork(db, true);
			const draft = structuredClone(current.value);
			const result = change(draft);
			const next = networkFileSchema.parse(draft);
			const version = current.version + 1;
			await db.query(`UPDATE shared_state SET version = $1, body = $2::jsonb WHERE name = 'network'`, [
				version,
				JSON.stringify(next)
			]);
			await db.query(`SELECT pg_notify($1, 'network')`, [CHANNEL]);
			return { result, after: () => this.#keep('network', { version, value: next }) };
		});
	}

	updateSessions<R>(change: (draft: SessionsFile) => R): Promise<R> {
		return this.#write('Opslaan van de sessies', async (db) => {
			const current = await this.#readSessions(db, true);
			const draft = structuredClone(current.value);
			const result = change(draft);
			const next = sessionsFileSchema.parse(draft);
			await writeSessionsDiff(db, current.value, next);
			const version = current.version + 1;
			await db.query(`UPDATE shared_state SET version = $1 WHERE name = 'sessions'`, [version]);
			await db.query(`SELECT pg_notify($1, 'sessions')`, [CHANNEL]);
			return { result, after: () => this.#keep('sessions', { version, value: next }) };
		});
	}

	#keep(which: 'network' | 'sessions', read: Versioned<NetworkFile> | Versioned<SessionsFile>) {
		if (which === 'network' && read.version > this.#network.version) this.#network = read as Versioned<NetworkFile>;
		if (which === 'sessions' && read.version > this.#sessions.version) this.#sessions = read as Versioned<SessionsFile>;
	}

	/**
	 * One transaction: `work` writes and returns its result plus what to do once committed.
	 * Failures of the database become StoreErrors; the caller's own errors pass unchanged.
	 */
	#write<R>(what: string, work: (db: Db) => Promise<{ result: R; after?: () => void }>): Promise<R> {
		this.#assertOpen();
		const running = (async () => {
			let db: Db;
			try {
				db = await this.#pool.connect();
			} catch (e) {
				throw storeFailure(e, what);
			}
			try {
				await db.query('BEGIN');
				const { result, after } = await work(db);
				await db.query('COMMIT');
				after?.();
				return result;
			} catch (e) {
				await db.query('ROLLBACK').catch(() => undefined);
				throw storeFailure(e, what);
			} finally {
				db.release();
			}
		})();
		this.#inFlight.add(running);
		void running.finally(() => this.#inFlight.delete(running)).catch(() => undefined);
		return running;
	}

	/** Whether the network has the round; asks the database again before saying no. */
	async #hasRound(roundId: string): Promise<boolean> {
		if (this.#network.value.rounds.some((r) => r.id === roundId)) return true;
		await this.refresh();
		return this.#network.value.rounds.some((r) => r.id === roundId);
	}

	/** Runs `task` after the round's earlier tasks in this process. */
	#queued<R>(roundId: string, task: () => Promise<R>): Promise<R> {
		return this.#roundQueues.run(roundId, task);
	}

	round(roundId: string): Promise<RoundState | null> {
		return reading(`Lezen van ronde ${roundId}`, () => this.#readRound(roundId));
	}

	async #readRound(roundId: string): Promise<RoundState | null> {
		if (!(await this.#hasRound(roundId))) return null;
		const cached = this.#rounds.get(roundId);
		if (cached && sameAt(cached, await this.#roundAt(this.#pool, roundId))) return cached.state;
		// Behind (or not read yet): caught up in the round's queue, so that no change of this
		// process is being applied to the same copy meanwhile.
		return this.#queued(roundId, async () => {
			const client = await this.#pool.connect();
			try {
				await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
				const latest = await this.#latest(client, roundId, await this.#roundAt(client, roundId));
				await client.query('COMMIT');
				this.#keepRound(roundId, latest);
				return latest.state;
			} catch (e) {
				await client.query('ROLLBACK').catch(() => undefined);
				throw e;
			} finally {
				client.release();
			}
		});
	}

	/** The round's version and outbox clock, in one statement (so from one snapshot). */
	async #roundAt(db: Db | pg.Pool, roundId: string, lock = false): Promise<RoundAt> {
		const { rows } = await db.query(
			`SELECT r.version, coalesce(c.version, 0) AS clock
			 FROM rounds r LEFT JOIN outbox_clocks c ON c.round_id = r.round_id
			 WHERE r.round_id = $1${lock ? ' FOR UPDATE OF r' : ''}`,
			[roundId]
		);
		return rows.length ? { version: Number(rows[0].version), clock: Number(rows[0].clock) } : { version: 0, clock: 0 };
	}

	/**
	 * The round as of `at`: this process's copy when it stands there, the copy brought up to date
	 * from `round_changes` when those hold every change since, else read whole; then the messages
	 * whose delivery changed since the copy's clock. A round transaction never changes a message
	 * that exists, so the rows read last are never older than what the changes replayed. Only in
	 * the round's queue.
	 */
	async #latest(db: Db, roundId: string, at: RoundAt): Promise<CachedRound> {
		let base = this.#rounds.get(roundId);
		if (base && sameAt(base, at)) return base;
		if (base && base.version < at.version) {
			const from = base.version;
			const { rows } = await db.query(
				`SELECT version, ops FROM round_changes WHERE round_id = $1 AND version > $2 ORDER BY version`,
				[roundId, from]
			);
			const complete = rows.length === at.version - from && rows.every((r, i) => Number(r.version) === from + i + 1);
			if (complete) {
				this.#rounds.delete(roundId);
				for (const r of rows) for (const op of journalEntrySchema.parse(r.ops)) base.state.apply(op);
				base = { ...base, version: at.version };
			} else base = undefined;
		} else if (base && base.version > at.version) base = undefined;
		if (!base) return { ...at, state: new RoundState(roundId, await loadRoundFile(db, roundId)) };
		if (base.clock !== at.clock) {
			this.#rounds.delete(roundId);
			for (const m of await messagesChangedSince(db, roundId, base.clock)) base.state.apply({ t: 'message', v: m });
		}
		return { ...at, state: base.state };
	}

	#keepRound(roundId: string, at: CachedRound) {
		const cached = this.#rounds.get(roundId);
		if (!cached || (cached.version <= at.version && cached.clock <= at.clock)) this.#rounds.set(roundId, at);
	}

	/** Locks the round's row (making it on first use) and gives its state as the rows hold it. */
	async #lockRound(db: Db, roundId: string): Promise<CachedRound> {
		await db.query(`INSERT INTO rounds (round_id) VALUES ($1) ON CONFLICT (round_id) DO NOTHING`, [roundId]);
		return this.#latest(db, roundId, await this.#roundAt(db, roundId, true));
	}

	async transactRound<R>(roundId: string, decide: (state: RoundState) => { ops: RoundOp[]; result: R }): Promise<R> {
		this.#assertOpen();
		if (!(await this.#hasRound(roundId))) throw new StoreError(`Onbekende ronde ${roundId}.`);
		let forgot = false;
		const result = await this.#queued(roundId, () =>
			this.#write(`Opslaan in ronde ${roundId}`, async (db) => {
				const locked = await this.#lockRound(db, roundId);
				const { state } = locked;
				const { ops, result } = decide(state);
				if (ops.length === 0) return { result, after: () => this.#keepRound(roundId, locked) };
				assertNewMessages(state, ops);
				const entry = journalEntrySchema.parse(ops);
				forgot = entry.some((op) => FORGETTING.has(op.t));
				const next = await this.#writeChange(db, locked, entry, forgot);
				return { result, after: () => this.#keepRound(roundId, { ...locked, version: next }) };
			})
		);
		// What closing or an erasure removed must not stay readable in dead row versions either.
		if (forgot) await this.#vacuum(FORGETTING_TABLES);
		return result;
	}

	/**
	 * Each message picked is locked on its own row, never the round's: the sender's claim takes
	 * the oldest claimable message that no other transaction holds (`FOR UPDATE SKIP LOCKED`), so
	 * two instances claiming at once get two messages and neither waits. The change then counts
	 * on the round's outbox clock (locked last, by every writer of messages, so no two orders
	 * deadlock) and is not a change of the round: submissions do not wait for it either. This
	 * process's copy of the round catches up on its next read.
	 */
	async updateMessages<R>(roundId: string, pick: MessagePick, change: MessageChange<R>): Promise<R[]> {
		this.#assertOpen();
		const round = await this.round(roundId);
		if (!round) throw new StoreError(`Onbekende ronde ${roundId}.`);
		return this.#write(`Bijwerken van e-mail in ronde ${roundId}`, async (db) => {
			const written: OutboxMessage[] = [];
			const results = (await lockPickedMessages(db, roundId, pick)).map((m) => {
				const { next, result } = change(m, round);
				if (next) {
					assertSameMessage(m, next);
					written.push(outboxMessageSchema.parse(next));
				}
				return result;
			});
			await writeDeliveries(db, roundId, written);
			return { result: results };
		});
	}

	/**
	 * Writes a change of the locked round as its next version, and logs it for other instances.
	 * writeOp changes the state as it goes: this process's copy is dropped first, so a failed
	 * transaction leaves none half-changed. Resolves to the new version.
	 */
	async #writeChange(db: Db, locked: CachedRound, entry: RoundOp[], forget: boolean): Promise<number> {
		const { roundId } = locked.state;
		this.#rounds.delete(roundId);
		const replay: RoundOp[] = [];
		for (const op of entry) replay.push(...(await writeOp(db, locked.state, op)));
		const next = locked.version + 1;
		await db.query(`UPDATE rounds SET version = $2 WHERE round_id = $1`, [roundId, next]);
		await this.#logChange(db, roundId, next, replay, forget);
		return next;
	}

	/**
	 * Other instances catch up from the last changes rather than reading the whole round again.
	 * The log is short, and a change that must forget (closing, erasure) empties it: it would
	 * hold the links, profiles and comments that change removed.
	 */
	async #logChange(db: Db, roundId: string, version: number, entry: RoundOp[], forget: boolean) {
		if (forget) await db.query(`DELETE FROM round_changes WHERE round_id = $1`, [roundId]);
		else
			await db.query(`DELETE FROM round_changes WHERE round_id = $1 AND version <= $2`, [
				roundId,
				version - CHANGES_KEPT
			]);
		await db.query(`INSERT INTO round_changes (round_id, version, ops) VALUES ($1, $2, $3::jsonb)`, [
			roundId,
			version,
			JSON.stringify(entry)
		]);
	}

	async #vacuum(tables: readonly string[]) {
		try {
			await this.#pool.query(`VACUUM ${tables.join(', ')}`);
		} catch (e) {
			this.#log(`[opslag] VACUUM van ${tables.join(', ')} mislukt: ${(e as Error).message}`);
		}
	}

	async replaceRound(roundId: string, file: RoundFileInput): Promise<void> {
		this.#assertOpen();
		if (!ROUND_ID.test(roundId)) throw new StoreError(`Ongeldige ronde-id ${roundId}.`);
		const parsed = roundFileSchema.parse(file);
		await this.#queued(roundId, () =>
			this.#write(`Vervangen van ronde ${roundId}`, async (db) => {
				await db.query(`INSERT INTO rounds (round_id) VALUES ($1) ON CONFLICT (round_id) DO NOTHING`, [roundId]);
				const at = await this.#roundAt(db, roundId, true);
				this.#rounds.delete(roundId);
				await deleteRoundRows(db, roundId);
				await insertRoundFile(db, { ...parsed, roundId });
				await db.query(`UPDATE rounds SET version = $2 WHERE round_id = $1`, [roundId, at.version + 1]);
				// Nothing to catch up from: other instances read the new round whole.
				await db.query(`DELETE FROM round_changes WHERE round_id = $1`, [roundId]);
				const next = { version: at.version + 1, clock: at.clock, state: new RoundState(roundId, parsed) };
				return { result: undefined, after: () => this.#keepRound(roundId, next) };
			})
		);
	}

	/**
	 * What folding the journal means here: the change log forgets the round's earlier changes
	 * (closing and erasure call this so that nothing still holds what they removed).
	 */
	async compactRound(roundId: string): Promise<void> {
		await this.#queued(roundId, () =>
			this.#write(`Opruimen van ronde ${roundId}`, async (db) => {
				await db.query(`DELETE FROM round_changes WHERE round_id = $1`, [roundId]);
				return { result: undefined };
			})
		);
		await this.#vacuum(['round_changes']);
	}

	async publishedSnapshot(roundId: string): Promise<PublishedFile | null> {
		if (!(await this.#hasRound(roundId))) return null;
		const cached = this.#published.get(roundId);
		if (cached) return cached;
		const { rows } = await reading(`Lezen van de uitkomsten van ronde ${roundId}`, () =>
			this.#pool.query(`SELECT body FROM published WHERE round_id = $1`, [roundId])
		);
		if (rows.length === 0) return null;
		const file = parsePublishedFile(rows[0].body);
		this.#published.set(roundId, file);
		return file;
	}

	async publish(roundId: string, file: PublishedFile): Promise<boolean> {
		this.#assertOpen();
		if (!(await this.#hasRound(roundId))) throw new StoreError(`Onbekende ronde ${roundId}.`);
		const parsed = publishedFileSchema.parse(file);
		if (parsed.roundId !== roundId)
			throw new StoreError(`Gepubliceerde set hoort bij ${parsed.roundId}, niet ${roundId}.`);
		let cut = false;
		try {
			// The set and the end of every invitation's link in one transaction: no moment, and no
			// state a crash can leave, in which results are published while the links still exist.
			await this.#queued(roundId, () =>
				this.#write(`Publiceren van ronde ${roundId}`, async (db) => {
					const locked = await this.#lockRound(db, roundId);
					const { state } = locked;
					await db.query(`INSERT INTO published (round_id, body) VALUES ($1, $2::jsonb)`, [
						roundId,
						JSON.stringify(parsed)
					]);
					cut = state.hasLinks();
					if (!cut)
						return {
							result: undefined,
							after: () => {
								this.#published.set(roundId, parsed);
								this.#keepRound(roundId, locked);
							}
						};
					const next = await this.#writeChange(db, locked, [{ t: 'cut-links' }], true);
					return {
						result: undefined,
						after: () => {
							this.#published.set(roundId, parsed);
							this.#keepRound(roundId, { ...locked, version: next });
						}
					};
				})
			);
		} catch (e) {
			if (isUniqueViolation(e))
				throw new StoreError(`Ronde ${roundId} is al gepubliceerd; een gepubliceerde set wordt nooit overschreven.`);
			throw e;
		}
		if (cut) await this.#vacuum(FORGETTING_TABLES);
		return cut;
	}

	async commentReview(roundId: string): Promise<CommentsFile | null> {
		if (!(await this.#hasRound(roundId))) return null;
		const { rows } = await reading(`Lezen van de toelichtingen van ronde ${roundId}`, () =>
			this.#pool.query(`SELECT body FROM comment_reviews WHERE round_id = $1`, [roundId])
		);
		return rows.length ? parseCommentsFile(rows[0].body) : null;
	}

	async updateCommentReview<R>(
		roundId: string,
		change: (current: CommentsFile | null) => { next: CommentsFile | null; result: R }
	): Promise<R> {
		this.#assertOpen();
		if (!(await this.#hasRound(roundId))) throw new StoreError(`Onbekende ronde ${roundId}.`);
		let written = false;
		const result = await this.#write(`Opslaan van de toelichtingen van ronde ${roundId}`, async (db) => {
			// The row may not exist yet, so the lock is on the round's id rather than on a row.
			await db.query(`SELECT pg_advisory_xact_lock(hashtext('comment_reviews'), hashtext($1))`, [roundId]);
			const { rows } = await db.query(`SELECT body FROM comment_reviews WHERE round_id = $1`, [roundId]);
			const current = rows.length ? parseCommentsFile(rows[0].body) : null;
			const { next, result } = change(current);
			if (next === null) return { result };
			const parsed = commentsFileSchema.parse(next);
			if (parsed.roundId !== roundId)
				throw new StoreError(`Toelichtingen horen bij ${parsed.roundId}, niet ${roundId}.`);
			await db.query(
				`INSERT INTO comment_reviews (round_id, body) VALUES ($1, $2::jsonb)
				 ON CONFLICT (round_id) DO UPDATE SET body = excluded.body`,
				[roundId, JSON.stringify(parsed)]
			);
			written = true;
			return { result };
		});
		// A redaction must not stay behind in the old row version.
		if (written) await this.#vacuum(['comment_reviews']);
		return result;
	}

	async appendAudit(entries: AuditEntry[]): Promise<void> {
		const parsed = entries.map((e) => auditEntrySchema.parse(e));
		if (parsed.length === 0) return;
		await this.#write('Schrijven in het logboek', async (db) => {
			await db.query(
				`INSERT INTO audit_log (body)
				 SELECT e FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n`,
				[JSON.stringify(parsed)]
			);
			return { result: undefined };
		});
	}

	async readAudit(): Promise<readonly AuditEntry[]> {
		const { rows } = await reading('Lezen van het logboek', () =>
			this.#pool.query(`SELECT body FROM audit_log ORDER BY seq`)
		);
		return rows.map((r) => auditEntrySchema.parse(r.body));
	}

	/**
	 * A session-level advisory lock on a connection of its own, held for the whole task: other
	 * instances wait on it, and it goes with the session if this process dies. The task's own
	 * queries use other connections; the lock is not tied to a transaction.
	 */
	exclusive<R>(name: string, task: () => Promise<R>): Promise<R> {
		this.#assertOpen();
		return this.#exclusive.run(name, async () => {
			let db: Db;
			try {
				db = await this.#pool.connect();
			} catch (e) {
				throw storeFailure(e, `Vergrendelen (${name})`);
			}
			// A checked-out connection that the server drops emits an error nobody else handles.
			const dropped = (e: Error) => this.#log(`[opslag] verbinding met het slot ${name} verbroken: ${e.message}`);
			db.on('error', dropped);
			try {
				await db.query(`SELECT pg_advisory_lock(hashtext('exclusive'), hashtext($1))`, [name]);
			} catch (e) {
				db.off('error', dropped);
				db.release(e as Error);
				throw storeFailure(e, `Vergrendelen (${name})`);
			}
			try {
				return await task();
			} finally {
				await db.query(`SELECT pg_advisory_unlock(hashtext('exclusive'), hashtext($1))`, [name]).then(
					() => db.release(),
					// A connection that cannot unlock is closed: its lock goes with it.
					(e: Error) => db.release(e)
				);
				db.off('error', dropped);
			}
		});
	}

	#assertOpen() {
		if (this.#closed) throw new StoreError('De opslag is gesloten.');
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		if (this.#relisten) clearTimeout(this.#relisten);
		await Promise.allSettled([...this.#inFlight]);
		await this.#listener?.end().catch(() => undefined);
		this.#listener = null;
		await this.#pool.end();
		this.#rounds.clear();
	}
}

const sameAt = (a: RoundAt, b: RoundAt) => a.version === b.version && a.clock === b.clock;
