import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from '../store/json-store';
import { addUser } from './users';
import { Secret, TOTP } from 'otpauth';
import { LOGIN_POLICY, attemptLogin, logIn, logInSecondStep, type LoginAttempt } from './login';
import { resolveSession } from './sessions';
import { newRecoveryCodes } from './totp';
import { domainContext } from '../context';
import * as audit from '../audit';

let dir: string;
let store: JsonStore;
let owner: { email: string; password: string };
const t0 = new Date('2026-12-01T10:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'am-login-'));
	store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	const { user, password } = await addUser(store, 'eigenaar@regio.nl', 'admin');
	owner = { email: user.email, password };
});
afterEach(async () => {
	await store.close();
	await rm(dir, { recursive: true, force: true });
});

let clientChecks = 0;
const attempt = (over: Partial<LoginAttempt>) =>
	attemptLogin(store, {
		email: owner.email,
		password: owner.password,
		deviceTokens: [],
		clientLimited: async () => (clientChecks++, false),
		now: t0,
		...over
	});

async function ownerDevice() {
	const first = await attempt({ now: at(-60) });
	if (first.status !== 'ok') throw new Error(first.status);
	return first.deviceTokens;
}

async function strangerLocksAccount(now = t0) {
	for (let i = 0; i < LOGIN_POLICY.maxFailures; i++)
		expect((await attempt({ password: `gok-${i}`, now })).status).toBe('wrong');
}

describe('login policy (device cookies)', () => {
	it('locks strangers out of an account after 10 failures, even with the right password, while the owner’s browser logs in', async () => {
		const tokens = await ownerDevice();
		await strangerLocksAccount();
		const stranger = await attempt({});
		expect(stranger).toMatchObject({ status: 'locked', knownBrowser: false });
		const ownerAgain = await attempt({ deviceTokens: tokens });
		expect(ownerAgain.status).toBe('ok');
		// The used token is retired and replaced by a new one.
		if (ownerAgain.status !== 'ok') return;
		expect(ownerAgain.deviceTokens).toHaveLength(1);
		expect(ownerAgain.deviceTokens[0]).not.toBe(tokens[0]);
		expect((await attempt({ deviceTokens: tokens })).status).toBe('locked');
		expect((await attempt({ deviceTokens: ownerAgain.deviceTokens })).status).toBe('ok');
	});

	it('asks the per-client limit only for browsers the account does not know', async () => {
		const tokens = await ownerDevice();
		clientChecks = 0;
		expect((await attempt({ deviceTokens: tokens })).status).toBe('ok');
		expect(clientChecks).toBe(0);
		expect((await attempt({ clientLimited: async () => true })).status).toBe('client-limited');
	});

	it('a known browser that keeps failing locks only itself', async () => {
		const tokens = await ownerDevice();
		const other = await ownerDevice();
		for (let i = 0; i < LOGIN_POLICY.maxFailures; i++)
			expect((await attempt({ deviceTokens: tokens, password: 'fout' })).status).toBe('wrong');
		expect(await attempt({ deviceTokens: tokens })).toMatchObject({ status: 'locked', knownBrowser: true });
		expect((await attempt({ deviceTokens: other })).status).toBe('ok');
		expect((await attempt({})).status).toBe('ok');
	});

	it('a device token of one account gives nothing on another', async () => {
		const tokens = await ownerDevice();
		const { user, password } = await addUser(store, 'kijker@regio.nl', 'viewer');
		for (let i = 0; i < LOGIN_POLICY.maxFailures; i++) await attempt({ email: user.email, password: 'x' });
		expect((await attempt({ email: user.email, password, deviceTokens: tokens })).status).toBe('locked');
	});

	it('keeps the lock and the known browsers across a restart, and writes no client detail', async () => {
		const tokens = await ownerDevice();
		await strangerLocksAccount();
		await store.close();
		store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		expect((await attempt({})).status).toBe('locked');
		expect((await attempt({ deviceTokens: tokens })).status).toBe('ok');
		const file = await readFile(join(dir, 'sessions.json'), 'utf8');
		expect(file).not.toContain(tokens[0]);
		expect(file).not.toMatch(/127\.0\.0\.1|::1|ip/i);
	});

	it('lifts the lock after its time, and counts only failures within the window', async () => {
		await strangerLocksAccount();
		expect((await attempt({ now: at(LOGIN_POLICY.lockMs / 60_000 - 1) })).status).toBe('locked');
		expect((await attempt({ now: at(LOGIN_POLICY.lockMs / 60_000 + 1) })).status).toBe('ok');
		// Nine failures, a pause longer than the window, nine more: never locked.
		for (let i = 0; i < 9; i++) await attempt({ password: 'x', now: at(30) });
		for (let i = 0; i < 9; i++) await attempt({ password: 'x', now: at(50) });
		expect((await attempt({ now: at(50) })).status).toBe('ok');
	});

	it('locks unknown addresses the same way, so the lock does not tell which accounts exist', async () => {
		for (let i = 0; i < LOGIN_POLICY.maxFailures; i++)
			expect((await attempt({ email: 'niemand@regio.nl', password: 'x' })).status).toBe('wrong');
		expect((await attempt({ email: 'niemand@regio.nl', password: 'x' })).status).toBe('locked');
		const file = await readFile(join(dir, 'sessions.json'), 'utf8').catch(() => '');
		expect(file).not.toContain('niemand');
	});
});

