import type { DomainContext } from '../context';
import type { User, UserRole } from '$lib/model/user';
import { userRoleLabels } from '$lib/model/user';
import * as audit from '../audit';
import { addUser, UserExistsError } from './users';
import { generatePassword, hashPassword } from './passwords';
import { endSessionsOf } from './sessions';

/**
 * The regiobureau's accounts, managed by an admin (the guard lets only admins here). Every
 * change is in the audit log, named by account. The network always keeps one admin: the checks
 * run inside the store's write, so two admins demoting each other at once cannot both succeed.
 */
export class TeamError extends Error {}

export type TeamMember = {
	id: string;
	email: string;
	role: UserRole;
	createdAt: string;
	lastLoginAt: string | null;
	hasSecondFactor: boolean;
	isSelf: boolean;
};

export function list(ctx: DomainContext): TeamMember[] {
	return ctx.store
		.network()
		.users.map((u) => ({
			id: u.id,
			email: u.email,
			role: u.role,
			createdAt: u.createdAt,
			lastLoginAt: u.lastLoginAt,
			hasSecondFactor: Boolean(u.totpSecret),
			isSelf: u.id === ctx.actor?.id
		}))
		.sort((a, b) => a.email.localeCompare(b.email, 'nl'));
}

const LAST_ADMIN = 'Dit is het laatste beheerdersaccount. Maak eerst iemand anders beheerder.';

function target(users: User[], userId: string): User {
	const user = users.find((u) => u.id === userId);
	if (!user) throw new TeamError('Dit account bestaat niet (meer).');
	return user;
}

const isLastAdmin = (users: User[], user: User) =>
	user.role === 'admin' && users.filter((u) => u.role === 'admin').length <= 1;

/** A new account with a generated password, returned once to show once. */
export async function add(ctx: DomainContext, input: { email: string; role: UserRole }) {
	try {
		const { user, password } = await addUser(ctx.store, input.email, input.role, ctx.now());
		await audit.record(ctx, 'user.added', user.id, `${user.email} (${userRoleLabels[user.role].toLowerCase()})`);
		return { user, password };
	} catch (e) {
		if (e instanceof UserExistsError) throw new TeamError(e.message);
		throw e;
	}
}

export async function changeRole(ctx: DomainContext, userId: string, role: UserRole) {
	const before = await ctx.store.updateNetwork((d) => {
		const user = target(d.users, userId);
		if (user.role === role) return null;
		if (isLastAdmin(d.users, user)) throw new TeamError(LAST_ADMIN);
		const old = user.role;
		user.role = role;
		return { email: user.email, old };
	});
	if (!before) return;
	await audit.record(
		ctx,
		'user.role-changed',
		userId,
		`${before.email}: ${userRoleLabels[before.old].toLowerCase()} → ${userRoleLabels[role].toLowerCase()}`
	);
}

/** A new generated password, shown once; every session of that account ends. */
export async function resetPassword(ctx: DomainContext, userId: string) {
	const password = generatePassword();
	const passwordHash = await hashPassword(password);
	const email = await ctx.store.updateNetwork((d) => {
		const user = target(d.users, userId);
		user.passwordHash = passwordHash;
		return user.email;
	});
	await endSessionsOf(ctx.store, userId);
	await audit.record(ctx, 'user.password-reset', userId, `${email}: nieuw wachtwoord, sessies beëindigd`);
	return { email, password };
}

/** Removes an account: its sessions end at once and the browsers it trusted are forgotten. */
export async function remove(ctx: DomainContext, userId: string) {
	const email = await ctx.store.updateNetwork((d) => {
		const user = target(d.users, userId);
		if (isLastAdmin(d.users, user)) throw new TeamError(LAST_ADMIN);
		d.users = d.users.filter((u) => u.id !== userId);
		return user.email;
	});
	await ctx.store.updateSessions((d) => {
		d.sessions = d.sessions.filter((s) => s.userId !== userId);
		d.devices = d.devices.filter((x) => x.userId !== userId);
		d.accountGuards = d.accountGuards.filter((g) => g.userId !== userId);
	});
	await audit.record(ctx, 'user.removed', userId, email);
}
