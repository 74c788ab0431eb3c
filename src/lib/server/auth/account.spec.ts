import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { JsonStore } from '../store/json-store';
import { domainContext } from '../context';
import * as audit from '../audit';
import * as account from './account';
import { addUser, checkCredentials } from './users';
import { createSession, resolveSession } from './sessions';
import { matchSecondFactor, spend } from './totp';
import type { User } from '$lib/model/user';
import { networkSchema } from '$lib/model/network';

let dir: string;
let store: JsonStore;
let user: User;
let password: string;
let token: string;
let clock: Date;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'am-account-'));
	store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	({ user, password } = await addUser(store, 'beheer@regio.nl', 'admin'));
	token = (await createSession(store, user.id)).token;
	clock = new Date();
});
afterEach(async () => {
	await store.close();
	await rm(dir, { recursive: true, force: true });
});
const ctx = () => domainContext(store, { id: user.id, email: user.email, role: user.role }, () => clock);
const me = () => store.network().users.find((u) => u.id === user.id)!;
/** The code an authenticator app shows, from the library's own generator. */
const appCode = (secret: string, at = clock) =>
	new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
		timestamp: at.getTime()
	});

async function enrol() {
	const { secret } = await account.startTotp(ctx(), token);
	const { recoveryCodes } = await account.confirmTotp(ctx(), token, appCode(secret));
	return { secret, recoveryCodes };
}

describe('own password', () => {
	it('needs the current password, and ends the other sessions but not this one', async () => {
		const other = await createSession(store, user.id);
		await expect(
			account.changePassword(ctx(), token, { current: 'fout', next: 'een nieuw wachtwoord' })
		).rejects.toThrow(account.AccountError);
		expect(await resolveSession(store, other.token)).not.toBeNull();
		await account.changePassword(ctx(), token, { current: password, next: 'een nieuw wachtwoord' });
		expect(await checkCredentials(store, user.email, 'een nieuw wachtwoord')).not.toBeNull();
		expect(await checkCredentials(store, user.email, password)).toBeNull();
		expect(await resolveSession(store, other.token)).toBeNull();
		expect(await resolveSession(store, token)).not.toBeNull();
		expect((await audit.list(ctx())).entries[0].action).toBe('account.password-changed');
	});
});

