import { error } from '@sveltejs/kit';
import type { SessionUser, UserRole } from '$lib/model/user';

/**
 * Every admin load and action calls this itself: a layout's load does not protect actions,
 * and the hook's redirect is only the first line.
 */
export function requireUser(locals: App.Locals, role: UserRole = 'viewer'): SessionUser {
	const user = locals.user;
	if (!user) error(401, { message: 'U bent niet ingelogd.' });
	if (role === 'admin' && user.role !== 'admin') error(403, { message: 'Hiervoor zijn beheerrechten nodig.' });
	return user;
}
