import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from '../store/json-store';
import { addUser, checkCredentials } from './users';
import { SESSION_IDLE_MS, SESSION_MAX_MS, createSession, deleteSession, resolveSession } from './sessions';

let dir: string;
let store: JsonStore;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'am-auth-'));
	store = await JsonStore.open({ dataDir: dir, log: () => undefined });
});
afterEach(async () => {
	await store.close();
	await rm(dir, { recursive: true, force: true });
});

describe('accounts and sessions', () => {
	it('stores an argon2id hash, never the password, and checks it', async () => {
		const { user, password } = await addUser(store, ' Team@Regio.NL ', 'viewer');
		expect(user.email).toBe('team@regio.nl');
		expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await readFile(join(dir, 'network.json'), 'utf8')).not.toContain(password);
		expect(password.length).toBeGreaterThanOrEqual(20);
		expect((await checkCredentials(store, 'TEAM@regio.nl', password))?.id).toBe(user.id);
		expect(await checkCredentials(store, 'team@regio.nl', password + 'x')).toBeNull();
		expect(await checkCredentials(store, 'niemand@regio.nl', password)).toBeNull();
		await expect(addUser(store, 'team@regio.nl', 'admin')).rejects.toThrow(/bestaat al/);
		await expect(addUser(store, 'geen-adres', 'admin')).rejects.toThrow();
	});

	it('keeps only the token hash, and ends a session at logout, after idling and at its maximum age', async () => {
		const { user } = await addUser(store, 'a@regio.nl', 'admin');
		const t0 = new Date('2026-11-27T09:00:00Z');
		const { token } = await createSession(store, user.id, t0);
		expect(token.length).toBeGreaterThanOrEqual(43);
		expect(await readFile(join(dir, 'sessions.json'), 'utf8')).not.toContain(token);
		expect(await resolveSession(store, token, t0)).toEqual({ id: user.id, email: 'a@regio.nl', role: 'admin' });

		// Active every hour: survives past the idle limit, but not past the maximum age.
		let t = t0.getTime();
		while (t + 60 * 60 * 1000 < t0.getTime() + SESSION_MAX_MS) {
			t += 60 * 60 * 1000;
			expect(await resolveSession(store, token, new Date(t))).not.toBeNull();
		}
		expect(await resolveSession(store, token, new Date(t0.getTime() + SESSION_MAX_MS + 1))).toBeNull();

		const idle = await createSession(store, user.id, t0);
		expect(await resolveSession(store, idle.token, new Date(t0.getTime() + SESSION_IDLE_MS + 1000))).toBeNull();

		const out = await createSession(store, user.id, t0);
		await deleteSession(store, out.token);
		expect(await resolveSession(store, out.token, t0)).toBeNull();
		expect(await resolveSession(store, 'verzonnen-token', t0)).toBeNull();
	});
});
