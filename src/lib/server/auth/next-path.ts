/**
 * Where to go after logging in: only a path inside the admin area, in printable ASCII without
 * `//` or `\`, so a login link can neither send someone to another site nor smuggle a header.
 */
export function safeNext(next: string | null): string {
	const ok = next !== null && /^\/admin(?:[/?][\x21-\x7e]*)?$/.test(next) && !/\/\/|\\/.test(next);
	return ok ? next : '/admin';
}
