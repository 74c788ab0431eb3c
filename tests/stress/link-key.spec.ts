import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { JsonStore } from '$lib/server/store/json-store';
import { domainContext } from '$lib/server/context';
import { loadLinkKey } from '$lib/server/link-key';
import { rederiveLinks } from '$lib/server/links';
import { surveyToken } from '$lib/server/tokens';
import { expectExit, newDataDir, seed, startServer } from './harness';

/**
 * Survey links from the key file, as on a machine without LINK_KEY: the server makes the key
 * beside DATA_DIR on first start and keeps using it; the data folder alone holds no link and no
 * key; rotating the key (server stopped) stops every earlier link and opens the new ones.
 */
const WITHOUT_ENV_KEY = { LINK_KEY: '' };

async function filesUnder(dir: string): Promise<string[]> {
	const out: string[] = [];
	for (const e of await readdir(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		if (e.isDirectory()) out.push(...(await filesUnder(p)));
		else out.push(p);
	}
	return out;
}

describe('survey links from the key file', () => {
	let dir: string;
	let roundId: string;
	let invitationId: string;
	const linkUnder = (key: Buffer) => surveyToken(key, roundId, invitationId).token;
	const status = async (url: string, token: string) => {
		const res = await fetch(`${url}/s/${token}`, { redirect: 'manual' });
		await res.arrayBuffer();
		return res.status;
	};

	beforeAll(async () => {
		dir = await newDataDir('link-key');
		const data = await seed(dir, 3);
		roundId = data.roundId;
		// The seed used the tests' shared key; this installation uses its own key file.
		const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		await rederiveLinks(domainContext(store, null), loadLinkKey(dir, {}));
		invitationId = [...(await store.round(roundId))!.invitations.keys()][0];
		await store.close();
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
		await rm(`${dir}.link-key`, { force: true });
	});

	it('keeps the key beside DATA_DIR, mode 0600, and opens the same link after a restart', async () => {
		const key = loadLinkKey(dir, {});
		expect((await stat(`${dir}.link-key`)).mode & 0o777).toBe(0o600);
		for (let start = 0; start < 2; start++) {
			const server = await startServer(dir, WITHOUT_ENV_KEY);
			try {
				expect(await status(server.url, linkUnder(key))).toBe(200);
			} finally {
				expect(await server.stop()).toBe(0);
			}
		}
	});

	it('is made by the first start of an empty installation, and a damaged one stops the start by name', async () => {
		const fresh = await newDataDir('link-key-fresh');
		try {
			const server = await startServer(fresh, WITHOUT_ENV_KEY);
			expect(await server.stop()).toBe(0);
			expect((await stat(`${fresh}.link-key`)).mode & 0o777).toBe(0o600);
			await writeFile(`${fresh}.link-key`, 'kapot\n');
			const { code, output } = await expectExit(fresh, WITHOUT_ENV_KEY);
			expect(code).toBe(1);
			expect(output).toContain(`${fresh}.link-key bevat geen geldige sleutel`);
		} finally {
			await rm(fresh, { recursive: true, force: true });
			await rm(`${fresh}.link-key`, { force: true });
		}
	});

	it('does not start with a key that made none of the open rounds’ links, and names the way out', async () => {
		const { code, output } = await expectExit(dir, { LINK_KEY: 'ab'.repeat(32) });
		expect(code).toBe(1);
		expect(output).toMatch(/LINK_KEY is niet de sleutel waarmee de enquêtelinks zijn gemaakt: geen van de \d+ links/);
		expect(output).toContain('npm run link-key -- rederive');
		// The right key still starts it.
		const server = await startServer(dir, WITHOUT_ENV_KEY);
		expect(await status(server.url, linkUnder(loadLinkKey(dir, {})))).toBe(200);
		expect(await server.stop()).toBe(0);

		// One link made under another key: the server starts and says which part will not open.
		const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		const state = (await store.round(roundId))!;
		const other = [...state.invitations.values()][1];
		const foreign = surveyToken(Buffer.alloc(32, 7), roundId, other.id).tokenHash;
		await store.transactRound(roundId, () => ({
			ops: [{ t: 'invitation', v: { ...other, tokenHash: foreign } }],
			result: null
		}));
		await store.close();
		const warned = await startServer(dir, WITHOUT_ENV_KEY);
		expect(await warned.stop()).toBe(0);
		expect(warned.output()).toMatch(/\[links\] 1 van de \d+ links .* andere sleutel gemaakt dan het sleutelbestand/);
		const again = await JsonStore.open({ dataDir: dir, log: () => undefined });
		await rederiveLinks(domainContext(again, null), loadLinkKey(dir, {}));
		await again.close();
	});

	it('leaves no link and no key in the data folder', async () => {
		const key = loadLinkKey(dir, {});
		const secret = linkUnder(key).split('.')[1];
		for (const file of await filesUnder(dir)) {
			const text = await readFile(file, 'utf8');
			expect(text, file).not.toContain(secret);
			expect(text, file).not.toContain(key.toString('base64url'));
		}
	});

	it('rotates: every earlier link stops working and the new ones open', async () => {
		const before = linkUnder(loadLinkKey(dir, {}));
		const { stdout } = await promisify(execFile)(process.execPath, ['build/cli/main.js', 'link-key', 'rotate'], {
			env: { ...process.env, DATA_DIR: dir, ...WITHOUT_ENV_KEY }
		});
		expect(stdout).toMatch(/Nieuwe sleutel in .*\.link-key\. \d+ links opnieuw afgeleid/);
		const after = linkUnder(loadLinkKey(dir, {}));
		expect(after).not.toBe(before);
		const server = await startServer(dir, WITHOUT_ENV_KEY);
		try {
			expect(await status(server.url, before)).toBe(404);
			expect(await status(server.url, after)).toBe(200);
		} finally {
			await server.stop();
		}
	});
});
