import type pg from 'pg';
import { SCHEMA_VERSION } from '$lib/model/ids';
import type { Invitation } from '$lib/model/round';
import { outboxMessageSchema, type OutboxMessage } from '$lib/model/outbox';
import type { ClosedResponse, SurveyResponse } from '$lib/model/response';
import { parseRoundFile, type RoundFile, type RoundOp } from '../files';
import type { RoundState } from '../round-state';
import type { MessagePick } from '../store';

/**
 * A round's rows ↔ the round file's shape (files.ts). Rows are written in bulk from a JSON array
 * (`jsonb_array_elements`), so a change of 600 invitations is one statement, not 600.
 */
type Db = pg.PoolClient;

/** Tables holding a round's data, children first (the order deleting them wholesale needs). */
const ROUND_TABLES = [
	'outbox_messages',
	'invitation_responses',
	'invitation_declines',
	'invitations',
	'responses',
	'closed_responses',
	'outbox_waves'
] as const;

const json = (v: unknown) => JSON.stringify(v);

export async function loadRoundFile(db: Db, roundId: string): Promise<RoundFile> {
	const q = (text: string) => db.query(text, [roundId]).then((r) => r.rows);
	const invitations = await q(
		`SELECT i.body, l.response_id, d.declined_at FROM invitations i
		 LEFT JOIN invitation_responses l ON l.round_id = i.round_id AND l.invitation_id = i.id
		 LEFT JOIN invitation_declines d ON d.round_id = i.round_id AND d.invitation_id = i.id
		 WHERE i.round_id = $1 ORDER BY i.seq`
	);
	const responses = await q(`SELECT body FROM responses WHERE round_id = $1 ORDER BY seq`);
	const closed = await q(`SELECT body FROM closed_responses WHERE round_id = $1 ORDER BY ordinal`);
	const waves = await q(`SELECT body FROM outbox_waves WHERE round_id = $1 ORDER BY seq`);
	const outbox = await q(`SELECT body FROM outbox_messages WHERE round_id = $1 ORDER BY seq`);
	return parseRoundFile({
		schemaVersion: SCHEMA_VERSION,
		roundId,
		invitations: invitations.map((r) => ({ ...r.body, responseId: r.response_id, declinedAt: r.declined_at })),
		responses: responses.map((r) => r.body),
		closedResponses: closed.map((r) => r.body),
		waves: waves.map((r) => r.body),
		outbox: outbox.map((r) => r.body)
	});
}

export async function deleteRoundRows(db: Db, roundId: string) {
	for (const table of ROUND_TABLES) await db.query(`DELETE FROM ${table} WHERE round_id = $1`, [roundId]);
}

async function upsertInvitations(db: Db, roundId: string, invitations: Invitation[]) {
	if (invitations.length === 0) return;
	const bodies = invitations.map(({ responseId: _r, declinedAt: _d, ...rest }) => rest);
	await db.query(
		`INSERT INTO invitations (round_id, id, respondent_id, token_hash, body)
		 SELECT $1, e->>'id', e->>'respondentId', e->>'tokenHash', e
		 FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n
		 ON CONFLICT (round_id, id) DO UPDATE
		 SET respondent_id = excluded.respondent_id, token_hash = excluded.token_hash, body = excluded.body`,
		[roundId, json(bodies)]
	);
}

/**
 * A link is only ever added or deleted, never pointed elsewhere: adding a second response to an
 * invitation that has one violates the table's key instead of silently replacing it.
 */
async function insertLinks(db: Db, roundId: string, links: { invitationId: string; responseId: string }[]) {
	if (links.length === 0) return;
	await db.query(
		`INSERT INTO invitation_responses (round_id, invitation_id, response_id)
		 SELECT $1, e->>'invitationId', e->>'responseId' FROM jsonb_array_elements($2::jsonb) AS t(e)`,
		[roundId, json(links)]
	);
}

async function putDeclines(db: Db, roundId: string, declines: { invitationId: string; at: string }[]) {
	if (declines.length === 0) return;
	await db.query(
		`INSERT INTO invitation_declines (round_id, invitation_id, declined_at)
		 SELECT $1, e->>'invitationId', e->>'at' FROM jsonb_array_elements($2::jsonb) AS t(e)
		 ON CONFLICT (round_id, invitation_id) DO UPDATE SET declined_at = excluded.declined_at`,
		[roundId, json(declines)]
	);
}

