import { open as openFile, type FileHandle } from 'node:fs/promises';
import { StoreError, StoreReadError, errorCode } from './errors';
import type { Log } from './durable-file';

/** fs/promises' open; tests pass one whose handles fail or write short on purpose. */
export type OpenFile = (path: string, flags: string, mode?: number) => Promise<FileHandle>;

export type JournalOptions = { log?: Log; open?: OpenFile };

/**
 * Append-only log of a round's changes. One line per acknowledged change, appended and fsynced
 * before the request is answered, so a write costs the same with 600 or 10,000 responses in the
 * round. Several changes that arrive while a flush is running share the next fsync (group commit).
 */
export class Journal<Entry> {
	readonly path: string;
	#size = 0;
	#lines = 0;
	#log: Log;
	#open: OpenFile;

	constructor(path: string, options: JournalOptions = {}) {
		this.path = path;
		this.#log = options.log ?? console.error;
		this.#open = options.open ?? openFile;
	}

	/** Bytes in the journal. */
	get size() {
		return this.#size;
	}

	get lines() {
		return this.#lines;
	}

	/**
	 * Reads every complete entry. A last line without its newline is a write that was cut off
	 * before it was acknowledged, so it is dropped; a broken line before the end is damage that
	 * must not be skipped silently.
	 */
	async open(parseEntry: (raw: unknown) => Entry): Promise<Entry[]> {
		let handle: FileHandle;
		try {
			handle = await this.#open(this.path, 'a+', 0o600);
		} catch (e) {
			throw new StoreReadError(this.path, `${this.path} is niet te openen (${errorCode(e) || e}).`, { cause: e });
		}
		try {
			return await this.#read(handle, parseEntry);
		} finally {
			await handle.close();
		}
	}

	async #read(handle: FileHandle, parseEntry: (raw: unknown) => Entry): Promise<Entry[]> {
		const buffer = await handle.readFile();
		let text = buffer.toString('utf8');
		let size = buffer.length;
		if (text.length > 0 && !text.endsWith('\n')) {
			const keep = text.lastIndexOf('\n') + 1;
			this.#log(`[opslag] ${this.path}: onvolledige laatste regel (niet bevestigd) verwijderd.`);
			text = text.slice(0, keep);
			size = Buffer.byteLength(text);
			await handle.truncate(size);
			await handle.sync();
		}
		const entries: Entry[] = [];
		const lines = text.split('\n');
		for (let i = 0; i < lines.length - 1; i++) {
			try {
				entries.push(parseEntry(JSON.parse(lines[i])));
			} catch (e) {
				throw new StoreReadError(
					this.path,
					`${this.path} is beschadigd op regel ${i + 1} (${(e as Error).message.slice(0, 200)}). ` +
						`De server start niet om geen bevestigde antwoorden kwijt te raken; herstel of verplaats het bestand.`
				);
			}
		}
		this.#size = size;
		this.#lines = entries.length;
		return entries;
	}

	/**
	 * Appends entries durably; on failure the file is cut back so no half line stays behind.
	 * The file is opened per batch (microseconds) rather than held open, so the data folder can
	 * be remounted, backed up or moved while the server idles.
	 */
	async append(entries: Entry[]): Promise<void> {
		const chunk = Buffer.from(entries.map((e) => JSON.stringify(e) + '\n').join(''), 'utf8');
		let handle: FileHandle | null = null;
		try {
			handle = await this.#open(this.path, 'a', 0o600);
			// write() may write only part of the chunk (a nearly full disk does that without an
			// error), so loop until all of it is written or the disk refuses.
			for (let offset = 0; offset < chunk.length;) {
				const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset, null);
				if (bytesWritten <= 0) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
				offset += bytesWritten;
			}
			await handle.datasync();
		} catch (e) {
			await handle?.truncate(this.#size).catch(() => undefined);
			throw new StoreError(`Schrijven naar ${this.path} mislukt (${errorCode(e) || e}).`, { cause: e });
		} finally {
			await handle?.close().catch(() => undefined);
		}
		this.#size += chunk.length;
		this.#lines += entries.length;
	}

	/** Empties the journal after its entries were folded into a durable snapshot. */
	async clear(): Promise<void> {
		const handle = await this.#open(this.path, 'r+');
		try {
			await handle.truncate(0);
			await handle.sync();
		} finally {
			await handle.close();
		}
		this.#size = 0;
		this.#lines = 0;
	}
}
