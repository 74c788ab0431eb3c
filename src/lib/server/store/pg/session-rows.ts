import type pg from 'pg';
import { SCHEMA_VERSION } from '$lib/model/ids';
import { parseSessionsFile, type SessionsFile } from '../files';

/**
 * The sessions file's three lists ↔ one table each, one row per session, browser and account.
 * A change writes only the rows it changed; the order of each list is the order its rows were
 * first written (which is the order the login code appends in).
 */
type Db = pg.PoolClient;

const rows = (key: string) =>
	`FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n
	 ON CONFLICT (${key}) DO UPDATE SET body = excluded.body`;

const TABLES = [
	{
		list: 'sessions',
		table: 'sessions',
		key: 'token_hash',
		keyOf: (v: object) => (v as { tokenHash: string }).tokenHash,
		insert: `INSERT INTO sessions (token_hash, user_id, body) SELECT e->>'tokenHash', e->>'userId', e ${rows('token_hash')}`
	},
	{
		list: 'devices',
		table: 'trusted_devices',
		key: 'token_hash',
		keyOf: (v: object) => (v as { tokenHash: string }).tokenHash,
		insert: `INSERT INTO trusted_devices (token_hash, user_id, body) SELECT e->>'tokenHash', e->>'userId', e ${rows('token_hash')}`
	},
	{
		list: 'accountGuards',
		table: 'account_guards',
		key: 'user_id',
		keyOf: (v: object) => (v as { userId: string }).userId,
		insert: `INSERT INTO account_guards (user_id, body) SELECT e->>'userId', e ${rows('user_id')}`
	}
] as const;

export async function loadSessions(db: Db | pg.Pool): Promise<SessionsFile> {
	const lists: Record<string, unknown[]> = {};
	for (const { list, table } of TABLES)
		lists[list] = (await db.query(`SELECT body FROM ${table} ORDER BY seq`)).rows.map((r) => r.body);
	return parseSessionsFile({ schemaVersion: SCHEMA_VERSION, ...lists });
}

export async function writeSessionsDiff(db: Db, before: SessionsFile, after: SessionsFile): Promise<void> {
	for (const { list, table, key, keyOf, insert } of TABLES) {
		const keyed = (items: readonly object[]) => new Map(items.map((v) => [keyOf(v), JSON.stringify(v)]));
		const old = keyed(before[list]);
		const next = keyed(after[list]);
		const gone = [...old.keys()].filter((k) => !next.has(k));
		const changed = [...next].filter(([k, v]) => old.get(k) !== v).map(([, v]) => JSON.parse(v));
		if (gone.length) await db.query(`DELETE FROM ${table} WHERE ${key} = ANY($1::text[])`, [gone]);
		if (changed.length) await db.query(insert, [JSON.stringify(changed)]);
	}
}