async function upsertBodies(db: Db, table: 'responses' | 'outbox_waves', roundId: string, rows: { id: string }[]) {
	if (rows.length === 0) return;
	await db.query(
		`INSERT INTO ${table} (round_id, id, body)
		 SELECT $1, e->>'id', e FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n
		 ON CONFLICT (round_id, id) DO UPDATE SET body = excluded.body`,
		[roundId, json(rows)]
	);
}

/** The `state` and `ready_at` columns of a message body `e` (schema.ts, 0002). */
const DELIVERY_COLUMNS = `e->>'state', CASE e->>'state'
	WHEN 'queued' THEN (e->>'nextAttemptAt')::timestamptz
	WHEN 'sending' THEN (e->>'leaseUntil')::timestamptz END`;

/** New messages only: one that exists changes with writeDeliveries, under its own row's lock. */
async function insertMessages(db: Db, roundId: string, messages: OutboxMessage[]) {
	if (messages.length === 0) return;
	await db.query(
		`INSERT INTO outbox_messages (round_id, id, wave_id, invitation_id, kind, state, ready_at, body)
		 SELECT $1, e->>'id', e->>'waveId', e->>'invitationId', e->>'kind', ${DELIVERY_COLUMNS}, e
		 FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n`,
		[roundId, json(messages)]
	);
}

/** The messages `pick` names, each locked on its row (schema.ts, 0002), oldest first. */
export async function lockPickedMessages(db: Db, roundId: string, pick: MessagePick): Promise<OutboxMessage[]> {
	const [where, param] =
		'id' in pick
			? [`id = $2 FOR UPDATE`, pick.id]
			: 'claimableAt' in pick
				? [
						`state IN ('queued', 'sending') AND (ready_at IS NULL OR ready_at <= $2)
						 ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED`,
						pick.claimableAt.toISOString()
					]
				: [
						`state = 'sending' AND ($2::timestamptz IS NULL OR ready_at IS NULL OR ready_at <= $2)
						 ORDER BY seq FOR UPDATE`,
						pick.sendingExpiredAt?.toISOString() ?? null
					];
	const { rows } = await db.query(`SELECT body FROM outbox_messages WHERE round_id = $1 AND ${where}`, [
		roundId,
		param
	]);
	return rows.map((r) => outboxMessageSchema.parse(r.body));
}

/**
 * Writes messages' next versions (their rows locked by lockPickedMessages) as one delivery change:
 * the round's outbox clock goes up by one, locked last, and the rows take its count.
 */
export async function writeDeliveries(db: Db, roundId: string, messages: OutboxMessage[]) {
	if (messages.length === 0) return;
	const { rows } = await db.query(
		`INSERT INTO outbox_clocks (round_id, version) VALUES ($1, 1)
		 ON CONFLICT (round_id) DO UPDATE SET version = outbox_clocks.version + 1 RETURNING version`,
		[roundId]
	);
	await db.query(
		`UPDATE outbox_messages m SET body = e, state = d.state, ready_at = d.ready_at, changed = $3
		 FROM jsonb_array_elements($2::jsonb) AS t(e),
		   LATERAL (SELECT ${DELIVERY_COLUMNS}) AS d(state, ready_at)
		 WHERE m.round_id = $1 AND m.id = e->>'id'`,
		[roundId, json(messages), rows[0].version]
	);
}

/** Messages whose delivery changed after `since` (a count of outbox_clocks). */
export async function messagesChangedSince(db: Db, roundId: string, since: number): Promise<OutboxMessage[]> {
	const { rows } = await db.query(
		`SELECT body FROM outbox_messages WHERE round_id = $1 AND changed > $2 ORDER BY seq`,
		[roundId, since]
	);
	return rows.map((r) => outboxMessageSchema.parse(r.body));
}

async function insertClosed(db: Db, roundId: string, closed: readonly ClosedResponse[]) {
	if (closed.length === 0) return;
	await db.query(
		`INSERT INTO closed_responses (round_id, ordinal, body)
		 SELECT $1, n, e FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, n)`,
		[roundId, json(closed)]
	);
}

