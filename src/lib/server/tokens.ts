import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Survey-link tokens look like `<roundId>.<secret>`. The round id is not secret; it lets the
 * server open just that round's file, so a lookup costs the same however many rounds exist.
 * The secret carries 144 random bits; only its SHA-256 is stored.
 */
const SECRET_BYTES = 18;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function newSecret(bytes = SECRET_BYTES): string {
	return randomBytes(bytes).toString('base64url');
}

export function newSurveyToken(roundId: string): { token: string; tokenHash: string } {
	const token = `${roundId}.${newSecret()}`;
	return { token, tokenHash: sha256(token) };
}

const TOKEN_PATTERN = /^([a-z0-9][a-z0-9-]{0,79})\.([A-Za-z0-9_-]{20,64})$/;

/** Splits a token from a URL; null for anything that cannot be one of ours. */
export function parseSurveyToken(token: string): { roundId: string; tokenHash: string } | null {
	const m = TOKEN_PATTERN.exec(token);
	if (!m) return null;
	return { roundId: m[1], tokenHash: sha256(token) };
}

export function hashesEqual(a: string, b: string): boolean {
	const ba = Buffer.from(a, 'hex');
	const bb = Buffer.from(b, 'hex');
	return ba.length === bb.length && timingSafeEqual(ba, bb);
}
