import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DurableJsonFile, removeLeftoverTemps, type Log } from './durable-file';
import { Journal } from './journal';
import { acquireLock } from './lock';
import { NamedQueues, WriteQueue } from './write-queue';
import { RoundState } from './round-state';
import { StoreError } from './errors';
import {
	commentsFileSchema,
	emptyNetworkFile,
	emptySessionsFile,
	journalEntrySchema,
	networkFileSchema,
	publishedFileSchema,
	parseNetworkFile,
	parseCommentsFile,
	parsePublishedFile,
	parseRoundFile,
	parseSessionsFile,
	roundFileSchema,
	roundOpSchema,
	sessionsFileSchema,
	type CommentsFile,
	type JournalEntry,
	type NetworkFile,
	type PublishedFile,
	type RoundFile,
	type RoundFileInput,
	type RoundOp,
	type SessionsFile
} from './files';
import { SCHEMA_VERSION } from '$lib/model/ids';
import type { MessageChange, MessagePick, Store } from './store';
import { assertNewMessages, assertSameMessage, pickMessages } from './message-pick';
import { auditEntrySchema, type AuditEntry } from '$lib/model/audit';

export type JsonStoreOptions = {
	dataDir: string;
	log?: Log;
	/**
	 * Journal lines after which a round is folded into its snapshot, at the least. A large round
	 * waits until its journal is as big as its snapshot, so the cost of compaction (rewriting the
	 * snapshot) stays proportional to the writes it absorbs.
	 */
	compactAfter?: number;
};

type Pending = { entry: JournalEntry; resolve: () => void; reject: (e: unknown) => void };

type LoadedRound = {
	state: RoundState;
	snapshot: Low<RoundFile>;
	journal: Journal<JournalEntry>;
	pending: Pending[];
	flushScheduled: boolean;
	/** Bytes of the snapshot file as last written or read. */
	snapshotSize: number;
};

const ROUND_ID = /^[a-z0-9][a-z0-9-]*$/;

const fileSize = (path: string) =>
	stat(path).then(
		(s) => s.size,
		() => 0
	);

/** The embedded store: lowdb files with a durable adapter, plus one journal per round. */
export class JsonStore implements Store {
	readonly dataDir: string;
	/** The folder's lock (lock.ts) keeps every other process out. */
	readonly shared = false;
	#exclusive = new NamedQueues();
	#log: Log;
	#compactAfter: number;
	#queue = new WriteQueue();
	#network: Low<NetworkFile>;
	#sessions: Low<SessionsFile>;
	#rounds = new Map<string, Promise<LoadedRound>>();
	/** Published sets are written once and never change, so each is read and parsed once. */
	#published = new Map<string, PublishedFile>();
	/** Review files as last read or written (small; read on every dashboard view and each minute's closing check). */
	#reviews = new Map<string, Promise<CommentsFile | null>>();
	#audit: Promise<{ journal: Journal<AuditEntry>; entries: AuditEntry[] }> | null = null;
	#release: () => void;
	#closed = false;

	private constructor(options: JsonStoreOptions, release: () => void) {
		this.dataDir = options.dataDir;
		this.#log = options.log ?? console.error;
		this.#compactAfter = options.compactAfter ?? 2000;
		this.#release = release;
		this.#network = new Low(
			new DurableJsonFile(join(this.dataDir, 'network.json'), parseNetworkFile, this.#log),
			emptyNetworkFile()
		);
		this.#sessions = new Low(
			new DurableJsonFile(join(this.dataDir, 'sessions.json'), parseSessionsFile, this.#log),
			emptySessionsFile()
		);
	}

