import { readFileSync } from 'node:fs';
import { errorCode } from './errors';

/**
 * What Linux's /proc says about a process. A pid alone does not name a process: after a
 * restart (of a container, above all) the same pid belongs to someone else, and a zombie still
 * answers kill(pid, 0). The start time (field 22 of /proc/<pid>/stat) does name it.
 */
export type ProcessInfo = { state: string; startTime: string; argv0: string };

const read = (path: string) => {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return null;
	}
};

export const hasProc = () => read('/proc/self/stat') !== null;

export const bootId = () => read('/proc/sys/kernel/random/boot_id')?.trim() || null;

/** null when the process has no /proc entry (gone, or /proc is absent). */
export function processInfo(pid: number): ProcessInfo | null {
	const stat = read(`/proc/${pid}/stat`);
	if (stat === null) return null;
	// The command name in parentheses may hold spaces and ')' itself: split after the last one.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const argv0 = (read(`/proc/${pid}/cmdline`) ?? '').split('\0')[0];
	return { state: fields[0], startTime: fields[19], argv0 };
}

/** kill(pid, 0) where /proc cannot tell more: true also for a process of another user. */
export function pidExists(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return errorCode(e) === 'EPERM';
	}
}
