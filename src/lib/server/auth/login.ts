import type { Store } from '../store';
import type { SessionsFile } from '../store/files';
import type { AccountGuard, TrustedDevice, User } from '$lib/model/user';
import { newSecret, sha256 } from '../tokens';
import { checkCredentials, findUserByEmail, recordLogin } from './users';
import { createSecondStep, createSession, deleteSession, findRecord } from './sessions';
import { matchSecondFactor, spend } from './totp';
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
	/** The password was right; the account has a second factor, asked for in a second step. */
	| { status: 'second-factor'; user: User }
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

type Refusal = Extract<LoginResult, { status: 'locked' | 'client-limited' }>;

/** Whether this browser may try this account now; the same gate for the password and the code. */
async function gate(
	store: Store,
	email: string,
	account: User | null,
	device: TrustedDevice | null,
	clientLimited: () => Promise<boolean>,
	now: Date
): Promise<Refusal | null> {
	if (device) {
		const until = lockedAt(device, now);
		return until ? { status: 'locked', until, knownBrowser: true } : null;
	}
	if (await clientLimited()) return { status: 'client-limited' };
	const guard = account
		? store.sessions().accountGuards.find((g) => g.userId === account.id)
		: unknownAccounts.get(email);
	const until = lockedAt(guard, now);
	return until ? { status: 'locked', until, knownBrowser: false } : null;
}

/** Counts a wrong password or a wrong code: on the browser when the account knows it, else on the account. */
async function countFailure(
	store: Store,
	email: string,
	account: User | null,
	device: TrustedDevice | null,
	now: Date
) {
	if (!account) {
		failUnknown(email, now);
		return null;
	}
	return store.updateSessions((d) => {
		if (device) {
			const rec = d.devices.find((x) => x.tokenHash === device.tokenHash);
			return rec && fail(rec, now) ? ('browser' as const) : null;
		}
		let guard = d.accountGuards.find((g) => g.userId === account.id);
		if (!guard) {
			guard = { userId: account.id, failures: [], lockedUntil: null } satisfies AccountGuard;
			d.accountGuards.push(guard);
		}
		return fail(guard, now) ? ('account' as const) : null;
	});
}

export async function attemptLogin(store: Store, attempt: LoginAttempt): Promise<LoginResult> {
	const now = attempt.now ?? new Date();
	const email = attempt.email.trim().toLowerCase();
	const account = findUserByEmail(store, email);
	const device = account ? knownDevice(store.sessions(), account.id, attempt.deviceTokens, now) : null;
	const refused = await gate(store, email, account, device, attempt.clientLimited, now);
	if (refused) return refused;

	const user = await checkCredentials(store, email, attempt.password);
	// The browser is trusted only after the whole login: a password alone earns no device cookie.
	if (user?.totpSecret) return { status: 'second-factor', user };
	if (user)
		return { status: 'ok', user, deviceTokens: await trustBrowser(store, user.id, device, attempt.deviceTokens, now) };
	return { status: 'wrong', locked: await countFailure(store, email, account, device, now) };
}

export type SecondFactorAttempt = {
	/** The token of the second-step cookie that the password step handed out. */
	pendingToken: string | null;
	code: string;
	deviceTokens: string[];
	clientLimited: () => Promise<boolean>;
	now?: Date;
};

export type SecondFactorResult =
	| { status: 'ok'; user: User; deviceTokens: string[]; recoveryCodeUsed: boolean }
	| { status: 'expired' }
	| Exclude<LoginResult, { status: 'ok' | 'second-factor' }>;

/**
 * The second step: a code from the app or a recovery code. Wrong codes count against the same
 * allowance as wrong passwords (per known browser, else per account), so ten guesses in a
 * quarter of an hour is all anyone gets at a million possible codes.
 */