	static async open(options: JsonStoreOptions): Promise<JsonStore> {
		await mkdir(join(options.dataDir, 'rounds'), { recursive: true });
		const release = acquireLock(options.dataDir, options.log);
		const store = new JsonStore(options, release);
		try {
			const left = [
				...(await removeLeftoverTemps(options.dataDir)),
				...(await removeLeftoverTemps(join(options.dataDir, 'rounds')))
			];
			if (left.length)
				store.#log(
					`[opslag] ${left.length === 1 ? 'Eén tijdelijk bestand' : `${left.length} tijdelijke bestanden`} van ` +
						`een onderbroken schrijfactie verwijderd (${left.join(', ')}); er ontbreekt niets.`
				);
			await store.#network.read();
			await store.#sessions.read();
		} catch (e) {
			release();
			throw e;
		}
		return store;
	}

	network(): Readonly<NetworkFile> {
		return this.#network.data;
	}

	sessions(): Readonly<SessionsFile> {
		return this.#sessions.data;
	}

	/** The folder's lock makes this process its only writer: memory is always the latest. */
	async refresh(): Promise<void> {}

	updateNetwork<R>(change: (draft: NetworkFile) => R): Promise<R> {
		return this.#updateWhole(this.#network, networkFileSchema, change);
	}

	updateSessions<R>(change: (draft: SessionsFile) => R): Promise<R> {
		return this.#updateWhole(this.#sessions, sessionsFileSchema, change);
	}

	#updateWhole<T, R>(db: Low<T>, schema: { parse(v: unknown): T }, change: (draft: T) => R): Promise<R> {
		this.#assertOpen();
		return this.#queue.run(async () => {
			const draft = structuredClone(db.data);
			const result = change(draft);
			// Validate before writing: an invalid object never reaches the disk.
			const next = schema.parse(draft);
			await db.adapter.write(next);
			db.data = next;
			return result;
		});
	}

	async round(roundId: string): Promise<RoundState | null> {
		if (!this.#hasRound(roundId)) return null;
		return (await this.#loadRound(roundId)).state;
	}

	transactRound<R>(roundId: string, decide: (state: RoundState) => { ops: RoundOp[]; result: R }): Promise<R> {
		return this.#transact(roundId, (state) => {
			const decided = decide(state);
			assertNewMessages(state, decided.ops);
			return decided;
		});
	}

	/** Messages change in the round's journal like everything else: this process is its only writer. */
	updateMessages<R>(roundId: string, pick: MessagePick, change: MessageChange<R>): Promise<R[]> {
		return this.#transact(roundId, (state) => {
			const ops: RoundOp[] = [];
			const result = pickMessages(state.outbox.values(), pick).map((m) => {
				const { next, result } = change(m, state);
				if (next) {
					assertSameMessage(m, next);
					ops.push({ t: 'message', v: next });
				}
				return result;
			});
			return { ops, result };
		});
	}

	async #transact<R>(roundId: string, decide: (state: RoundState) => { ops: RoundOp[]; result: R }): Promise<R> {
		this.#assertOpen();
		if (!this.#hasRound(roundId)) throw new StoreError(`Onbekende ronde ${roundId}.`);
		const loaded = await this.#loadRound(roundId);
		// From here to the push nothing awaits, so decisions on one round never interleave.
		const { ops, result } = decide(loaded.state);
		if (ops.length === 0) return result;
		const entry = journalEntrySchema.parse(ops);
		for (const op of entry) loaded.state.apply(op);
		await new Promise<void>((resolve, reject) => {
			loaded.pending.push({ entry, resolve, reject });
			this.#scheduleFlush(roundId, loaded);
		});
		return result;
	}

	#scheduleFlush(roundId: string, loaded: LoadedRound) {
		if (loaded.flushScheduled) return;
		loaded.flushScheduled = true;
		void this.#queue.run(async () => {
			loaded.flushScheduled = false;
			const batch = loaded.pending.splice(0);
			if (batch.length === 0) return;
			try {
				await loaded.journal.append(batch.map((p) => p.entry));
			} catch (e) {
				// Memory already holds these ops (and maybe later ones built on them): fail them all
				// and reload the round from what is really on disk.
				const later = loaded.pending.splice(0);
				for (const p of [...batch, ...later]) p.reject(e);
				this.#log(`[opslag] schrijven van ronde ${roundId} mislukt: ${(e as Error).message}`);
				this.#rounds.delete(roundId);
				return;
			}
			for (const p of batch) p.resolve();
			if (
				loaded.pending.length === 0 &&
				loaded.journal.lines >= this.#compactAfter &&
				loaded.journal.size >= loaded.snapshotSize
			)
				await this.#compact(loaded).catch((e) =>
					this.#log(`[opslag] compacteren van ronde ${roundId} mislukt (journaal blijft geldig): ${e}`)
				);
		});
	}

	async #compact(loaded: LoadedRound) {
		// Snapshot first, then empty the journal: a crash in between replays ops that are
		// already in the snapshot, which changes nothing.
		const file = loaded.state.toFile();
		await loaded.snapshot.adapter.write(file);
		await loaded.journal.clear();
		loaded.snapshotSize = await fileSize(this.#snapshotFile(loaded.state.roundId).path);
	}

	compactRound(roundId: string): Promise<void> {
		this.#assertOpen();
		return this.#queue.run(async () => {
			const loaded = this.#rounds.get(roundId);
			if (!loaded) return;
			const l = await loaded;
			if (l.pending.length === 0) await this.#compact(l);
		});
	}

	async replaceRound(roundId: string, file: RoundFileInput): Promise<void> {
		this.#assertOpen();
		if (!ROUND_ID.test(roundId)) throw new StoreError(`Ongeldige ronde-id ${roundId}.`);
		const parsed = roundFileSchema.parse(file);
		this.#published.delete(roundId);
		this.#reviews.delete(roundId);
		await this.#queue.run(async () => {
			const existing = this.#rounds.get(roundId);
			if (existing) {
				const l = await existing;
				if (l.pending.length) throw new StoreError(`Ronde ${roundId} heeft lopende schrijfacties.`);
				await l.snapshot.adapter.write(parsed);
				await l.journal.clear();
				const snapshotSize = await fileSize(this.#snapshotFile(roundId).path);
				this.#rounds.set(roundId, Promise.resolve({ ...l, state: new RoundState(roundId, parsed), snapshotSize }));
				return;
			}
			const snapshot = this.#snapshotFile(roundId);
			await snapshot.write(parsed);
			await rm(this.#journalPath(roundId), { force: true });
		});
	}

	async publishedSnapshot(roundId: string): Promise<PublishedFile | null> {
		if (!this.#hasRound(roundId)) return null;
		const cached = this.#published.get(roundId);
		if (cached) return cached;
		const file = await this.#publishedFile(roundId).read();
		if (file) this.#published.set(roundId, file);
		return file;
	}

	async publish(roundId: string, file: PublishedFile): Promise<boolean> {
		this.#assertOpen();
		if (!this.#hasRound(roundId)) throw new StoreError(`Onbekende ronde ${roundId}.`);
		const parsed = publishedFileSchema.parse(file);
		if (parsed.roundId !== roundId)
			throw new StoreError(`Gepubliceerde set hoort bij ${parsed.roundId}, niet ${roundId}.`);
		await this.#queue.run(async () => {
			const target = this.#publishedFile(roundId);
			// In the queue, so two calls cannot both find nothing and both write.
			if ((await target.read()) !== null)
				throw new StoreError(`Ronde ${roundId} is al gepubliceerd; een gepubliceerde set wordt nooit overschreven.`);
			await target.write(parsed);
			this.#published.set(roundId, parsed);
		});
		// One process owns these files: a crash between the two writes leaves links that closing's
		// next step (cutLinks, safe to repeat) removes before the round counts as closed.
		return this.transactRound(roundId, (s) => {
			const linked = s.hasLinks();
			return { ops: linked ? [{ t: 'cut-links' as const }] : [], result: linked };
		});
	}

	async commentReview(roundId: string): Promise<CommentsFile | null> {
		if (!this.#hasRound(roundId)) return null;
		let reading = this.#reviews.get(roundId);
		if (!reading) {
			reading = this.#commentsFile(roundId).read();
			this.#reviews.set(roundId, reading);
			reading.catch(() => this.#reviews.delete(roundId));
		}
		return reading;
	}

	async updateCommentReview<R>(
		roundId: string,
		change: (current: CommentsFile | null) => { next: CommentsFile | null; result: R }
	): Promise<R> {
		this.#assertOpen();
		if (!this.#hasRound(roundId)) throw new StoreError(`Onbekende ronde ${roundId}.`);
		return this.#queue.run(async () => {
			// In the queue, so that two changes never start from the same version (one would put
			// back what the other redacted).
			const current = await this.commentReview(roundId);
			const { next, result } = change(current === null ? null : structuredClone(current));
			if (next === null) return result;
			const parsed = commentsFileSchema.parse(next);
			if (parsed.roundId !== roundId)
				throw new StoreError(`Toelichtingen horen bij ${parsed.roundId}, niet ${roundId}.`);
			try {
				await this.#commentsFile(roundId).writeForgetting(parsed);
			} catch (e) {
				// What is on disk is now either version: read it again next time.
				this.#reviews.delete(roundId);
				throw e;
			}
			this.#reviews.set(roundId, Promise.resolve(parsed));
			return result;
		});
	}

	#commentsFile(roundId: string) {
		return new DurableJsonFile(join(this.dataDir, 'rounds', `${roundId}.comments.json`), parseCommentsFile, this.#log);
	}

	#publishedFile(roundId: string) {
		return new DurableJsonFile(
			join(this.dataDir, 'rounds', `${roundId}.published.json`),
			parsePublishedFile,
			this.#log
		);
	}

	#hasRound(roundId: string) {
		return this.#network.data.rounds.some((r) => r.id === roundId);
	}

	#snapshotFile(roundId: string) {
		return new DurableJsonFile(join(this.dataDir, 'rounds', `${roundId}.json`), parseRoundFile, this.#log);
	}

	#journalPath(roundId: string) {
		return join(this.dataDir, 'rounds', `${roundId}.log`);
	}

	#loadRound(roundId: string): Promise<LoadedRound> {
		let loading = this.#rounds.get(roundId);
		if (!loading) {
			loading = (async () => {
				const snapshot = new Low<RoundFile>(this.#snapshotFile(roundId), {
					schemaVersion: SCHEMA_VERSION,
					roundId,
					invitations: [],
					responses: [],
					closedResponses: [],
					waves: [],
					outbox: []
				});
				await snapshot.read();
				const state = new RoundState(roundId, snapshot.data);
				const journal = new Journal<JournalEntry>(this.#journalPath(roundId), { log: this.#log });
				for (const entry of await journal.open((raw) => journalEntrySchema.parse(raw)))
					for (const op of entry) state.apply(op);
				const snapshotSize = await fileSize(this.#snapshotFile(roundId).path);
				return { state, snapshot, journal, pending: [], flushScheduled: false, snapshotSize };
			})();
			this.#rounds.set(roundId, loading);
			loading.catch(() => this.#rounds.delete(roundId));
		}
		return loading;
	}

	#assertOpen() {
		if (this.#closed) throw new StoreError('De opslag is gesloten.');
	}

	/** The audit log is read once, on first use, and kept in memory (it grows by a few lines a day). */
	#loadAudit() {
		this.#audit ??= (async () => {
			const journal = new Journal<AuditEntry>(join(this.dataDir, 'audit.log'), { log: this.#log });
			const entries = await journal.open((raw) => auditEntrySchema.parse(raw));
			return { journal, entries };
		})();
		this.#audit.catch(() => (this.#audit = null));
		return this.#audit;
	}

	async appendAudit(entries: AuditEntry[]): Promise<void> {
		this.#assertOpen();
		const parsed = entries.map((e) => auditEntrySchema.parse(e));
		const audit = await this.#loadAudit();
		await this.#queue.run(async () => {
			await audit.journal.append(parsed);
			audit.entries.push(...parsed);
		});
	}

	async readAudit(): Promise<readonly AuditEntry[]> {
		return (await this.#loadAudit()).entries;
	}

	/** This process is the folder's only one: a queue per name is all it takes. */
	exclusive<R>(name: string, task: () => Promise<R>): Promise<R> {
		return this.#exclusive.run(name, task);
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		await this.#queue.idle();
		this.#rounds.clear();
		this.#reviews.clear();
		this.#release();
	}
}

export { roundOpSchema };
