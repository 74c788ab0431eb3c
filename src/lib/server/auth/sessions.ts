import type { Store } from '../store';
import type { DomainContext } from '../context';
import type { SessionUser } from '$lib/model/user';
import { newSecret, sha256 } from '../tokens';

/** A session lasts at most 12 hours and ends after 2 hours without activity. */
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** Activity is written at most every 5 minutes, not on every request. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export async function createSession(store: Store, userId: string, now = new Date()) {
	const token = newSecret(32);
	const tokenHash = sha256(token);
	await store.updateSessions((d) => {
		d.sessions = d.sessions.filter((s) => isLive(s, now.getTime()));
		d.sessions.push({
			tokenHash,
			userId,
			createdAt: now.toISOString(),
			lastSeenAt: now.toISOString(),
			expiresAt: new Date(now.getTime() + SESSION_MAX_MS).toISOString()
		});
	});
	return { token, expires: new Date(now.getTime() + SESSION_MAX_MS) };
}

function isLive(s: { expiresAt: string; lastSeenAt: string }, now: number) {
	return Date.parse(s.expiresAt) > now && Date.parse(s.lastSeenAt) + SESSION_IDLE_MS > now;
}

/** The user behind a session cookie, or null when it is unknown, expired or idle too long. */
export async function resolveSession(store: Store, token: string, now = new Date()): Promise<SessionUser | null> {
	if (!token || token.length > 100) return null;
	const tokenHash = sha256(token);
	const session = store.sessions().sessions.find((s) => s.tokenHash === tokenHash);
	if (!session || !isLive(session, now.getTime())) return null;
	const user = store.network().users.find((u) => u.id === session.userId);
	if (!user) return null;
	if (now.getTime() - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS)
		await store.updateSessions((d) => {
			const s = d.sessions.find((x) => x.tokenHash === tokenHash);
			if (s) s.lastSeenAt = now.toISOString();
		});
	return { id: user.id, email: user.email, role: user.role };
}

export async function deleteSession(store: Store, token: string) {
	const tokenHash = sha256(token);
	if (!store.sessions().sessions.some((s) => s.tokenHash === tokenHash)) return;
	await store.updateSessions((d) => {
		d.sessions = d.sessions.filter((s) => s.tokenHash !== tokenHash);
	});
}

/** Logging out kills the session on the server, not just the cookie. */
export async function logOut(ctx: DomainContext, token: string | null) {
	if (token) await deleteSession(ctx.store, token);
}
