import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { errorCode } from './errors';

/**
 * The files in DATA_DIR/rounds (snapshots, journals, backups, leftovers), sorted. A folder
 * with any of them holds answers: nothing may seed a new network over it.
 */
export async function roundDataFiles(dataDir: string): Promise<string[]> {
	try {
		return (await readdir(join(dataDir, 'rounds'))).sort();
	} catch (e) {
		if (errorCode(e) === 'ENOENT') return [];
		throw e;
	}
}

/** "a.json, a.log en nog 3": enough for the operator to recognise the folder. */
export function describeFiles(names: string[], max = 4): string {
	const shown = names.slice(0, max).join(', ');
	return names.length > max ? `${shown} en nog ${names.length - max}` : shown;
}
