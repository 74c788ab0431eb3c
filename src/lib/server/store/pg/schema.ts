import { Kysely, Migrator, PostgresDialect, sql, type Migration } from 'kysely';
import type pg from 'pg';

/**
 * The database's tables, one migration per layout change, applied in order at start. Kysely's
 * migrator holds a session-level `pg_advisory_lock` while it runs, so instances that start at
 * once apply each migration once; the rest wait and then find nothing to do.
 *
 * The shapes inside `body` columns are the ones store/files.ts validates; the columns beside
 * them are what constraints and lookups need.
 */
const migrations: Record<string, Migration> = {
	'0001-store': {
		async up(db) {
			await sql`
				-- The network (partners, people, questionnaires, rounds, users) as one document, and the
				-- version of the sessions' rows: each row is locked (FOR UPDATE) by every change, and
				-- its version tells an instance whether its copy in memory is still the latest.
				CREATE TABLE shared_state (
					name text PRIMARY KEY CHECK (name IN ('network', 'sessions')),
					version bigint NOT NULL DEFAULT 0,
					body jsonb,
					CHECK ((name = 'network') = (body IS NOT NULL))
				);

				CREATE TABLE sessions (
					token_hash text PRIMARY KEY,
					user_id text NOT NULL,
					seq bigint GENERATED ALWAYS AS IDENTITY,
					body jsonb NOT NULL
				);
				CREATE TABLE trusted_devices (
					token_hash text PRIMARY KEY,
					user_id text NOT NULL,
					seq bigint GENERATED ALWAYS AS IDENTITY,
					body jsonb NOT NULL
				);
				CREATE TABLE account_guards (
					user_id text PRIMARY KEY,
					seq bigint GENERATED ALWAYS AS IDENTITY,
					body jsonb NOT NULL
				);

				-- One row per round that has data: its lock and the version of its rows.
				CREATE TABLE rounds (
					round_id text PRIMARY KEY,
					version bigint NOT NULL DEFAULT 0
				);

				-- The last changes of each round (journal entries, files.ts), for other instances to
				-- catch up from. Emptied by every change that must forget (closing, erasure).
				CREATE TABLE round_changes (
					round_id text NOT NULL REFERENCES rounds ON DELETE CASCADE,
					version bigint NOT NULL,
					ops jsonb NOT NULL,
					PRIMARY KEY (round_id, version)
				);

				-- An invitation without its link to a response or its decline: those live in their
				-- own rows, which closing deletes.
				CREATE TABLE invitations (
					round_id text NOT NULL REFERENCES rounds ON DELETE CASCADE,
					id text NOT NULL,
					respondent_id text NOT NULL,
					token_hash text NOT NULL,
					seq bigint GENERATED ALWAYS AS IDENTITY,
					body jsonb NOT NULL,
					PRIMARY KEY (round_id, id),
					UNIQUE (round_id, token_hash)
				);
				-- One response per invitation, one invitation per response.
				CREATE TABLE invitation_responses (
					round_id text NOT NULL,
					invitation_id text NOT NULL,
					response_id text NOT NULL,
					PRIMARY KEY (round_id, invitation_id),
					UNIQUE (round_id, response_id),
					FOREIGN KEY (round_id, invitation_id) REFERENCES invitations ON DELETE CASCADE
				);
				CREATE TABLE invitation_declines (
					round_id text NOT NULL,
					invitation_id text NOT NULL,
					declined_at text NOT NULL,
					PRIMARY KEY (round_id, invitation_id),
					FOREIGN KEY (round_id, invitation_id) REFERENCES invitations ON DELETE CASCADE
				);

				CREATE TABLE responses (
					round_id text NOT NULL REFERENCES rounds ON DELETE CASCADE,
					id text NOT NULL,
					seq bigint GENERATED ALWAYS AS IDENTITY,
					body jsonb NOT NULL,
					PRIMARY KEY (round_id, id)
				);
				-- A closed round's responses as closing minimised them, in the order it shuffled them.
				CREATE TABLE closed_responses (
					round_id text NOT NULL REFERENCES rounds ON DELETE CASCADE,
					ordinal integer NOT NULL,
					body jsonb NOT NULL,
					PRIMARY KEY (round_id, ordinal)
				);

				CREATE TABLE outbox_waves (
					round_id text NOT NULL REFERENCES rounds ON DELETE CASCADE,
					id text NOT NULL,
					seq bigint GENERATED ALWAYS AS IDENTITY,
					body jsonb NOT NULL,
					PRIMARY KEY (round_id, id)
				);
				-- One message per invitation, kind and wave. Deferred keys: a change may name a wave
				-- before the op that makes it.
				CREATE TABLE outbox_messages (
					round_id text NOT NULL,
					id text NOT NULL,
					wave_id text NOT NULL,
					invitation_id text NOT NULL,
					kind text NOT NULL,
					seq bigint GENERATED ALWAYS AS IDENTITY,
					body jsonb NOT NULL,
					PRIMARY KEY (round_id, id),
					UNIQUE (round_id, invitation_id, kind, wave_id),
					FOREIGN KEY (round_id, wave_id) REFERENCES outbox_waves DEFERRABLE INITIALLY DEFERRED,
					FOREIGN KEY (round_id, invitation_id) REFERENCES invitations ON DELETE CASCADE
						DEFERRABLE INITIALLY DEFERRED
				);

				-- Written once at close and never changed (DESIGN.md §6).
				CREATE TABLE published (
					round_id text PRIMARY KEY,
					body jsonb NOT NULL
				);
				CREATE TABLE comment_reviews (
					round_id text PRIMARY KEY,
					body jsonb NOT NULL
				);
				CREATE TABLE audit_log (
					seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
					body jsonb NOT NULL
				);

				CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
					RAISE EXCEPTION '% is alleen aan te vullen, niet te wijzigen', TG_TABLE_NAME
						USING ERRCODE = 'restrict_violation';
				END $$;
				CREATE TRIGGER published_frozen BEFORE UPDATE OR DELETE ON published
					FOR EACH ROW EXECUTE FUNCTION refuse_change();
				CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_log
					FOR EACH ROW EXECUTE FUNCTION refuse_change();
				CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_log
					FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
			`.execute(db);
		}
	},
	'0002-outbox-delivery': {
		async up(db) {
			await sql`
				-- A message's delivery changes on its own row (FOR UPDATE SKIP LOCKED), apart from the
				-- round's lock: senders of several instances neither wait for each other nor for the
				-- round's submissions. state and ready_at say in columns what the sender's claim asks
				-- (model/outbox.ts claimableAt): ready_at is when a queued message is due, or when a
				-- sending one's claim runs out; null is now.
				ALTER TABLE outbox_messages
					ADD COLUMN state text,
					ADD COLUMN ready_at timestamptz,
					ADD COLUMN changed bigint NOT NULL DEFAULT 0;
				UPDATE outbox_messages SET state = body->>'state', ready_at = CASE body->>'state'
					WHEN 'queued' THEN (body->>'nextAttemptAt')::timestamptz
					WHEN 'sending' THEN (body->>'leaseUntil')::timestamptz END;
				ALTER TABLE outbox_messages ALTER COLUMN state SET NOT NULL;
				CREATE INDEX outbox_messages_pending ON outbox_messages (round_id, seq)
					WHERE state IN ('queued', 'sending');

				-- Counts each round's delivery changes; a message's 'changed' is the count of its last
				-- one. The row is locked by the change until it commits, so counts commit in order and
				-- an instance catches up with "changed > what I saw". No foreign key to rounds: its
				-- check would wait for the round's row, which round transactions hold.
				CREATE TABLE outbox_clocks (
					round_id text PRIMARY KEY,
					version bigint NOT NULL
				);
			`.execute(db);
		}
	}
};

/** Brings the database to the current layout; throws (with the failing step) when it cannot. */
export async function migrateDatabase(pool: pg.Pool): Promise<void> {
	// Kysely only runs the migrations; the store's queries go through pg directly. The pool
	// stays the store's: Kysely must not end it.
	const db = new Kysely<unknown>({
		dialect: new PostgresDialect({ pool: { connect: () => pool.connect(), end: async () => undefined } })
	});
	try {
		const migrator = new Migrator({
			db,
			provider: { getMigrations: async () => migrations },
			migrationTableName: 'store_migrations',
			migrationLockTableName: 'store_migrations_lock'
		});
		const { error, results } = await migrator.migrateToLatest();
		if (error) {
			const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'onbekend';
			throw new Error(`Databasemigratie ${failed} mislukt: ${(error as Error).message ?? error}`, { cause: error });
		}
	} finally {
		await db.destroy();
	}
}
