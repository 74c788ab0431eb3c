import type { DomainContext } from '../context';
import type { User } from '$lib/model/user';
import * as audit from '../audit';
import { hashPassword, verifyPassword } from './passwords';
import { endSessionsOf, findRecord } from './sessions';
import { ENROL_MS, enrolmentView, matchTotp, newRecoveryCodes, newTotpSecret } from './totp';

/**
 * A user's own account: password, second factor, recovery codes. Every function acts on the
 * context's actor only; `sessionToken` is the cookie of the request, so what is pending belongs
 * to that one browser session and cannot be planted by a form field.
 */
export class AccountError extends Error {}

function me(ctx: DomainContext): User {
	const user = ctx.store.network().users.find((u) => u.id === ctx.actor?.id);
	if (!user) throw new AccountError('U bent niet (meer) ingelogd.');
	return user;
}

export type AccountView = {
	email: string;
	role: User['role'];
	hasSecondFactor: boolean;
	recoveryCodesLeft: number;
	/** The network requires a second factor of admins: this one may not switch it off. */
	secondFactorRequired: boolean;
};

export function view(ctx: DomainContext): AccountView {
	const user = me(ctx);
	return {
		email: user.email,
		role: user.role,
		hasSecondFactor: Boolean(user.totpSecret),
		recoveryCodesLeft: user.recoveryCodeHashes.length,
		secondFactorRequired: user.role === 'admin' && Boolean(ctx.store.network().network?.requireTotpForAdmins)
	};
}

async function checkPassword(user: User, password: string) {
	if (!(await verifyPassword(user.passwordHash, password)))
		throw new AccountError('Dit is niet uw huidige wachtwoord.');
}

/** Changes the own password; every other session of the account ends, this one stays. */
export async function changePassword(
	ctx: DomainContext,
	sessionToken: string | null,
	input: { current: string; next: string }
) {
	const user = me(ctx);
	await checkPassword(user, input.current);
	const passwordHash = await hashPassword(input.next);
	await ctx.store.updateNetwork((d) => {
		const u = d.users.find((x) => x.id === user.id);
		if (u) u.passwordHash = passwordHash;
	});
	await endSessionsOf(ctx.store, user.id, sessionToken);
	await audit.record(ctx, 'account.password-changed', user.id, `${user.email}: andere sessies beëindigd`);
}

function session(ctx: DomainContext, sessionToken: string | null) {
	const s = findRecord(ctx.store, sessionToken, 'full', ctx.now());
	if (!s || s.userId !== ctx.actor?.id) throw new AccountError('U bent niet (meer) ingelogd.');
	return s;
}

/** Starts enrolment: a new secret, kept on this session for 10 minutes until a code confirms it. */
export async function startTotp(ctx: DomainContext, sessionToken: string | null) {
	const user = me(ctx);
	if (user.totpSecret)
		throw new AccountError('De tweede factor staat al aan. Zet hem eerst uit om een nieuwe in te stellen.');
	const s = session(ctx, sessionToken);
	const secret = newTotpSecret();
	const expiresAt = new Date(ctx.now().getTime() + ENROL_MS).toISOString();
	await ctx.store.updateSessions((d) => {
		const rec = d.sessions.find((x) => x.tokenHash === s.tokenHash);
		if (rec) rec.pendingTotp = { secret, expiresAt };
	});
	return enrolmentView(secret, user.email);
}

/** The enrolment this session started and has not confirmed yet, to show again. */
export async function pendingTotp(ctx: DomainContext, sessionToken: string | null) {
	const user = me(ctx);
	const pending = findRecord(ctx.store, sessionToken, 'full', ctx.now())?.pendingTotp;
	if (!pending || Date.parse(pending.expiresAt) <= ctx.now().getTime()) return null;
	return enrolmentView(pending.secret, user.email);
}

/**
 * Confirms enrolment with a first code from the app: then the secret is the account's, and ten
 * recovery codes are returned to show once.
 */
export async function confirmTotp(ctx: DomainContext, sessionToken: string | null, code: string) {
	const user = me(ctx);
	const s = session(ctx, sessionToken);
	const pending = s.pendingTotp;
	if (!pending || Date.parse(pending.expiresAt) <= ctx.now().getTime())
		throw new AccountError('Het instellen duurde te lang. Begin opnieuw.');
	const counter = matchTotp(pending.secret, code, ctx.now(), null);
	if (counter === null)
		throw new AccountError('Deze code klopt niet. Controleer de tijd op uw telefoon en probeer het opnieuw.');
	const { codes, hashes } = newRecoveryCodes();
	await ctx.store.updateNetwork((d) => {
		const u = d.users.find((x) => x.id === user.id);
		if (!u) throw new AccountError('U bent niet (meer) ingelogd.');
		u.totpSecret = pending.secret;
		u.totpLastCounter = counter;
		u.recoveryCodeHashes = hashes;
	});
	await ctx.store.updateSessions((d) => {
		const rec = d.sessions.find((x) => x.tokenHash === s.tokenHash);
		if (rec) rec.pendingTotp = null;
	});
	await audit.record(ctx, 'account.totp-enabled', user.id, `${user.email}: tweede factor aan`);
	return { recoveryCodes: codes };
}

/** Switches the second factor off, with the current password; not while the network requires it. */
export async function disableTotp(ctx: DomainContext, password: string) {
	const user = me(ctx);
	if (!user.totpSecret) return;
	if (view(ctx).secondFactorRequired)
		throw new AccountError('Voor beheerders is een tweede factor verplicht: u kunt hem niet uitzetten.');
	await checkPassword(user, password);
	await ctx.store.updateNetwork((d) => {
		const u = d.users.find((x) => x.id === user.id);
		if (!u) return;
		u.totpSecret = null;
		u.totpLastCounter = null;
		u.recoveryCodeHashes = [];
	});
	await audit.record(ctx, 'account.totp-disabled', user.id, `${user.email}: tweede factor uit`);
}

/** Ten new recovery codes, shown once; the old ones stop working. */
export async function renewRecoveryCodes(ctx: DomainContext) {
	const user = me(ctx);
	if (!user.totpSecret) throw new AccountError('Stel eerst een tweede factor in.');
	const { codes, hashes } = newRecoveryCodes();
	await ctx.store.updateNetwork((d) => {
		const u = d.users.find((x) => x.id === user.id);
		if (u) u.recoveryCodeHashes = hashes;
	});
	await audit.record(
		ctx,
		'account.recovery-codes-renewed',
		user.id,
		`${user.email}: ${codes.length} nieuwe herstelcodes`
	);
	return { recoveryCodes: codes };
}