describe('login with a second factor', () => {
	const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
	const code = (at: Date) =>
		new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
			timestamp: at.getTime()
		});
	let recovery: string[];
	const ctx = (now: Date) => domainContext(store, null, () => now);

	beforeEach(async () => {
		const made = newRecoveryCodes();
		recovery = made.codes;
		await store.updateNetwork((d) => {
			const u = d.users[0];
			u.totpSecret = secret;
			u.recoveryCodeHashes = made.hashes;
		});
	});

	const passwordStep = async (now = t0, deviceTokens: string[] = []) => {
		const r = await logIn(ctx(now), {
			email: owner.email,
			password: owner.password,
			deviceTokens,
			clientLimited: async () => false,
			previousSessionId: null
		});
		if (r.status !== 'second-factor') throw new Error(r.status);
		return r.pending.token;
	};
	const codeStep = (pendingToken: string | null, value: string, now = t0, deviceTokens: string[] = []) =>
		logInSecondStep(ctx(now), {
			pendingToken,
			code: value,
			deviceTokens,
			clientLimited: async () => false,
			previousSessionId: null
		});

	it('a right password opens no session and trusts no browser: only the code does', async () => {
		const pending = await passwordStep();
		expect(store.sessions().devices).toHaveLength(0);
		expect(await resolveSession(store, pending, t0)).toBeNull();
		const done = await codeStep(pending, code(t0));
		expect(done.status).toBe('ok');
		if (done.status !== 'ok') return;
		expect((await resolveSession(store, done.session.token, t0))?.email).toBe(owner.email);
		expect(done.deviceTokens).toHaveLength(1);
		// The second step is used up.
		expect((await codeStep(pending, code(at(0.5)), at(0.5))).status).toBe('expired');
	});

	it('the second step lasts 5 minutes, and a code is accepted once', async () => {
		expect((await codeStep(await passwordStep(), code(at(6)), at(6))).status).toBe('expired');
		expect((await codeStep(null, code(t0))).status).toBe('expired');
		expect((await codeStep(await passwordStep(), code(t0))).status).toBe('ok');
		expect((await codeStep(await passwordStep(), code(t0))).status).toBe('wrong');
	});

	it('a recovery code works once, and its use is in the audit log', async () => {
		expect((await codeStep(await passwordStep(), recovery[0])).status).toBe('ok');
		expect((await codeStep(await passwordStep(), recovery[0])).status).toBe('wrong');
		expect(store.network().users[0].recoveryCodeHashes).toHaveLength(9);
		const log = await audit.list(ctx(t0));
		expect(log.entries[0]).toMatchObject({ action: 'login.recovery-code-used', actor: { email: owner.email } });
		expect(log.entries[0].detail).toContain('nog 9 over');
	});

	it('wrong codes count with wrong passwords: ten lock the account for unknown browsers, the owner’s browser goes on', async () => {
		const trusted = await codeStep(await passwordStep(at(-60)), code(at(-60)), at(-60));
		if (trusted.status !== 'ok') throw new Error(trusted.status);
		const pending = await passwordStep();
		for (let i = 0; i < 5; i++) await attempt({ password: `gok-${i}` });
		for (let i = 0; i < LOGIN_POLICY.maxFailures - 6; i++)
			expect((await codeStep(pending, String(100000 + i))).status).toBe('wrong');
		expect(await codeStep(pending, '999999')).toMatchObject({ status: 'wrong', locked: 'account' });
		// Even the right code is refused now, from a browser the account does not know.
		expect(await codeStep(pending, code(t0))).toMatchObject({ status: 'locked', knownBrowser: false });
		expect((await audit.list(ctx(t0))).entries[0]).toMatchObject({ action: 'login.locked' });
		const owners = await codeStep(await passwordStep(t0, trusted.deviceTokens), code(t0), t0, trusted.deviceTokens);
		expect(owners.status).toBe('ok');
	});
});
