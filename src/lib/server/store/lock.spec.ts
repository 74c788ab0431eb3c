import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { acquireLock } from './lock';
import { StoreLockedError } from './errors';
import { bootId, hasProc, processInfo } from './process-identity';

let dir: string;
let logs: string[];
const children: ChildProcess[] = [];

const lock = (content: unknown) =>
	writeFile(join(dir, '.lock'), typeof content === 'string' ? content : JSON.stringify(content));
const acquire = () => acquireLock(dir, (m) => logs.push(m));
const startTime = (pid: number) => processInfo(pid)!.startTime;

function child(command: string, args: string[]) {
	const c = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
	children.push(c);
	return c;
}

async function until(check: () => boolean) {
	for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
	expect(check()).toBe(true);
}

/** Takes the lock and checks that the log names the old pid; leaves no lock behind. */
function expectTakeOver(pid: number, reason: RegExp) {
	const release = acquire();
	expect(logs.join('\n')).toMatch(new RegExp(`Oude vergrendeling .* van pid ${pid} overgenomen: ${reason.source}`));
	release();
}

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'am-lock-'));
	logs = [];
});
afterEach(async () => {
	for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
	await rm(dir, { recursive: true, force: true });
});

// The start time and zombie state come from Linux's /proc; elsewhere the lock trusts kill(pid, 0).
describe.skipIf(!hasProc())('acquireLock', () => {
	it('writes pid, start time and boot id, and removes its own lock on release', async () => {
		const release = acquire();
		const written = JSON.parse(await readFile(join(dir, '.lock'), 'utf8'));
		expect(written).toEqual({ pid: process.pid, startTime: startTime(process.pid), bootId: bootId() });
		expect(() => acquire()).toThrow(/in dit proces al geopend/);
		release();
		expect(await readdir(dir)).toEqual([]);
	});

	it('takes over a lock whose pid no longer exists', async () => {
		const gone = child(process.execPath, ['-e', '']);
		await new Promise((r) => gone.once('exit', r));
		await lock({ pid: gone.pid, startTime: '1', bootId: bootId() });
		expectTakeOver(gone.pid!, /het proces bestaat niet meer/);
	});

	it('takes over a lock whose pid now belongs to another process (start time differs)', async () => {
		const sleeper = child('sleep', ['30']);
		await until(() => processInfo(sleeper.pid!) !== null);
		await lock({ pid: sleeper.pid, startTime: String(Number(startTime(sleeper.pid!)) - 1), bootId: bootId() });
		expectTakeOver(sleeper.pid!, /het pid is hergebruikt door een ander proces/);
	});

	it('takes over an old plain-pid lock of a process that is not node', async () => {
		const sleeper = child('sleep', ['30']);
		await until(() => processInfo(sleeper.pid!)?.argv0 === 'sleep');
		await lock(String(sleeper.pid));
		expectTakeOver(sleeper.pid!, /het pid is hergebruikt door een ander programma \(sleep\)/);
	});

	it('takes over a lock of a zombie, even with the right start time', async () => {
		// sh starts `sleep 0` in the background and becomes `sleep 30`, which never reaps it.
		const parent = child('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30']);
		const pid = await new Promise<number>((r) => parent.stdout!.once('data', (b) => r(Number.parseInt(String(b), 10))));
		await until(() => processInfo(pid)?.state === 'Z');
		await lock({ pid, startTime: startTime(pid), bootId: bootId() });
		expectTakeOver(pid, /het proces is beëindigd \(zombie\)/);
	});

	it('takes over a lock written before the last boot', async () => {
		const sleeper = child('sleep', ['30']);
		await until(() => processInfo(sleeper.pid!) !== null);
		await lock({ pid: sleeper.pid, startTime: startTime(sleeper.pid!), bootId: 'een-andere-boot' });
		expectTakeOver(sleeper.pid!, /de computer is sindsdien herstart/);
	});

	it('refuses while the process that wrote the lock runs, in either lock format', async () => {
		const server = child(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
		await until(() => processInfo(server.pid!) !== null);
		await lock({ pid: server.pid, startTime: startTime(server.pid!), bootId: bootId() });
		expect(() => acquire()).toThrow(StoreLockedError);
		expect(() => acquire()).toThrow(new RegExp(`in gebruik door een ander proces \\(pid ${server.pid}\\)`));
		await lock(String(server.pid));
		expect(() => acquire()).toThrow(StoreLockedError);
		expect(logs).toEqual([]);
	});
});
