import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { GCProfiler, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full collection before a memory reading, so that it does not count garbage from the set-up.
// `npm run bench` runs node without --expose-gc; the flag can still be set at run time.
setFlagsFromString('--expose-gc');
export const gc = runInNewContext('gc') as () => void;

/** A field of /proc/<pid>/status in MB: VmRSS (resident now) or VmHWM (peak resident). */
export function procMb(pid: number | 'self', field: 'VmRSS' | 'VmHWM'): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
}

/** Sets this process's peak resident size (VmHWM) back to its current size (Linux ≥ 4.0). */
export const resetPeakRss = () => writeFileSync('/proc/self/clear_refs', '5');

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function procCpuMs(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// The fields after the command name (in parentheses, which may contain spaces): utime is the
	// 14th field of the line, stime the 15th, in clock ticks of 10 ms.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU time of a process and all its children, in ms: its own and its reaped children's (cutime,
 * cstime) plus each live child's. For PostgreSQL, whose postmaster starts a process per
 * connection, this counts backends that have already ended too.
 */
export function treeCpuMs(pid: number): number {
	const fieldsOf = (p: number | string) => {
		const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	};
	const own = fieldsOf(pid);
	let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const f = fieldsOf(entry);
			// The 4th field of the line (2nd after the name) is the parent's pid.
			if (Number(f[1]) === pid) ticks += Number(f[11]) + Number(f[12]);
		} catch {
			/* ended while we looked */
		}
	}
	return ticks * 10;
}

/**
 * Runs `work` and returns, besides its result, the most heap it used above the start (in MB):
 * the heap is fullest just before a collection, which V8's GC profiler reports each time.
 */
export async function peakHeapOf<T>(work: () => Promise<T>): Promise<{ result: T; peakHeapMb: number }> {
	const before = process.memoryUsage().heapUsed;
	const profiler = new GCProfiler();
	profiler.start();
	const result = await work();
	const atEnd = process.memoryUsage().heapUsed;
	const peak = Math.max(atEnd, ...profiler.stop().statistics.map((s) => s.beforeGC.heapStatistics.usedHeapSize));
	return { result, peakHeapMb: (peak - before) / 2 ** 20 };
}
