import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, mkdtemp, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal, type OpenFile } from './journal';
import { StoreError } from './errors';

type Entry = { n: number; pad?: string };
const parse = (raw: unknown) => raw as Entry;
const lines = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ n: i }) + '\n').join('');

type Faults = {
	/** Most bytes one write() call puts on disk (a nearly full disk writes short without an error). */
	maxWrite?: number;
	/** write() puts this many bytes on disk, then throws ENOSPC. */
	failAfter?: number;
	datasync?: () => Promise<void>;
};

/** fs/promises' open whose handles misbehave at the file-handle level, as a failing disk does. */
function faultyOpen(faults: Faults, calls = { datasync: 0, writes: 0 }): OpenFile {
	return async (path, flags, mode) => {
		const real = await open(path, flags, mode);
		const write = async (buffer: Buffer, offset: number, length: number, position: number | null) => {
			calls.writes++;
			if (faults.failAfter !== undefined) {
				await real.write(buffer, offset, Math.min(length, faults.failAfter), position);
				throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
			}
			return real.write(buffer, offset, Math.min(length, faults.maxWrite ?? length), position);
		};
		const datasync = async () => {
			calls.datasync++;
			await (faults.datasync ?? (() => real.datasync()))();
		};
		return new Proxy(real, {
			get(target, prop) {
				if (prop === 'write') return write;
				if (prop === 'datasync') return datasync;
				const v = Reflect.get(target, prop, target);
				return typeof v === 'function' ? v.bind(target) : v;
			}
		}) as FileHandle;
	};
}

let dir: string;
let path: string;
let logs: string[];
const journal = (o?: OpenFile) => new Journal<Entry>(path, { log: (m) => logs.push(m), open: o });
const reopen = () => journal().open(parse);

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'am-journal-'));
	path = join(dir, 'ronde.log');
	logs = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('Journal under file-handle faults', () => {
	it('cuts a torn last line on open, so a later append does not join the fragment', async () => {
		await appendFile(path, lines(2) + '{"n":99,"pa');
		const j = journal();
		expect((await j.open(parse)).map((e) => e.n)).toEqual([0, 1]);
		expect(await readFile(path, 'utf8')).toBe(lines(2));
		expect(logs.join('\n')).toMatch(/onvolledige laatste regel/);
		await j.append([{ n: 2 }]);
		expect((await reopen()).map((e) => e.n)).toEqual([0, 1, 2]);
	});

	it('leaves exactly the earlier complete lines after an append that failed halfway', async () => {
		const j = journal(faultyOpen({ failAfter: 7 }));
		await appendFile(path, lines(2));
		await j.open(parse);
		await expect(j.append([{ n: 2 }, { n: 3 }])).rejects.toThrow(StoreError);
		expect(await readFile(path, 'utf8')).toBe(lines(2));

		const healthy = journal();
		await healthy.open(parse);
		await healthy.append([{ n: 2 }]);
		expect((await reopen()).map((e) => e.n)).toEqual([0, 1, 2]);
	});

	it('keeps writing until a short write is complete', async () => {
		const calls = { datasync: 0, writes: 0 };
		const j = journal(faultyOpen({ maxWrite: 5 }, calls));
		await j.open(parse);
		const entries = [{ n: 0, pad: 'x'.repeat(40) }, { n: 1 }];
		await j.append(entries);
		expect(calls.writes).toBeGreaterThan(1);
		expect(await reopen()).toEqual(entries);
		expect(j.size).toBe((await readFile(path)).length);
	});

	it('does not resolve an append before datasync has finished', async () => {
		let finish!: () => void;
		const calls = { datasync: 0, writes: 0 };
		const j = journal(faultyOpen({ datasync: () => new Promise<void>((r) => (finish = r)) }, calls));
		await j.open(parse);
		let resolved = false;
		const appending = j.append([{ n: 0 }]).then(() => (resolved = true));
		await new Promise((r) => setTimeout(r, 50));
		expect(calls.datasync).toBe(1);
		expect(resolved).toBe(false);
		finish();
		await appending;
		expect(resolved).toBe(true);
	});

	it('rejects an append whose datasync fails, and leaves no line of it behind', async () => {
		const j = journal(faultyOpen({ datasync: () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' })) }));
		await appendFile(path, lines(1));
		await j.open(parse);
		await expect(j.append([{ n: 1 }])).rejects.toThrow(/Schrijven naar .* mislukt \(EIO\)/);
		expect(await readFile(path, 'utf8')).toBe(lines(1));
	});
});
