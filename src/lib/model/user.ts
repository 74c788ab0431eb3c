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
		.default([]),
	/** The last TOTP time step accepted, so a code that was seen cannot be used a second time. */
	totpLastCounter: z.number().int().nonnegative().nullable().default(null)
});
export type User = z.infer<typeof userSchema>;

/** A session as the store keeps it: only the hash of the cookie's token. */
export const sessionSchema = z.object({
	tokenHash: z.string().regex(/^[a-f0-9]{64}$/),
	userId: idSchema,
	createdAt: isoDateTimeSchema,
	lastSeenAt: isoDateTimeSchema,
	expiresAt: isoDateTimeSchema,
	/**
	 * `second-factor`: the password was right, the code is still to come (a few minutes at most).
	 * Such a record is no session: it opens nothing but the login's second step.
	 */
	stage: z.enum(['full', 'second-factor']).default('full'),
	/** A TOTP secret being enrolled from this session, until its first code confirms it. */
	pendingTotp: z
		.object({ secret: z.string().min(16).max(200), expiresAt: isoDateTimeSchema })
		.nullable()
		.default(null)
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
export type SessionUser = {
	id: string;
	email: string;
	role: UserRole;
	/** An admin without a second factor while the network requires one: only their account page opens. */
	mustEnrolTotp?: boolean;
};

export const loginSchema = z.object({
	email: z.string().trim().min(1, 'Vul uw e-mailadres in').max(200, 'E-mailadres is te lang'),
	password: z.string().min(1, 'Vul uw wachtwoord in').max(1000, 'Wachtwoord is te lang')
});

/** A new password: long enough to resist guessing, and not the account's own e-mail address. */
export const newPasswordSchema = (email: string) =>
	z
		.object({
			next: z
				.string()
				.min(12, 'Kies een wachtwoord van ten minste 12 tekens')
				.max(1000, 'Wachtwoord is te lang')
				.refine((v) => v.trim().toLowerCase() !== email.toLowerCase(), 'Uw e-mailadres is geen goed wachtwoord'),
			repeat: z.string().max(1000, 'Wachtwoord is te lang')
		})
		.refine((v) => v.next === v.repeat, { path: ['repeat'], message: 'De twee nieuwe wachtwoorden zijn niet gelijk' });

export const passwordChangeSchema = (email: string) =>
	z
		.object({ current: z.string().min(1, 'Vul uw huidige wachtwoord in').max(1000, 'Wachtwoord is te lang') })
		.and(newPasswordSchema(email));

export const newUserSchema = z.object({
	email: emailSchema,
	role: z.enum(userRoles, { error: 'Kies een rol: beheerder of alleen lezen' })
});

export const userRoleLabels: Record<UserRole, string> = { admin: 'Beheerder', viewer: 'Alleen lezen' };

/** A code from the authenticator app (6 digits) or a recovery code; spaces and dashes do not matter. */
export const secondFactorCodeSchema = z
	.string()
	.transform((v) => v.replace(/[\s-]/g, '').toLowerCase())
	.pipe(z.string().min(1, 'Vul de code in').max(40, 'Deze code is te lang'));

export const totpCodeSchema = z
	.string()
	.transform((v) => v.replace(/\s/g, ''))
	.pipe(z.string().regex(/^\d{6}$/, 'Vul de zes cijfers uit uw app in'));
