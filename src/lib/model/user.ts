import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './ids';

export const userRoles = ['admin', 'viewer'] as const;
export const userRoleSchema = z.enum(userRoles);
export type UserRole = z.infer<typeof userRoleSchema>;

export const emailSchema = z
	.string()
	.trim()
	.toLowerCase()
	.max(200, 'E-mailadres is te lang')
	.pipe(z.email('Vul een geldig e-mailadres in'));

export const userSchema = z.object({
	id: idSchema,
	email: z.string().min(3).max(200),
	passwordHash: z.string().min(20),
	role: userRoleSchema,
	createdAt: isoDateTimeSchema,
	lastLoginAt: isoDateTimeSchema.nullable().default(null),
	/** The TOTP secret (base32) once the second factor is confirmed; null without one. */
	totpSecret: z.string().max(200).nullable().default(null),
	/** SHA-256 hashes of the unused one-time recovery codes. */
	recoveryCodeHashes: z
		.array(z.string().regex(/^[a-f0-9]{64}$/))
		.max(20)
		.default([])
});
export type User = z.infer<typeof userSchema>;

/** A session as the store keeps it: only the hash of the cookie's token. */
export const sessionSchema = z.object({
	tokenHash: z.string().regex(/^[a-f0-9]{64}$/),
	userId: idSchema,
	createdAt: isoDateTimeSchema,
	lastSeenAt: isoDateTimeSchema,
	expiresAt: isoDateTimeSchema
});
export type Session = z.infer<typeof sessionSchema>;

const timestamps = z.array(isoDateTimeSchema).max(100);

/**
 * A browser that once logged in to this account (OWASP's device cookies): it keeps an allowance
 * of attempts of its own, so a stranger guessing the password cannot lock the owner out. Only
 * the hash of the cookie's token is kept, and nothing about the client (no IP address).
 */
export const trustedDeviceSchema = z.object({
	tokenHash: z.string().regex(/^[a-f0-9]{64}$/),
	userId: idSchema,
	createdAt: isoDateTimeSchema,
	lastUsedAt: isoDateTimeSchema,
	/** Failed attempts from this browser within the window. */
	failures: timestamps,
	lockedUntil: isoDateTimeSchema.nullable()
});
export type TrustedDevice = z.infer<typeof trustedDeviceSchema>;

/** Failed attempts on an account from browsers it does not know, and their shared lock. */
export const accountGuardSchema = z.object({
	userId: idSchema,
	failures: timestamps,
	lockedUntil: isoDateTimeSchema.nullable()
});
export type AccountGuard = z.infer<typeof accountGuardSchema>;

/** What a request knows about the logged-in user. */
export type SessionUser = { id: string; email: string; role: UserRole };

export const loginSchema = z.object({
	email: z.string().trim().min(1, 'Vul uw e-mailadres in').max(200, 'E-mailadres is te lang'),
	password: z.string().min(1, 'Vul uw wachtwoord in').max(1000, 'Wachtwoord is te lang')
});