export async function attemptSecondFactor(store: Store, attempt: SecondFactorAttempt): Promise<SecondFactorResult> {
	const now = attempt.now ?? new Date();
	const pending = findRecord(store, attempt.pendingToken, 'second-factor', now);
	const account = pending ? (store.network().users.find((u) => u.id === pending.userId) ?? null) : null;
	if (!pending || !account?.totpSecret) return { status: 'expired' };
	const device = knownDevice(store.sessions(), account.id, attempt.deviceTokens, now);
	const refused = await gate(store, account.email, account, device, attempt.clientLimited, now);
	if (refused) return refused;

	// Checked again inside the write, so one recovery code posted twice at once works once.
	const used = matchSecondFactor(account, attempt.code, now)
		? await store.updateNetwork((d) => {
				const u = d.users.find((x) => x.id === account.id);
				const match = u ? matchSecondFactor(u, attempt.code, now) : null;
				if (!u || !match) return null;
				spend(u, match);
				return match.kind;
			})
		: null;
	if (!used) return { status: 'wrong', locked: await countFailure(store, account.email, account, device, now) };

	await store.updateSessions((d) => {
		d.sessions = d.sessions.filter((s) => s.tokenHash !== pending.tokenHash);
	});
	const user = store.network().users.find((u) => u.id === account.id) ?? account;
	const deviceTokens = await trustBrowser(store, user.id, device, attempt.deviceTokens, now);
	return { status: 'ok', user, deviceTokens, recoveryCodeUsed: used === 'recovery' };
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
	| { status: 'second-factor'; pending: { token: string; expires: Date } }
	| Exclude<LoginResult, { status: 'ok' | 'second-factor' }>;

async function auditLock(ctx: DomainContext, email: string, locked: 'account' | 'browser' | null, what: string) {
	if (!locked) return;
	const user = findUserByEmail(ctx.store, email);
	const minutes = LOGIN_POLICY.lockMs / 60_000;
	await audit.record(
		{ ...ctx, actor: null },
		'login.locked',
		user?.id ?? null,
		locked === 'account'
			? `${LOGIN_POLICY.maxFailures} ${what} vanuit onbekende browsers voor ${user?.email}: ${minutes} minuten dicht voor onbekende browsers`
			: `${LOGIN_POLICY.maxFailures} ${what} vanuit één bekende browser van ${user?.email}: die browser ${minutes} minuten dicht`
	);
}

/** A fresh session (a session id known before login is worthless after it). */
async function startSession(ctx: DomainContext, userId: string, previousSessionId: string | null) {
	if (previousSessionId) await deleteSession(ctx.store, previousSessionId);
	const session = await createSession(ctx.store, userId, ctx.now());
	await recordLogin(ctx.store, userId, ctx.now());
	return session;
}

/**
 * The whole login: the policy above, then a fresh session, or for an account with a second
 * factor a 5-minute second step instead; a line in the audit log when repeated failures lock
 * an account.
 */
export async function logIn(
	ctx: DomainContext,
	attempt: Omit<LoginAttempt, 'now'> & { previousSessionId: string | null }
): Promise<LogInResult> {
	const result = await attemptLogin(ctx.store, { ...attempt, now: ctx.now() });
	if (result.status === 'wrong') await auditLock(ctx, attempt.email, result.locked, 'mislukte pogingen');
	if (result.status === 'second-factor')
		return { status: 'second-factor', pending: await createSecondStep(ctx.store, result.user.id, ctx.now()) };
	if (result.status !== 'ok') return result;
	return { ...result, session: await startSession(ctx, result.user.id, attempt.previousSessionId) };
}

export type LogInSecondStepResult =
	| { status: 'ok'; user: User; session: { token: string; expires: Date }; deviceTokens: string[] }
	| Exclude<SecondFactorResult, { status: 'ok' }>;

/** The login's second step; a used recovery code is in the audit log with how many are left. */
export async function logInSecondStep(
	ctx: DomainContext,
	attempt: Omit<SecondFactorAttempt, 'now'> & { previousSessionId: string | null }
): Promise<LogInSecondStepResult> {
	const result = await attemptSecondFactor(ctx.store, { ...attempt, now: ctx.now() });
	if (result.status === 'wrong') {
		const userId = findRecord(ctx.store, attempt.pendingToken, 'second-factor', ctx.now())?.userId;
		const email = ctx.store.network().users.find((u) => u.id === userId)?.email ?? '';
		await auditLock(ctx, email, result.locked, 'mislukte pogingen (wachtwoord of code)');
	}
	if (result.status !== 'ok') return result;
	if (result.recoveryCodeUsed)
		await audit.record(
			{ ...ctx, actor: { id: result.user.id, email: result.user.email, role: result.user.role } },
			'login.recovery-code-used',
			result.user.id,
			`${result.user.email}: herstelcode gebruikt, nog ${result.user.recoveryCodeHashes.length} over`
		);
	const { user, deviceTokens } = result;
	return { status: 'ok', user, deviceTokens, session: await startSession(ctx, user.id, attempt.previousSessionId) };
}

/** Whether the account that just logged in must first set up a second factor. */
export const mustEnrolTotp = (ctx: DomainContext, user: User) =>
	user.role === 'admin' && !user.totpSecret && Boolean(ctx.store.network().network?.requireTotpForAdmins);

/** Whether the browser's second-step cookie still leads to a code step (it lasts 5 minutes). */
export const secondStepPending = (ctx: DomainContext, token: string | null) =>
	findRecord(ctx.store, token, 'second-factor', ctx.now()) !== null;
