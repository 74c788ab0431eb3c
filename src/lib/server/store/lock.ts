import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, join } from 'node:path';
import { StoreLockedError, errorCode } from './errors';
import { bootId, hasProc, pidExists, processInfo } from './process-identity';
import type { Log } from './durable-file';

const held = new Set<string>();

type Holder = { pid: number; startTime?: string; bootId?: string | null };

function ownLock(): string {
	const me = processInfo(process.pid);
	return JSON.stringify({ pid: process.pid, startTime: me?.startTime, bootId: bootId() });
}

/** The lock's holder; old lock files hold only a pid. */
function parseLock(text: string): Holder | null {
	try {
		const v = JSON.parse(text) as unknown;
		if (typeof v === 'number') return { pid: v };
		if (typeof v === 'object' && v !== null && Number.isInteger((v as Holder).pid)) return v as Holder;
	} catch {
		/* not JSON */
	}
	return null;
}

/**
 * Why the lock's holder cannot be the app that wrote it (so the lock may be taken over), or
 * null when it may still be running. Where /proc is readable the start time decides; an old
 * plain-pid lock is held only by a node process.
 */
function staleReason(holder: Holder): string | null {
	const { pid } = holder;
	if (pid === process.pid) return 'het pid is nu van dit proces';
	if (!hasProc()) return pidExists(pid) ? null : 'het proces bestaat niet meer';
	if (holder.bootId && bootId() && holder.bootId !== bootId()) return 'de computer is sindsdien herstart';
	const info = processInfo(pid);
	// Without an entry, a process of another user may be hidden (hidepid): then trust kill().
	if (!info) return pidExists(pid) ? null : 'het proces bestaat niet meer';
	if (info.state === 'Z' || info.state === 'X') return 'het proces is beëindigd (zombie)';
	if (holder.startTime !== undefined)
		return holder.startTime === info.startTime ? null : 'het pid is hergebruikt door een ander proces';
	return /node/i.test(basename(info.argv0)) || info.argv0 === process.execPath
		? null
		: `het pid is hergebruikt door een ander programma (${basename(info.argv0) || 'onbekend'})`;
}

/**
 * One process per data folder: two servers writing the same files would overwrite each
 * other's acknowledged writes. A lock whose process is gone, a zombie, or a reused pid is
 * taken over, saying so in the log.
 */
export function acquireLock(dataDir: string, log: Log = console.error): () => void {
	const path = join(dataDir, '.lock');
	if (held.has(path)) throw new StoreLockedError(`De datamap ${dataDir} is in dit proces al geopend.`);
	for (let attempt = 0; attempt < 3; attempt++) {
		const content = ownLock();
		// Written aside and linked into place, so no other starter ever reads a half-written lock.
		const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
		try {
			writeFileSync(aside, content, { mode: 0o600, flag: 'wx' });
			try {
				linkSync(aside, path);
			} finally {
				rmSync(aside, { force: true });
			}
			held.add(path);
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				process.off('exit', release);
				held.delete(path);
				try {
					if (readFileSync(path, 'utf8') === content) rmSync(path);
				} catch {
					/* already gone */
				}
			};
			process.once('exit', release);
			return release;
		} catch (e) {
			if (errorCode(e) !== 'EEXIST') throw e;
			let text: string;
			try {
				text = readFileSync(path, 'utf8');
			} catch {
				continue; // raced with a release; try again
			}
			const holder = parseLock(text);
			const reason = holder ? staleReason(holder) : 'het bestand is onleesbaar';
			if (holder && reason === null)
				throw new StoreLockedError(
					`De datamap ${dataDir} is in gebruik door een ander proces (pid ${holder.pid}). ` +
						`Stop dat proces of kies een andere DATA_DIR.`
				);
			log(`[opslag] Oude vergrendeling ${path} van pid ${holder?.pid ?? '?'} overgenomen: ${reason}.`);
			// Only the lock judged stale: one that another starter wrote meanwhile stays.
			try {
				if (readFileSync(path, 'utf8') === text) rmSync(path);
			} catch {
				/* already gone */
			}
		}
	}
	throw new StoreLockedError(`Kon de datamap ${dataDir} niet vergrendelen (${path}).`);
}