describe('second factor (TOTP)', () => {
	it('enrols with a QR code and the key as text, kept on the session until a code from the app confirms it', async () => {
		const started = await account.startTotp(ctx(), token);
		expect(started.secret).toMatch(/^[A-Z2-7]{32}$/);
		expect(started.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
		// Not the account's yet: a second browser of the same account does not see it either.
		expect(me().totpSecret).toBeNull();
		expect((await account.pendingTotp(ctx(), token))?.secret).toBe(started.secret);
		const other = (await createSession(store, user.id)).token;
		expect(await account.pendingTotp(ctx(), other)).toBeNull();

		await expect(account.confirmTotp(ctx(), token, '000000')).rejects.toThrow(/klopt niet/);
		const { recoveryCodes } = await account.confirmTotp(ctx(), token, appCode(started.secret));
		expect(me().totpSecret).toBe(started.secret);
		expect(recoveryCodes).toHaveLength(10);
		expect(new Set(recoveryCodes).size).toBe(10);
		const files =
			(await readFile(join(dir, 'network.json'), 'utf8')) + (await readFile(join(dir, 'sessions.json'), 'utf8'));
		for (const code of recoveryCodes) expect(files).not.toContain(code);
		expect(me().recoveryCodeHashes).toHaveLength(10);
		expect(await account.pendingTotp(ctx(), token)).toBeNull();
		expect((await audit.list(ctx())).entries[0].action).toBe('account.totp-enabled');
	});

	it('does not start a second enrolment over one that is on', async () => {
		await enrol();
		await expect(account.startTotp(ctx(), token)).rejects.toThrow(/staat al aan/);
	});

	it('an enrolment left too long must start again', async () => {
		const { secret } = await account.startTotp(ctx(), token);
		clock = new Date(clock.getTime() + 11 * 60_000);
		await expect(account.confirmTotp(ctx(), token, appCode(secret))).rejects.toThrow(/te lang/);
	});

	it('accepts a code one step early or late, never further off, and never the same code twice', async () => {
		const { secret } = await enrol();
		const u = me();
		const later = new Date(clock.getTime() + 60_000);
		expect(matchSecondFactor(u, appCode(secret, new Date(later.getTime() - 30_000)), later)).toMatchObject({
			kind: 'totp'
		});
		expect(matchSecondFactor(u, appCode(secret, new Date(later.getTime() + 30_000)), later)).not.toBeNull();
		expect(matchSecondFactor(u, appCode(secret, new Date(later.getTime() + 120_000)), later)).toBeNull();
		// The code that confirmed the enrolment is spent.
		expect(matchSecondFactor(u, appCode(secret), clock)).toBeNull();
		const match = matchSecondFactor(u, appCode(secret, later), later)!;
		spend(u, match);
		expect(matchSecondFactor(u, appCode(secret, later), later)).toBeNull();
	});

	it('a recovery code works once, typed with or without dash and in any case', async () => {
		const { recoveryCodes } = await enrol();
		const u = me();
		const match = matchSecondFactor(u, ` ${recoveryCodes[3].toUpperCase().replace('-', ' ')} `, clock);
		expect(match).toMatchObject({ kind: 'recovery' });
		spend(u, match!);
		expect(matchSecondFactor(u, recoveryCodes[3], clock)).toBeNull();
		expect(matchSecondFactor(u, recoveryCodes[4], clock)).not.toBeNull();
		expect(u.recoveryCodeHashes).toHaveLength(9);
	});

	it('renews the recovery codes: the old ones stop working', async () => {
		const { recoveryCodes: old } = await enrol();
		const { recoveryCodes } = await account.renewRecoveryCodes(ctx());
		expect(matchSecondFactor(me(), old[0], clock)).toBeNull();
		expect(matchSecondFactor(me(), recoveryCodes[0], clock)).not.toBeNull();
		expect((await audit.list(ctx())).entries[0].action).toBe('account.recovery-codes-renewed');
	});

	it('switches off with the password, but not for an admin while the network requires it', async () => {
		await enrol();
		await store.updateNetwork((d) => {
			d.network = networkSchema.parse({ id: 'regio', name: 'Regio', requireTotpForAdmins: true });
		});
		await expect(account.disableTotp(ctx(), password)).rejects.toThrow(/verplicht/);
		await store.updateNetwork((d) => void (d.network!.requireTotpForAdmins = false));
		await expect(account.disableTotp(ctx(), 'fout')).rejects.toThrow(/huidige wachtwoord/);
		expect(me().totpSecret).not.toBeNull();
		await account.disableTotp(ctx(), password);
		expect(me()).toMatchObject({ totpSecret: null, recoveryCodeHashes: [] });
		expect((await audit.list(ctx())).entries[0].action).toBe('account.totp-disabled');
	});

	it('while the network requires it, an admin’s session says so until the second factor is set up', async () => {
		expect((await resolveSession(store, token))?.mustEnrolTotp).toBeUndefined();
		await store.updateNetwork((d) => {
			d.network = networkSchema.parse({ id: 'regio', name: 'Regio', requireTotpForAdmins: true });
		});
		expect((await resolveSession(store, token))?.mustEnrolTotp).toBe(true);
		const viewer = await addUser(store, 'kijker@regio.nl', 'viewer');
		const viewerToken = (await createSession(store, viewer.user.id)).token;
		expect((await resolveSession(store, viewerToken))?.mustEnrolTotp).toBeUndefined();
		await enrol();
		expect((await resolveSession(store, token))?.mustEnrolTotp).toBeUndefined();
	});
});
