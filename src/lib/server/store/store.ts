import type { CommentsFile, NetworkFile, PublishedFile, RoundFileInput, RoundOp, SessionsFile } from './files';
import type { RoundState } from './round-state';
import type { AuditEntry } from '$lib/model/audit';
import type { OutboxMessage } from '$lib/model/outbox';

/** Which of a round's e-mail messages `updateMessages` works on. */
export type MessagePick =
	/** That one, once no other change holds it. */
	| { id: string }
	/**
	 * The oldest one a sender may take at that moment (`claimableAt`, model/outbox.ts) that no other
	 * call holds right now: it never waits, and two calls at once get two different messages.
	 */
	| { claimableAt: Date }
	/** Every one marked sending whose claim ran out by then; with null, every one marked sending. */
	| { sendingExpiredAt: Date | null };

export type MessageChange<R> = (message: OutboxMessage, round: RoundState) => { next: OutboxMessage | null; result: R };

/**
 * What the app needs from storage. The embedded JSON store implements it today; a PostgreSQL
 * implementation can take its place when several app instances must share one database.
 * Readers get the last durable state; every write resolves only once it is durable.
 */
export interface Store {
	readonly dataDir: string;
	/**
	 * Whether other processes may work on the same data at the same time (PostgreSQL). False
	 * when this process holds it alone (the JSON store's lock): then whatever a previous process
	 * left half done is certainly abandoned.
	 */
	readonly shared: boolean;
	/** The network file as last written. Treat as read-only; change it with updateNetwork. */
	network(): Readonly<NetworkFile>;
	/** Runs `change` on a copy, writes it durably, then makes it the current state. */
	updateNetwork<R>(change: (draft: NetworkFile) => R): Promise<R>;
	sessions(): Readonly<SessionsFile>;
	/**
	 * Brings `network()` and `sessions()` up to date with what other processes wrote; the server
	 * calls it at the start of every request, so a login on one instance is known to the next
	 * request on any other. Writes never need it: they always start from the latest state.
	 */
	refresh(): Promise<void>;
	updateSessions<R>(change: (draft: SessionsFile) => R): Promise<R>;
	/** A round's invitations and responses, or null when the network has no such round. */
	round(roundId: string): Promise<RoundState | null>;
	/**
	 * Read-modify-write on one round: `decide` sees the current state and returns the ops to
	 * apply; calls on the same round never interleave, and the promise resolves once the ops
	 * are on disk. Throws (and applies nothing) when the write fails.
	 */
	transactRound<R>(roundId: string, decide: (state: RoundState) => { ops: RoundOp[]; result: R }): Promise<R>;
	/**
	 * Read-modify-write of single e-mail messages, for their delivery (a sender's claim, its lease
	 * and its result, a resend). Each message changes on its own: without waiting for the round's
	 * other changes (in PostgreSQL it locks only the message's row), and never two changes of one
	 * message at once. `change` sees the message as it is now and the round as last read (a
	 * submission landing meanwhile may not be in it) and returns the message's next version, or
	 * null to leave it; it may not change what the message is (id, wave, invitation, kind).
	 * Resolves to the results, one per message picked. Messages are made and removed by
	 * transactRound; a 'message' op there for a message that exists is refused.
	 */
	updateMessages<R>(roundId: string, pick: MessagePick, change: MessageChange<R>): Promise<R[]>;
	/** Replaces a round's data wholesale (seeding, imports). */
	replaceRound(roundId: string, file: RoundFileInput): Promise<void>;
	/** Folds a round's journal into its snapshot file. */
	compactRound(roundId: string): Promise<void>;
	/** A closed round's published results, or null when none were published (yet). */
	publishedSnapshot(roundId: string): Promise<PublishedFile | null>;
	/**
	 * Stores a round's published results durably, once: throws a StoreError when the round is
	 * unknown or already has them (a published set is frozen; publishing again could leak). A
	 * published round keeps no link between invitation and response: publishing cuts them, in
	 * PostgreSQL in the same transaction, in the JSON store as the round's next journal entry.
	 * Resolves to whether there were links to cut.
	 */
	publish(roundId: string, file: PublishedFile): Promise<boolean>;
	/** A closed round's comments as fixed at close and reviewed since; null before they were fixed. */
	commentReview(roundId: string): Promise<CommentsFile | null>;
	/**
	 * Read-modify-write of a round's comment review: `change` sees the current version (null
	 * when there is none) and returns the next, or null to write nothing; changes never
	 * interleave. The file is rewritten so that no earlier version remains on disk, not even as a
	 * backup. Throws (and writes nothing) when `change` throws.
	 */
	updateCommentReview<R>(
		roundId: string,
		change: (current: CommentsFile | null) => { next: CommentsFile | null; result: R }
	): Promise<R>;
	/** Appends to the audit log (its own file, apart from answers); resolves once durable. */
	appendAudit(entries: AuditEntry[]): Promise<void>;
	/** The whole audit log, oldest first. */
	readAudit(): Promise<readonly AuditEntry[]>;
	/**
	 * Runs `task` while no other task under the same `name` runs, in this process or in any other
	 * on the same data; the next one starts when it settles. For work of several transactions
	 * that must not interleave with itself (closing a round). A process that dies gives it up.
	 */
	exclusive<R>(name: string, task: () => Promise<R>): Promise<R>;
	close(): Promise<void>;
}
