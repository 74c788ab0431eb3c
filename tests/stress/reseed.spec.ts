import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { JsonStore } from '$lib/server/store/json-store';
import { expectExit, newDataDir, seed, startServer, submit } from './harness';

/** Every file under `dir` with its sha256: any change on disk shows up as a difference. */
async function hashes(dir: string): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		out[relative(dir, path)] = createHash('sha256')
			.update(await readFile(path))
			.digest('hex');
	}
	return out;
}

/** The built `npm run demo`, as tests/e2e/global-setup.ts runs it. */
const demoCli = (dataDir: string, ...args: string[]) =>
	spawnSync(process.execPath, ['build/cli/main.js', 'demo', ...args], {
		env: { ...process.env, DATA_DIR: dataDir, ORIGIN: 'http://localhost:3000' },
		encoding: 'utf8'
	});

const dropNetworkFile = async (dir: string) => {
	await rm(join(dir, 'network.json'));
	await rm(join(dir, 'network.json.bak'), { force: true });
};

describe('no new network over existing answers', () => {
	let dir: string;
	let roundId: string;
	let tokens: string[];
	beforeEach(async () => {
		dir = await newDataDir('reseed');
		({ roundId, tokens } = await seed(dir, 5));
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));

	it.each([['1'], ['0']])(
		'server with DEMO=%s refuses a folder with round data but no network file, changing nothing',
		async (demo) => {
			const server = await startServer(dir);
			expect((await submit(server.url, tokens[0])).status).toBe(303);
			await server.stop();
			await dropNetworkFile(dir);
			const before = await hashes(dir);
			expect(Object.keys(before)).toContain(`rounds/${roundId}.log`);

			const { code, output } = await expectExit(dir, { DEMO: demo });
			expect(code).not.toBe(0);
			expect(output).toMatch(
				/\[opslag\] De server start niet: .*network\.json ontbreekt .* bevat nog rondegegevens \(.*\.json/
			);
			expect(output).toMatch(/Zet network\.json terug uit een back-up/);
			expect(await hashes(dir)).toEqual(before);
		}
	);

	it('npm run demo refuses a network that is not the demo (exit 2, nothing changed) and resets it with --force', async () => {
		const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		await store.updateNetwork((d) => void Object.assign(d.network!, { isDemo: false, name: 'Regio Echt' }));
		await store.close();
		const before = await hashes(dir);

		const refused = demoCli(dir);
		expect(refused.status).toBe(2);
		expect(refused.stderr).toMatch(/npm run demo wist niets: .* bevat het netwerk "Regio Echt", geen demo\. .*--force/);
		expect(refused.stdout).not.toMatch(/Wachtwoord:/);
		expect(await hashes(dir)).toEqual(before);

		const forced = demoCli(dir, '--force');
		expect(forced.status).toBe(0);
		expect(forced.stdout).toMatch(/^E-mail: .*\nWachtwoord: /);
		const network = JSON.parse(await readFile(join(dir, 'network.json'), 'utf8'));
		expect(network.network.isDemo).toBe(true);
	});

	it('npm run demo refuses round data without a network file, and still resets a demo folder', async () => {
		await dropNetworkFile(dir);
		const before = await hashes(dir);
		const refused = demoCli(dir);
		expect(refused.status).toBe(2);
		expect(refused.stderr).toMatch(/rounds bevat rondegegevens \(.*\) maar er is geen netwerk/);
		expect(await hashes(dir)).toEqual(before);

		expect(demoCli(dir, '--force').status).toBe(0);
		const demoFolder = await hashes(dir);
		const again = demoCli(dir);
		expect(again.status).toBe(0);
		expect(again.stdout).toMatch(/^E-mail: /);
		expect(await hashes(dir)).not.toEqual(demoFolder);
	});
});
