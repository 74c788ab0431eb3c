import { closeSync, openSync, readFileSync, rmSync, writeSync, fsyncSync } from 'node:fs';
import { join } from 'node:path';
import { StoreLockedError, errorCode } from './errors';

const held = new Set<string>();

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return errorCode(e) === 'EPERM';
	}
}

/**
 * One process per data folder: two servers writing the same files would overwrite each
 * other's acknowledged writes. A lock left by a killed process (its pid is gone) is taken over.
 */
export function acquireLock(dataDir: string): () => void {
	const path = join(dataDir, '.lock');
	if (held.has(path))
		throw new StoreLockedError(`De datamap ${dataDir} is in dit proces al geopend.`);
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			const fd = openSync(path, 'wx', 0o600);
			writeSync(fd, String(process.pid));
			fsyncSync(fd);
			closeSync(fd);
			held.add(path);
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				process.off('exit', release);
				held.delete(path);
				try {
					if (readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path);
				} catch {
					/* already gone */
				}
			};
			process.once('exit', release);
			return release;
		} catch (e) {
			if (errorCode(e) !== 'EEXIST') throw e;
			let pid = NaN;
			try {
				pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
			} catch {
				/* raced with a release; try again */
			}
			if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
				throw new StoreLockedError(
					`De datamap ${dataDir} is in gebruik door een ander proces (pid ${pid}). ` +
						`Stop dat proces of kies een andere DATA_DIR.`
				);
			rmSync(path, { force: true });
		}
	}
	throw new StoreLockedError(`Kon de datamap ${dataDir} niet vergrendelen (${path}).`);
}
