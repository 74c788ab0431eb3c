import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { User } from '$lib/model/user';
import { sha256 } from '../tokens';

/**
 * The second factor: TOTP as RFC 6238 and every authenticator app have it (SHA-1, 6 digits,
 * 30 seconds), computed by `otpauth`. A code is accepted one step early or late (clock drift),
 * and never twice: the step it matched is remembered, so a code seen over a shoulder is spent.
 */
export const TOTP_WINDOW = 1;
const ISSUER = 'Alliantiemonitor';
export const RECOVERY_CODE_COUNT = 10;
/** An enrolment started but not confirmed is forgotten after this long. */
export const ENROL_MS = 10 * 60_000;

const totp = (secret: string, label = '') =>
	new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

/** 160 random bits, as RFC 4226 recommends, in base32 for typing into an app. */
export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** What the enrolment page shows: the key as text (grouped by four) and as a QR code, inline SVG. */
export async function enrolmentView(secret: string, email: string) {
	const uri = totp(secret, email).toString();
	const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
	return { secret, secretGrouped: secret.replace(/(.{4})(?=.)/g, '$1 '), qrSvg };
}

/** The time step a 6-digit code matches, or null; `lastCounter` steps and earlier are spent. */
export function matchTotp(secret: string, code: string, now: Date, lastCounter: number | null): number | null {
	if (!/^\d{6}$/.test(code)) return null;
	const t = totp(secret);
	const delta = t.validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW });
	if (delta === null) return null;
	const counter = t.counter({ timestamp: now.getTime() }) + delta;
	return lastCounter !== null && counter <= lastCounter ? null : counter;
}

/** Ten one-time codes of 10 characters (49 bits each, no look-alike characters), shown once; only their hashes are kept. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
		const raw = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
		return `${raw.slice(0, 5)}-${raw.slice(5)}`;
	});
	return { codes, hashes: codes.map((c) => sha256(normaliseRecoveryCode(c))) };
}

export const normaliseRecoveryCode = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();

export type SecondFactorMatch = { kind: 'totp'; counter: number } | { kind: 'recovery'; hash: string } | null;

/** Checks a code from the app or a recovery code against an account; changes nothing. */
export function matchSecondFactor(user: User, code: string, now: Date): SecondFactorMatch {
	if (!user.totpSecret) return null;
	const cleaned = normaliseRecoveryCode(code);
	if (/^\d{6}$/.test(cleaned)) {
		const counter = matchTotp(user.totpSecret, cleaned, now, user.totpLastCounter);
		return counter === null ? null : { kind: 'totp', counter };
	}
	const hash = sha256(cleaned);
	return user.recoveryCodeHashes.includes(hash) ? { kind: 'recovery', hash } : null;
}

/** Marks what `matchSecondFactor` found as used: the step, or the recovery code (gone for good). */
export function spend(user: User, match: NonNullable<SecondFactorMatch>) {
	if (match.kind === 'totp') user.totpLastCounter = match.counter;
	else user.recoveryCodeHashes = user.recoveryCodeHashes.filter((h) => h !== match.hash);
}
