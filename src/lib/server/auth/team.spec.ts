import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from '../store/json-store';
import { domainContext } from '../context';
import * as audit from '../audit';
import * as team from './team';
import { addUser, checkCredentials } from './users';
import { createSession, resolveSession } from './sessions';
import { attemptLogin } from './login';
import type { User } from '$lib/model/user';

let dir: string;
let store: JsonStore;
let admin: User;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'am-team-'));
	store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	admin = (await addUser(store, 'beheer@regio.nl', 'admin')).user;
});
afterEach(async () => {
	await store.close();
	await rm(dir, { recursive: true, force: true });
});
const ctx = (who: User = admin) => domainContext(store, { id: who.id, email: who.email, role: who.role });
const actions = async () => (await audit.list(ctx())).entries.map((e) => e.action);

describe('the team’s accounts', () => {
	it('adds a viewer with a password shown once, stored only as a hash, and logs it', async () => {
		const { user, password } = await team.add(ctx(), { email: 'Kijker@Regio.nl', role: 'viewer' });
		expect(user).toMatchObject({ email: 'kijker@regio.nl', role: 'viewer' });
		expect((await checkCredentials(store, 'kijker@regio.nl', password))?.id).toBe(user.id);
		expect(await readFile(join(dir, 'network.json'), 'utf8')).not.toContain(password);
		await expect(team.add(ctx(), { email: 'kijker@regio.nl', role: 'admin' })).rejects.toThrow(team.TeamError);
		const [entry] = (await audit.list(ctx())).entries;
		expect(entry).toMatchObject({ action: 'user.added', subject: user.id, actor: { email: 'beheer@regio.nl' } });
		expect(team.list(ctx()).map((m) => [m.email, m.isSelf])).toEqual([
			['beheer@regio.nl', true],
			['kijker@regio.nl', false]
		]);
	});

	it('never removes or demotes the last admin, not even at their own request', async () => {
		await expect(team.changeRole(ctx(), admin.id, 'viewer')).rejects.toThrow(/laatste beheerder/);
		await expect(team.remove(ctx(), admin.id)).rejects.toThrow(/laatste beheerder/);
		const { user: second } = await team.add(ctx(), { email: 'tweede@regio.nl', role: 'admin' });
		// Two admins demoting each other at once: the store's queue lets only one through.
		const both = await Promise.allSettled([
			team.changeRole(ctx(), second.id, 'viewer'),
			team.changeRole(ctx(second), admin.id, 'viewer')
		]);
		expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(store.network().users.filter((u) => u.role === 'admin')).toHaveLength(1);
	});

	it('logs a role change with old and new role', async () => {
		const { user } = await team.add(ctx(), { email: 'kijker@regio.nl', role: 'viewer' });
		await team.changeRole(ctx(), user.id, 'admin');
		const [entry] = (await audit.list(ctx())).entries;
		expect(entry).toMatchObject({ action: 'user.role-changed', subject: user.id });
		expect(entry.detail).toBe('kijker@regio.nl: alleen lezen → beheerder');
		// Choosing the role it already has changes and logs nothing.
		await team.changeRole(ctx(), user.id, 'admin');
		expect((await audit.list(ctx())).total).toBe(2);
	});

	it('a password reset gives a new password once and ends every session of that account', async () => {
		const { user, password: old } = await team.add(ctx(), { email: 'kijker@regio.nl', role: 'viewer' });
		const s1 = await createSession(store, user.id);
		const s2 = await createSession(store, user.id);
		const mine = await createSession(store, admin.id);
		const { password } = await team.resetPassword(ctx(), user.id);
		expect(password).not.toBe(old);
		expect(await resolveSession(store, s1.token)).toBeNull();
		expect(await resolveSession(store, s2.token)).toBeNull();
		expect(await resolveSession(store, mine.token)).not.toBeNull();
		expect(await checkCredentials(store, user.email, old)).toBeNull();
		expect(await checkCredentials(store, user.email, password)).not.toBeNull();
		expect(await actions()).toContain('user.password-reset');
	});

	it('removing an account ends its sessions at once and forgets the browsers it trusted', async () => {
		const { user, password } = await team.add(ctx(), { email: 'kijker@regio.nl', role: 'viewer' });
		const login = await attemptLogin(store, {
			email: user.email,
			password,
			deviceTokens: [],
			clientLimited: async () => false
		});
		expect(login.status).toBe('ok');
		const session = await createSession(store, user.id);
		await team.remove(ctx(), user.id);
		expect(await resolveSession(store, session.token)).toBeNull();
		const sessions = store.sessions();
		expect(sessions.sessions.some((s) => s.userId === user.id)).toBe(false);
		expect(sessions.devices.some((d) => d.userId === user.id)).toBe(false);
		expect(store.network().users.map((u) => u.email)).toEqual(['beheer@regio.nl']);
		expect((await audit.list(ctx())).entries[0]).toMatchObject({ action: 'user.removed', detail: 'kijker@regio.nl' });
	});
});
