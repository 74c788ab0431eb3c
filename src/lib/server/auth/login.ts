import type { Store } from '../store';
import type { SessionsFile } from '../store/files';
import type { AccountGuard, TrustedDevice, User } from '$lib/model/user';
import { newSecret, sha256 } from '../tokens';
import { checkCredentials, findUserByEmail, recordLogin } from './users';
import { createSession, deleteSession } from './sessions';
import * as audit from '../audit';
import type { DomainContext } from '../context';

/**
 * Password guessing is slowed per account and per client, after OWASP's device-cookie scheme:
 * a browser that logged in to an account before gets a cookie that gives it an allowance of its
 * own. A stranger's failures lock only the strangers out of that account; the owner's browser
 * keeps logging in, and is locked only by failures it makes itself.
 */
export const LOGIN_POLICY = {
	/** Failed attempts within `windowMs` that lock the account for unknown browsers, or one browser. */
	maxFailures: 10,
	windowMs: 15 * 60_000,
	lockMs: 15 * 60_000,
	/** A device cookie unused this long is forgotten. */
	deviceMaxAgeMs: 180 * 24 * 60 * 60_000,
	devicesPerUser: 20,
	/** Device tokens one browser keeps (a person may hold an admin and a viewer account). */
	tokensPerBrowser: 5
} as const;

export type LoginAttempt = {
	email: string;
	password: string;
	/** The tokens of the browser's device cookie. */
	deviceTokens: string[];
	/** The per-client limit (in memory, by address), asked only for browsers the account does not know. */
	clientLimited: () => Promise<boolean>;
	now?: Date;
};

export type LoginResult =
	| { status: 'ok'; user: User; deviceTokens: string[] }
	| { status: 'wrong'; locked: 'account' | 'browser' | null }
	| { status: 'locked'; until: Date; knownBrowser: boolean }
	| { status: 'client-limited' };

type Guard = { failures: string[]; lockedUntil: string | null };

/**
 * Attempts on e-mail addresses that have no account are counted in memory only, so a stranger
 * cannot grow the data folder by trying made-up addresses; they are locked like real accounts,
 * or the lock would tell which addresses exist.
 */
const unknownAccounts = new Map<string, Guard>();
const MAX_UNKNOWN = 10_000;

const lockedAt = (guard: Guard | undefined, now: Date) =>
	guard?.lockedUntil && Date.parse(guard.lockedUntil) > now.getTime() ? new Date(guard.lockedUntil) : null;

/** Adds a failure to `guard` and locks it when the window holds too many; true when it locked now. */
function fail(guard: Guard, now: Date): boolean {
	const since = now.getTime() - LOGIN_POLICY.windowMs;
	guard.failures = [...guard.failures.filter((t) => Date.parse(t) > since), now.toISOString()].slice(
		-LOGIN_POLICY.maxFailures
	);
	if (guard.failures.length >= LOGIN_POLICY.maxFailures) {
		guard.lockedUntil = new Date(now.getTime() + LOGIN_POLICY.lockMs).toISOString();
		guard.failures = [];
		return true;
	}
	return false;
}

function liveDevice(d: TrustedDevice, now: Date) {
	return Date.parse(d.lastUsedAt) + LOGIN_POLICY.deviceMaxAgeMs > now.getTime();
}

/** The device record behind one of the browser's tokens that belongs to this account. */
function knownDevice(sessions: Readonly<SessionsFile>, userId: string, tokens: string[], now: Date) {
	const hashes = new Set(tokens.map(sha256));
	return sessions.devices.find((d) => d.userId === userId && hashes.has(d.tokenHash) && liveDevice(d, now)) ?? null;
}

