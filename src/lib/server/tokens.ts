import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Survey-link tokens look like `<roundId>.<secret>`. The round id is not secret; it lets the
 * server open just that round's file, so a lookup costs the same however many rounds exist.
 * The secret is 144 bits of an HMAC of the invitation under the link key (link-key.ts), so the
 * admin can obtain the same link again while only its SHA-256 is stored.
 */
const SECRET_BYTES = 18;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function newSecret(bytes = SECRET_BYTES): string {
	return randomBytes(bytes).toString('base64url');
}

/** The one link of an invitation, and the hash the store keeps of it. */
export function surveyToken(key: Buffer, roundId: string, invitationId: string): { token: string; tokenHash: string } {
	const secret = createHmac('sha256', key)
		.update(`alliantiemonitor/enquetelink/v1\0${roundId}\0${invitationId}`)
		.digest()
		.subarray(0, SECRET_BYTES)
		.toString('base64url');
	const token = `${roundId}.${secret}`;
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
