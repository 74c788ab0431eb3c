import { jsonPieces } from './json-pieces';
import { link, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Adapter } from 'lowdb';
import { fsyncDir } from './fsync';
import { StoreReadError, errorCode } from './errors';

export type Log = (message: string) => void;

/** `.<name>.<pid>.<12 hex>.tmp`: what `write` writes before its rename. */
const TEMP_FILE = /^\..+\.\d+\.[0-9a-f]{12}\.tmp$/;
const tempName = (path: string) =>
	join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);

/**
 * Removes the temp files that writes cut off by a crash left in `dir`. They were never
 * acknowledged (the rename is the commit), and one may hold what closing a round has removed
 * since (links, full profiles, moments). Only for a folder no other write is using: the store
 * calls it once it holds the lock, before it writes. Returns the names removed.
 */
export async function removeLeftoverTemps(dir: string): Promise<string[]> {
	let names: string[];
	try {
		names = (await readdir(dir)).filter((n) => TEMP_FILE.test(n));
	} catch (e) {
		if (errorCode(e) === 'ENOENT') return [];
		throw e;
	}
	for (const n of names) await rm(join(dir, n), { force: true });
	return names;
}

/**
 * lowdb adapter that never loses an acknowledged write and never starts silently empty.
 * Write: unique temp file → fsync → previous file kept as `.bak` (hard link) → atomic rename →
 * fsync of the folder. Read: the main file, or `.bak` with a loud log line when the main file is
 * missing or does not parse or validate; when neither can be used, an error naming the file.
 */
export class DurableJsonFile<T> implements Adapter<T> {
	readonly path: string;
	readonly backupPath: string;
	#parse: (raw: unknown) => T;
	#log: Log;

	constructor(path: string, parse: (raw: unknown) => T, log: Log = console.error) {
		this.path = path;
		this.backupPath = `${path}.bak`;
		this.#parse = parse;
		this.#log = log;
	}

	async read(): Promise<T | null> {
		const main = await this.#load(this.path);
		if (main.ok) return main.value;
		const backup = await this.#load(this.backupPath);
		if (backup.ok) {
			this.#log(
				`[opslag] LET OP: ${this.path} ${main.missing ? 'ontbreekt' : `is onbruikbaar (${main.reason})`}; ` +
					`hersteld uit ${basename(this.backupPath)}. Wijzigingen na die back-up kunnen ontbreken.`
			);
			return backup.value;
		}
		if (main.missing && backup.missing) return null;
		throw new StoreReadError(
			this.path,
			`${this.path} is onbruikbaar (${main.missing ? 'ontbreekt' : main.reason}) en ` +
				`${basename(this.backupPath)} ook (${backup.missing ? 'ontbreekt' : backup.reason}). ` +
				`De server start niet met een lege database; zet een back-up terug of verplaats het bestand.`
		);
	}

	async #load(path: string): Promise<{ ok: true; value: T } | { ok: false; missing: boolean; reason: string }> {
		let text: string;
		try {
			text = await readFile(path, 'utf8');
		} catch (e) {
			if (errorCode(e) === 'ENOENT') return { ok: false, missing: true, reason: 'ontbreekt' };
			return { ok: false, missing: false, reason: `niet leesbaar: ${errorCode(e) || e}` };
		}
		let raw: unknown;
		try {
			raw = JSON.parse(text);
		} catch (e) {
			return { ok: false, missing: false, reason: `geen geldige JSON: ${(e as Error).message}` };
		}
		try {
			return { ok: true, value: this.#parse(raw) };
		} catch (e) {
			return { ok: false, missing: false, reason: `past niet in het schema: ${(e as Error).message.slice(0, 300)}` };
		}
	}

	async write(data: T): Promise<void> {
		const tmp = await this.#writeTemp(data);
		try {
			await rm(this.backupPath, { force: true });
			await link(this.path, this.backupPath).catch((e) => {
				if (errorCode(e) !== 'ENOENT') throw e;
			});
			await rename(tmp, this.path);
		} catch (e) {
			await rm(tmp, { force: true });
			throw e;
		}
		await fsyncDir(this.#dir);
		await this.#removeLeftovers();
	}

	/**
	 * Like `write`, but no earlier version stays on disk: the backup becomes a second copy of the
	 * new version instead of the previous one (for a redaction, which must not keep the original).
	 * The backup is replaced first, so a crash in between leaves the previous version as the main
	 * file and the write unacknowledged; never the previous version as a backup of the new one.
	 */
	async writeForgetting(data: T): Promise<void> {
		const main = await this.#writeTemp(data);
		let backup: string | null = null;
		try {
			backup = await this.#writeTemp(data);
			await rename(backup, this.backupPath);
			backup = null;
			await fsyncDir(this.#dir);
			await rename(main, this.path);
		} catch (e) {
			await rm(main, { force: true });
			if (backup) await rm(backup, { force: true });
			throw e;
		}
		await fsyncDir(this.#dir);
		await this.#removeLeftovers();
	}

	get #dir() {
		return dirname(this.path);
	}

	/** The data in a fresh temp file beside the target, on disk (fsync); removed again if that fails. */
	async #writeTemp(data: T): Promise<string> {
		const tmp = tempName(this.path);
		const handle = await open(tmp, 'wx', 0o600);
		try {
			// In slices, awaiting each: requests keep being answered while a big round is written.
			// writeFile continues at the file position and retries short writes (a full disk).
			for (const piece of jsonPieces(data)) await handle.writeFile(piece);
			await handle.sync();
		} catch (e) {
			await handle.close().catch(() => undefined);
			await rm(tmp, { force: true });
			throw e;
		}
		await handle.close();
		return tmp;
	}

	/**
	 * A crash between writing a temp file and renaming it leaves the temp file behind, holding a
	 * version that may since have lost links or comments. Writes of one file never overlap (the
	 * store queues them, and one process holds the folder), so any such file is stale.
	 */
	async #removeLeftovers() {
		const prefix = `.${basename(this.path)}.`;
		const names = await readdir(this.#dir).catch(() => [] as string[]);
		for (const name of names)
			if (name.startsWith(prefix) && TEMP_FILE.test(name)) await rm(join(this.#dir, name), { force: true });
	}
}
