import type { Store } from '../store';
import type { DomainContext } from '../context';
import type { Session, SessionUser } from '$lib/model/user';
import { newSecret, sha256 } from '../tokens';

/** A session lasts at most 12 hours and ends after 2 hours without activity. */
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** The second step of a login (the code) must follow the password within 5 minutes. */
export const SECOND_STEP_MS = 5 * 60 * 1000;
/** Activity is written at most every 5 minutes, not on every request. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

async function createRecord(store: Store, userId: string, now: Date, stage: Session['stage'], lifetime: number) {
	const token = newSecret(32);
	const tokenHash = sha256(token);
	const expires = new Date(now.getTime() + lifetime);
	await store.updateSessions((d) => {
		d.sessions = d.sessions.filter((s) => isLive(s, now.getTime()));
		d.sessions.push({
			tokenHash,
			userId,
			createdAt: now.toISOString(),
			lastSeenAt: now.toISOString(),
			expiresAt: expires.toISOString(),
			stage,
			pendingTotp: null
		});
	});
	return { token, expires };
}

export const createSession = (store: Store, userId: string, now = new Date()) =>
	createRecord(store, userId, now, 'full', SESSION_MAX_MS);

/** The record that waits for the second factor: no session, only the way to the code step. */
export const createSecondStep = (store: Store, userId: string, now = new Date()) =>
	createRecord(store, userId, now, 'second-factor', SECOND_STEP_MS);

function isLive(s: { expiresAt: string; lastSeenAt: string }, now: number) {
	return Date.parse(s.expiresAt) > now && Date.parse(s.lastSeenAt) + SESSION_IDLE_MS > now;
}

/** The live record behind a cookie's token, of the given stage. */
export function findRecord(store: Store, token: string | null, stage: Session['stage'], now = new Date()) {
	if (!token || token.length > 100) return null;
	const tokenHash = sha256(token);
	const s = store.sessions().sessions.find((x) => x.tokenHash === tokenHash);
	return s && s.stage === stage && isLive(s, now.getTime()) ? s : null;
}

/** The user behind a session cookie, or null when it is unknown, expired or idle too long. */
export async function resolveSession(store: Store, token: string, now = new Date()): Promise<SessionUser | null> {
	const session = findRecord(store, token, 'full', now);
	if (!session) return null;
	const user = store.network().users.find((u) => u.id === session.userId);
	if (!user) return null;
	if (now.getTime() - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS)
		await store.updateSessions((d) => {
			const s = d.sessions.find((x) => x.tokenHash === session.tokenHash);
			if (s) s.lastSeenAt = now.toISOString();
		});
	const mustEnrolTotp =
		user.role === 'admin' && !user.totpSecret && Boolean(store.network().network?.requireTotpForAdmins);
	return { id: user.id, email: user.email, role: user.role, ...(mustEnrolTotp ? { mustEnrolTotp } : {}) };
}

export async function deleteSession(store: Store, token: string) {
	const tokenHash = sha256(token);
	if (!store.sessions().sessions.some((s) => s.tokenHash === tokenHash)) return;
	await store.updateSessions((d) => {
		d.sessions = d.sessions.filter((s) => s.tokenHash !== tokenHash);
	});
}

/**
 * Ends every session (and pending second step) of a user at once, except the one whose token is
 * given: after a password change the person who changed it stays logged in.
 */
export async function endSessionsOf(store: Store, userId: string, exceptToken: string | null = null) {
	const keep = exceptToken ? sha256(exceptToken) : null;
	const ends = (s: { userId: string; tokenHash: string }) => s.userId === userId && s.tokenHash !== keep;
	if (!store.sessions().sessions.some(ends)) return;
	await store.updateSessions((d) => {
		d.sessions = d.sessions.filter((s) => !ends(s));
	});
}

/** Logging out kills the session on the server, not just the cookie. */
export async function logOut(ctx: DomainContext, token: string | null) {
	if (token) await deleteSession(ctx.store, token);
}
