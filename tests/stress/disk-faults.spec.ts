import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fullAnswers, newDataDir, seed, startServer, submit, submittedOnDisk, tokenHash, type Server } from './harness';
import { expectFixedHeaders, expectPagePolicy } from './page-security';

/**
 * A full disk and a folder turned read-only during submissions. The data folder sits on a small
 * tmpfs of its own, which needs root and a kernel that lets us mount (as in CI). Whether that
 * works is found out by mounting a tiny tmpfs for real: `mount --version` only proved the binary
 * exists, and a container without CAP_SYS_ADMIN then skipped these tests without a word.
 * On CI a failed probe fails the file; elsewhere the tests are skipped with the reason printed.
 */
function probeTmpfs(): string | null {
	if (process.getuid?.() !== 0) return 'not running as root';
	const dir = mkdtempSync(join(tmpdir(), 'am-mount-probe-'));
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
	} catch (e) {
		rmSync(dir, { recursive: true, force: true });
		const err = e as { stderr?: Buffer; message: string };
		return `mounting a tmpfs failed: ${err.stderr?.toString().trim() || err.message}`;
	}
	try {
		writeFileSync(join(dir, 'probe'), 'x');
	} finally {
		execFileSync('umount', [dir]);
		rmSync(dir, { recursive: true, force: true });
	}
	return null;
}
const cannotMount = probeTmpfs();
if (cannotMount) {
	const onCi = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
	if (onCi) throw new Error(`disk-faults: CI must run these tests, but ${cannotMount}.`);
	console.warn(`disk-faults overgeslagen: ${cannotMount}.`);
}

describe.skipIf(cannotMount !== null)('disk full and read-only data folder', () => {
	let base: string;
	let mnt: string;
	let server: Server;
	let roundId: string;
	let tokens: string[];
	let used = 0;

	beforeAll(async () => {
		base = await newDataDir('disk');
		const seeded = join(base, 'seeded');
		({ roundId, tokens } = await seed(seeded, 40));
		mnt = join(base, 'mnt');
		await mkdir(mnt);
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mnt]);
		await cp(seeded, mnt, { recursive: true });
		server = await startServer(mnt);
	});
	afterAll(async () => {
		await server?.stop();
		try {
			execFileSync('umount', [mnt]);
		} catch {
			/* already unmounted */
		}
		await rm(base, { recursive: true, force: true });
	});

	it('tells the respondent when the disk is full and keeps everything acknowledged', async () => {
		expect((await submit(server.url, tokens[0])).status).toBe(303);
		// Fill the disk to the last byte.
		const filler = join(mnt, 'filler');
		try {
			execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k'], { stdio: 'ignore' });
		} catch {
			/* dd stops with ENOSPC, as intended */
		}
		// The journal's last page may still have room, so keep submitting until the disk refuses.
		const acknowledged = [tokens[0]];
		let refused: Response | null = null;
		for (const token of tokens.slice(1, 30)) {
			const res = await fetch(`${server.url}/s/${token}?/submit`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
				body: new URLSearchParams(fullAnswers('2')).toString(),
				redirect: 'manual'
			});
			if (res.status === 303) acknowledged.push(token);
			else {
				refused = res;
				break;
			}
		}
		expect(refused?.status).toBe(500);
		// The error page is a page like any other: same headers, same policy, nonces on its scripts.
		expectFixedHeaders(refused!, 'error page');
		expect(await expectPagePolicy(refused!, 'error page', server.url)).toContain(
			'Wat u eerder opsloeg, is niet verloren'
		);

		await rm(filler);
		const retry = tokens[acknowledged.length];
		expect((await submit(server.url, retry)).status).toBe(303);
		acknowledged.push(retry);
		await server.stop();
		const disk = await submittedOnDisk(mnt, roundId);
		const missing = acknowledged.filter((t) => !disk.byTokenHash.has(tokenHash(t)));
		expect(missing).toEqual([]);
		used = acknowledged.length;
		server = await startServer(mnt);
	});

	it('tells the respondent when the folder turns read-only, and recovers when it is writable again', async () => {
		const [before, during] = [tokens[used], tokens[used + 1]];
		expect((await submit(server.url, before)).status).toBe(303);
		execFileSync('mount', ['-o', 'remount,ro', mnt]);
		try {
			const res = await submit(server.url, during);
			expect(res.status).toBe(500);
		} finally {
			execFileSync('mount', ['-o', 'remount,rw', mnt]);
		}
		expect((await submit(server.url, during)).status).toBe(303);
		await server.stop();
		const disk = await submittedOnDisk(mnt, roundId);
		for (const t of [...tokens.slice(0, used), before, during]) expect(disk.byTokenHash.has(tokenHash(t))).toBe(true);
		await writeFile(join(mnt, 'ok'), 'writable');
		server = await startServer(mnt);
	});
});
