import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { relative, resolve, isAbsolute } from 'node:path';
import { isPostgresUrl, serverConfig } from './config';

/**
 * The key every survey link is derived from (DESIGN.md §6, README "Enquêtelinks"). It never lives
 * in DATA_DIR, so a copy of the data folder (a back-up, a stolen disk) yields no working link,
 * while the admin can still obtain an invited person's link again at any time: the link is an
 * HMAC of the invitation under this key, and the store keeps only its SHA-256.
 *
 * From `LINK_KEY` (base64url or hex, at least 32 bytes; required when several instances serve
 * one installation), else from the file `LINK_KEY_FILE`, by default `<DATA_DIR>.link-key` beside
 * the data folder, created once with 32 random bytes and mode 0600.
 */
export const LINK_KEY_BYTES = 32;

export class LinkKeyError extends Error {}

function decode(text: string, where: string): Buffer {
	const t = text.trim();
	const key = /^[0-9a-f]+$/i.test(t) && t.length % 2 === 0 ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64url');
	if (key.length < LINK_KEY_BYTES)
		throw new LinkKeyError(
			`${where} bevat geen geldige sleutel voor enquêtelinks: minstens ${LINK_KEY_BYTES} bytes, als base64url of hex.`
		);
	return key;
}

export function linkKeyFile(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
	return env.LINK_KEY_FILE ? resolve(env.LINK_KEY_FILE) : `${resolve(dataDir)}.link-key`;
}

export function loadLinkKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
	if (env.LINK_KEY) return decode(env.LINK_KEY, 'LINK_KEY');
	// Every instance on one database must derive the same links; a key file is per machine.
	if (isPostgresUrl(env.DATABASE_URL))
		throw new LinkKeyError('Met DATABASE_URL (PostgreSQL) is LINK_KEY nodig: dezelfde sleutel voor elke instantie.');
	const path = linkKeyFile(dataDir, env);
	const inside = relative(resolve(dataDir), path);
	if (!inside.startsWith('..') && !isAbsolute(inside))
		throw new LinkKeyError(
			`LINK_KEY_FILE (${path}) ligt in DATA_DIR; dan levert een kopie van de datamap werkende links op. Kies een pad erbuiten.`
		);
	try {
		return decode(readFileSync(path, 'utf8'), path);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
	}
	// First start: make the key. `wx` so that two processes starting at once agree on one key.
	try {
		const fd = openSync(path, 'wx', 0o600);
		try {
			writeSync(fd, `${randomBytes(LINK_KEY_BYTES).toString('base64url')}\n`);
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
	}
	return decode(readFileSync(path, 'utf8'), path);
}

/** A key as the operator sets it in LINK_KEY: base64url, without padding. */
export const formatLinkKey = (key: Buffer) => key.toString('base64url');

/**
 * The key in the key file of a JSON installation, or null when it has none: read without ever
 * making one (unlike loadLinkKey), for the copy to PostgreSQL, which must leave the source as it is.
 */
export function readLinkKeyFile(
	dataDir: string,
	env: NodeJS.ProcessEnv = process.env
): { path: string; key: Buffer | null } {
	const path = linkKeyFile(dataDir, env);
	try {
		return { path, key: decode(readFileSync(path, 'utf8'), path) };
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { path, key: null };
		throw e;
	}
}

/** LINK_KEY from the environment, checked; null when it is not set. */
export const environmentLinkKey = (env: NodeJS.ProcessEnv = process.env): Buffer | null =>
	env.LINK_KEY ? decode(env.LINK_KEY, 'LINK_KEY') : null;

let cached: Buffer | null = null;

/** This process's link key, for the configured DATA_DIR. */
export function linkKey(): Buffer {
	cached ??= loadLinkKey(serverConfig().dataDir);
	return cached;
}

/**
 * A new key in the key file (the operator's "rotate"): refused while LINK_KEY comes from the
 * environment, which the operator changes there instead. Returns the new key.
 */
export function replaceLinkKeyFile(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
	if (env.LINK_KEY)
		throw new LinkKeyError('LINK_KEY komt uit de omgeving: zet daar een nieuwe waarde en leid de links opnieuw af.');
	const path = linkKeyFile(dataDir, env);
	const key = randomBytes(LINK_KEY_BYTES);
	const temp = `${path}.${process.pid}.tmp`;
	const fd = openSync(temp, 'wx', 0o600);
	try {
		writeSync(fd, `${key.toString('base64url')}\n`);
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
	renameSync(temp, path);
	cached = null;
	return key;
}
