import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DurableJsonFile } from './durable-file';

vi.mock('node:fs/promises', async (importOriginal) => {
	const real = await importOriginal<typeof import('node:fs/promises')>();
	return { ...real, rename: vi.fn(real.rename) };
});

type Doc = { text: string };
const parse = (raw: unknown) => raw as Doc;

let dir: string;
let file: DurableJsonFile<Doc>;
const contents = async (): Promise<Record<string, string>> =>
	Object.fromEntries(
		await Promise.all((await readdir(dir)).sort().map(async (n) => [n, await readFile(join(dir, n), 'utf8')]))
	);

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'am-durable-'));
	file = new DurableJsonFile(join(dir, 'x.json'), parse, () => undefined);
});
afterEach(async () => {
	vi.mocked(fs.rename).mockReset();
	await rm(dir, { recursive: true, force: true });
});

describe('DurableJsonFile.writeForgetting', () => {
	it('leaves no earlier version on disk: the backup is a copy of the new one', async () => {
		await file.write({ text: 'Piet Paulusma zei het' });
		await file.write({ text: 'Piet Paulusma zei het nog eens' });
		await file.writeForgetting({ text: '[weggelaten] zei het nog eens' });
		const files = await contents();
		expect(Object.keys(files)).toEqual(['x.json', 'x.json.bak']);
		for (const text of Object.values(files))
			expect(JSON.parse(text)).toEqual({ text: '[weggelaten] zei het nog eens' });
		expect(await file.read()).toEqual({ text: '[weggelaten] zei het nog eens' });
	});

	it('a failure between replacing the backup and the main file leaves the old version current, and no temp file', async () => {
		await file.writeForgetting({ text: 'Piet' });
		const real = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
		vi.mocked(fs.rename)
			.mockImplementationOnce(real.rename)
			.mockRejectedValueOnce(Object.assign(new Error('EIO'), { code: 'EIO' }));
		await expect(file.writeForgetting({ text: '[weggelaten]' })).rejects.toThrow('EIO');
		const files = await contents();
		expect(Object.keys(files)).toEqual(['x.json', 'x.json.bak']);
		// Not acknowledged, so the old text is still the file; its backup is already the new one.
		expect(JSON.parse(files['x.json'])).toEqual({ text: 'Piet' });
		expect(JSON.parse(files['x.json.bak'])).toEqual({ text: '[weggelaten]' });
	});
});

describe('temp files left by a crash', () => {
	it('are removed by the next write of the same file, and nothing else is', async () => {
		await writeFile(join(dir, '.x.json.4242.0123456789ab.tmp'), '{"text":"oude versie met Piet"}');
		await writeFile(join(dir, '.y.json.4242.0123456789ab.tmp'), 'van een ander bestand');
		await writeFile(join(dir, 'x.json.notes'), 'geen tijdelijk bestand');
		await file.write({ text: 'nieuw' });
		expect(Object.keys(await contents())).toEqual(['.y.json.4242.0123456789ab.tmp', 'x.json', 'x.json.notes']);
		await writeFile(join(dir, '.x.json.4242.0123456789ab.tmp'), '{"text":"oude versie met Piet"}');
		await file.writeForgetting({ text: 'nieuwer' });
		expect(Object.keys(await contents())).toEqual([
			'.y.json.4242.0123456789ab.tmp',
			'x.json',
			'x.json.bak',
			'x.json.notes'
		]);
	});
});