/** Writes a whole round file into a round whose rows were just deleted. */
export async function insertRoundFile(db: Db, file: RoundFile) {
	const id = file.roundId;
	await upsertInvitations(db, id, file.invitations);
	await upsertBodies(db, 'responses', id, file.responses);
	await insertLinks(
		db,
		id,
		file.invitations.flatMap((i) => (i.responseId ? [{ invitationId: i.id, responseId: i.responseId }] : []))
	);
	await putDeclines(
		db,
		id,
		file.invitations.flatMap((i) => (i.declinedAt ? [{ invitationId: i.id, at: i.declinedAt }] : []))
	);
	await insertClosed(db, id, file.closedResponses);
	await upsertBodies(db, 'outbox_waves', id, file.waves);
	await insertMessages(db, id, file.outbox);
}

/**
 * Writes one op and applies it to `state` (which must be the round as the rows hold it), in
 * that order for the ops whose rows depend on the state before, the other way round for those
 * whose rows are the state after. Resolves to the ops that replay it on another instance's copy
 * (round_changes): the op itself, and after cutting the links the waves' totals as counted here,
 * since that copy's messages may not have every delivery's result yet.
 */
export async function writeOp(db: Db, state: RoundState, op: RoundOp): Promise<RoundOp[]> {
	const id = state.roundId;
	switch (op.t) {
		case 'invitation': {
			const before = state.invitations.get(op.v.id);
			await upsertInvitations(db, id, [op.v]);
			await writeLink(db, id, before, op.v);
			state.apply(op);
			return [op];
		}
		case 'response':
			await upsertBodies(db, 'responses', id, [op.v as SurveyResponse]);
			break;
		case 'delete-response':
			await db.query(`DELETE FROM responses WHERE round_id = $1 AND id = $2`, [id, op.id]);
			break;
		case 'delete-invitation':
			// Its link, decline and messages go with it (ON DELETE CASCADE).
			await db.query(`DELETE FROM invitations WHERE round_id = $1 AND id = $2`, [id, op.id]);
			break;
		case 'cut-links': {
			// The messages as their rows hold them now, and locked: a sender (of any instance) may
			// have recorded a result since the round was read, and the waves' totals count it.
			const { rows } = await db.query(`SELECT body FROM outbox_messages WHERE round_id = $1 ORDER BY seq FOR UPDATE`, [
				id
			]);
			for (const r of rows) state.apply({ t: 'message', v: outboxMessageSchema.parse(r.body) });
			state.apply(op);
			await db.query(`DELETE FROM invitation_responses WHERE round_id = $1`, [id]);
			await db.query(`DELETE FROM invitation_declines WHERE round_id = $1`, [id]);
			await db.query(`DELETE FROM outbox_messages WHERE round_id = $1`, [id]);
			// The waves now hold their totals instead.
			const waves = [...state.waves.values()];
			await upsertBodies(db, 'outbox_waves', id, waves);
			return [op, ...waves.map((v) => ({ t: 'wave' as const, v }))];
		}
		case 'wave':
			await upsertBodies(db, 'outbox_waves', id, [op.v]);
			break;
		case 'message':
			await insertMessages(db, id, [op.v]);
			break;
		case 'drop-comments':
			await db.query(
				`UPDATE responses SET body = jsonb_set(body, '{comments}', '{}'::jsonb)
				 WHERE round_id = $1 AND body->'comments' <> '{}'::jsonb`,
				[id]
			);
			break;
		case 'minimise':
			await db.query(`DELETE FROM responses WHERE round_id = $1`, [id]);
			await db.query(`DELETE FROM closed_responses WHERE round_id = $1`, [id]);
			await insertClosed(db, id, op.v);
			break;
	}
	state.apply(op);
	return [op];
}

async function writeLink(db: Db, roundId: string, before: Invitation | undefined, after: Invitation) {
	const had = before?.responseId ?? null;
	if (had !== after.responseId) {
		if (after.responseId === null)
			await db.query(`DELETE FROM invitation_responses WHERE round_id = $1 AND invitation_id = $2`, [
				roundId,
				after.id
			]);
		else await insertLinks(db, roundId, [{ invitationId: after.id, responseId: after.responseId }]);
	}
	const declined = before?.declinedAt ?? null;
	if (declined !== after.declinedAt) {
		if (after.declinedAt === null)
			await db.query(`DELETE FROM invitation_declines WHERE round_id = $1 AND invitation_id = $2`, [roundId, after.id]);
		else await putDeclines(db, roundId, [{ invitationId: after.id, at: after.declinedAt }]);
	}
}
