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
	lastLoginAt: isoDateTimeSchema.nullable().default(null)
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

/** What a request knows about the logged-in user. */
export type SessionUser = { id: string; email: string; role: UserRole };

export const loginSchema = z.object({
	email: z.string().trim().min(1, 'Vul uw e-mailadres in').max(200, 'E-mailadres is te lang'),
	password: z.string().min(1, 'Vul uw wachtwoord in').max(1000, 'Wachtwoord is te lang')
});