export async function attemptLogin(store: Store, attempt: LoginAttempt): Promise<LoginResult> {
	const now = attempt.now ?? new Date();
	const email = attempt.email.trim().toLowerCase();
	const account = findUserByEmail(store, email);
	const device = account ? knownDevice(store.sessions(), account.id, attempt.deviceTokens, now) : null;

	if (device) {
		const until = lockedAt(device, now);
		if (until) return { status: 'locked', until, knownBrowser: true };
	} else {
		if (await attempt.clientLimited()) return { status: 'client-limited' };
		const guard = account
			? store.sessions().accountGuards.find((g) => g.userId === account.id)
			: unknownAccounts.get(email);
		const until = lockedAt(guard, now);
		if (until) return { status: 'locked', until, knownBrowser: false };
	}

	const user = await checkCredentials(store, email, attempt.password);
	if (user)
		return { status: 'ok', user, deviceTokens: await trustBrowser(store, user.id, device, attempt.deviceTokens, now) };

	if (!account) {
		failUnknown(email, now);
		return { status: 'wrong', locked: null };
	}
	const locked = await store.updateSessions((d) => {
		if (device) {
			const rec = d.devices.find((x) => x.tokenHash === device.tokenHash);
			return rec && fail(rec, now) ? 'browser' : null;
		}
		let guard = d.accountGuards.find((g) => g.userId === account.id);
		if (!guard) {
			guard = { userId: account.id, failures: [], lockedUntil: null } satisfies AccountGuard;
			d.accountGuards.push(guard);
		}
		return fail(guard, now) ? 'account' : null;
	});
	return { status: 'wrong', locked };
}

function failUnknown(email: string, now: Date) {
	let guard = unknownAccounts.get(email);
	if (!guard) {
		if (unknownAccounts.size >= MAX_UNKNOWN) unknownAccounts.delete(unknownAccounts.keys().next().value!);
		guard = { failures: [], lockedUntil: null };
		unknownAccounts.set(email, guard);
	}
	fail(guard, now);
}

/**
 * After a successful login the browser gets a fresh device token for this account (the one it
 * used is retired, as OWASP advises) and keeps its tokens for other accounts.
 */
async function trustBrowser(
	store: Store,
	userId: string,
	used: TrustedDevice | null,
	tokens: string[],
	now: Date
): Promise<string[]> {
	const token = newSecret(32);
	const stamp = now.toISOString();
	await store.updateSessions((d) => {
		d.devices = d.devices.filter((x) => liveDevice(x, now) && x.tokenHash !== used?.tokenHash);
		d.devices.push({
			tokenHash: sha256(token),
			userId,
			createdAt: stamp,
			lastUsedAt: stamp,
			failures: [],
			lockedUntil: null
		});
		const mine = d.devices.filter((x) => x.userId === userId);
		if (mine.length > LOGIN_POLICY.devicesPerUser) {
			const drop = new Set(mine.slice(0, mine.length - LOGIN_POLICY.devicesPerUser).map((x) => x.tokenHash));
			d.devices = d.devices.filter((x) => !drop.has(x.tokenHash));
		}
	});
	const usedHash = used?.tokenHash;
	const others = tokens.filter((t) => sha256(t) !== usedHash);
	return [token, ...others].slice(0, LOGIN_POLICY.tokensPerBrowser);
}

export type LogInResult =
	| { status: 'ok'; user: User; session: { token: string; expires: Date }; deviceTokens: string[] }
	| Exclude<LoginResult, { status: 'ok' }>;

/**
 * The whole login: the policy above, then a fresh session (a session id known before login is
 * worthless after it), and a line in the audit log when repeated failures lock an account.
 */
export async function logIn(
	ctx: DomainContext,
	attempt: Omit<LoginAttempt, 'now'> & { previousSessionId: string | null }
): Promise<LogInResult> {
	const result = await attemptLogin(ctx.store, { ...attempt, now: ctx.now() });
	if (result.status === 'wrong' && result.locked) {
		const user = findUserByEmail(ctx.store, attempt.email);
		const minutes = LOGIN_POLICY.lockMs / 60_000;
		await audit.record(
			{ ...ctx, actor: null },
			'login.locked',
			user?.id ?? null,
			result.locked === 'account'
				? `${LOGIN_POLICY.maxFailures} mislukte pogingen vanuit onbekende browsers voor ${user?.email}: ${minutes} minuten dicht voor onbekende browsers`
				: `${LOGIN_POLICY.maxFailures} mislukte pogingen vanuit één bekende browser van ${user?.email}: die browser ${minutes} minuten dicht`
		);
	}
	if (result.status !== 'ok') return result;
	if (attempt.previousSessionId) await deleteSession(ctx.store, attempt.previousSessionId);
	const session = await createSession(ctx.store, result.user.id, ctx.now());
	await recordLogin(ctx.store, result.user.id, ctx.now());
	return { ...result, session };
}
