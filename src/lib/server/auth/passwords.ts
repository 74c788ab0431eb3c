import { hash, verify } from '@node-rs/argon2';
import { newSecret } from '../tokens';

/** argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane): ~60 ms a hash on this hardware. */
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A hash to verify against when the e-mail is unknown, so timing does not reveal accounts. */
let decoy: Promise<string> | null = null;
export const decoyHash = () => (decoy ??= hashPassword(newSecret()));

/** 20 characters of base64url: ~120 bits, typed once and then kept in a password manager. */
export const generatePassword = () => newSecret(15);
