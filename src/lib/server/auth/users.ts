import { randomUUID } from 'node:crypto';
import type { Store } from '../store';
import { emailSchema, type User, type UserRole } from '$lib/model/user';
import { decoyHash, generatePassword, hashPassword, verifyPassword } from './passwords';

export class UserExistsError extends Error {}

/** Creates an alliance-team account with a generated password, returned once. */
export async function addUser(store: Store, email: string, role: UserRole, now = new Date()) {
	const normalised = emailSchema.parse(email);
	if (store.network().users.some((u) => u.email === normalised))
		throw new UserExistsError(`Er bestaat al een account voor ${normalised}.`);
	const password = generatePassword();
	const user: User = {
		id: `u-${randomUUID().slice(0, 8)}`,
		email: normalised,
		passwordHash: await hashPassword(password),
		role,
		createdAt: now.toISOString(),
		lastLoginAt: null,
		totpSecret: null,
		recoveryCodeHashes: [],
		totpLastCounter: null
	};
	await store.updateNetwork((d) => void d.users.push(user));
	return { user, password };
}

export function findUserByEmail(store: Store, email: string): User | null {
	const normalised = email.trim().toLowerCase();
	return store.network().users.find((u) => u.email === normalised) ?? null;
}

/** The user for these credentials, or null; takes the same time whether or not the e-mail exists. */
export async function checkCredentials(store: Store, email: string, password: string) {
	const user = findUserByEmail(store, email);
	const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
	return ok && user ? user : null;
}

export async function recordLogin(store: Store, userId: string, now = new Date()) {
	await store.updateNetwork((d) => {
		const u = d.users.find((x) => x.id === userId);
		if (u) u.lastLoginAt = now.toISOString();
	});
}
