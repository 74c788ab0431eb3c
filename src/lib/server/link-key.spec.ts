import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm, stat, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinkKeyError, linkKeyFile, loadLinkKey, replaceLinkKeyFile } from './link-key';

let root: string;
let dataDir: string;
beforeEach(async () => {
	root = await mkdtemp(join(tmpdir(), 'am-linkkey-'));
	dataDir = join(root, 'data');
});
afterEach(async () => {
	await rm(root, { recursive: true, force: true });
});

describe('the link key', () => {
	it('is made once, beside DATA_DIR, readable by the owner only, and read back the same', async () => {
		const env = {};
		const first = loadLinkKey(dataDir, env);
		expect(first.length).toBe(32);
		const path = linkKeyFile(dataDir, env);
		expect(path).toBe(`${dataDir}.link-key`);
		expect((await stat(path)).mode & 0o777).toBe(0o600);
		expect(loadLinkKey(dataDir, env).equals(first)).toBe(true);
	});

	it('comes from LINK_KEY first, in hex or base64url, and refuses a short one', () => {
		const hex = 'ab'.repeat(32);
		expect(loadLinkKey(dataDir, { LINK_KEY: hex }).toString('hex')).toBe(hex);
		const b64 = Buffer.alloc(32, 7).toString('base64url');
		expect(loadLinkKey(dataDir, { LINK_KEY: b64 }).equals(Buffer.alloc(32, 7))).toBe(true);
		expect(() => loadLinkKey(dataDir, { LINK_KEY: 'kort' })).toThrow(LinkKeyError);
	});

	it('must come from LINK_KEY when the data is in PostgreSQL, where several instances share it', () => {
		const DATABASE_URL = 'postgresql://127.0.0.1/am';
		expect(() => loadLinkKey(dataDir, { DATABASE_URL })).toThrow(/LINK_KEY nodig/);
		expect(loadLinkKey(dataDir, { DATABASE_URL, LINK_KEY: 'ab'.repeat(32) }).length).toBe(32);
	});

	it('refuses a key file inside DATA_DIR: a copy of the data folder must not open links', () => {
		expect(() => loadLinkKey(dataDir, { LINK_KEY_FILE: join(dataDir, 'sleutel') })).toThrow(/ligt in DATA_DIR/);
	});

	it('says which file is damaged rather than making a new key over it', async () => {
		const { writeFile } = await import('node:fs/promises');
		await writeFile(`${dataDir}.link-key`, 'te kort\n');
		expect(() => loadLinkKey(dataDir, {})).toThrow(/link-key bevat geen geldige sleutel/);
		expect(await readFile(`${dataDir}.link-key`, 'utf8')).toBe('te kort\n');
	});

	it('is replaced by a rotation, still 0600; a rotation refuses while the key comes from the environment', async () => {
		const before = loadLinkKey(dataDir, {});
		const after = replaceLinkKeyFile(dataDir, {});
		expect(after.equals(before)).toBe(false);
		expect(loadLinkKey(dataDir, {}).equals(after)).toBe(true);
		expect((await stat(`${dataDir}.link-key`)).mode & 0o777).toBe(0o600);
		expect(() => replaceLinkKeyFile(dataDir, { LINK_KEY: 'ab'.repeat(32) })).toThrow(LinkKeyError);
	});
});
