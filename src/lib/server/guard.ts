import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { getStore } from './store';
import { domainContext, type DomainContext } from './context';
import { isAdminPath } from './http/request-path';
import type { SessionUser } from '$lib/model/user';
import { plainText } from './http/plain-text';

/**
 * Authorization in one place. The hook calls `adminAreaRefusal` for every request, before any
 * route reads its input: outside the admin area it does nothing; inside it, no session means the
 * login page (or 401 for a post), and a viewer's request that changes something gets 403 —
 * whatever route or action it names, including ones written after this comment. The only
 * writes a viewer may make are on their own account, listed here by route and action name.
 * Loads and actions then take their context from `viewerContext` / `adminContext`, which check
 * again (a layout's load does not protect an action). While the network requires a second
 * factor of admins, an admin without one gets only their account page until it is set up.
 */
export const OWN_ACCOUNT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
	'/admin/account': ['password', 'totp-start', 'totp-confirm', 'totp-disable', 'recovery-codes']
};

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Where an admin sets up the second factor the network requires; the one admin page open before that. */
export const ENROL_PATH = '/admin/account';

/** The form action a post names: `?/save` → "save"; a post without one is the default action. */
export function actionName(url: URL): string {
	for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1);
	return 'default';
}

const inAdminArea = (event: RequestEvent, path: string) =>
	isAdminPath(path) || (event.route.id !== null && isAdminPath(event.route.id));

/** `path` is the routed (decoded) path. Null when the request may go on. */
export function adminAreaRefusal(event: RequestEvent, path: string): Response | null {
	if (!inAdminArea(event, path)) return null;
	const user = event.locals.user;
	const read = READS.has(event.request.method);
	if (!user)
		return read
			? new Response(null, {
					status: 303,
					headers: { location: `/login?next=${encodeURIComponent(path + event.url.search)}` }
				})
			: plainText(401, 'U bent niet ingelogd.');
	if (user.mustEnrolTotp && event.route.id !== ENROL_PATH && path !== ENROL_PATH) {
		// A page's data request (client-side navigation) gets its redirect from the load, through
		// `adminContext`/`viewerContext`, in the form SvelteKit's client understands.
		if (!read) return plainText(403, 'Stel eerst een tweede factor in op uw accountpagina.');
		if (!path.endsWith('/__data.json')) return new Response(null, { status: 303, headers: { location: ENROL_PATH } });
	}
	if (read || user.role === 'admin') return null;
	if (event.route.id && OWN_ACCOUNT_ACTIONS[event.route.id]?.includes(actionName(event.url))) return null;
	return plainText(403, 'Alleen een beheerder kan dit wijzigen.');
}

function requireUser(locals: App.Locals, role: 'viewer' | 'admin'): SessionUser {
	const user = locals.user;
	if (!user) error(401, { message: 'U bent niet ingelogd.' });
	if (role === 'admin' && user.role !== 'admin') error(403, { message: 'Hiervoor zijn beheerrechten nodig.' });
	if (user.mustEnrolTotp) redirect(303, ENROL_PATH);
	return user;
}

/** For pages and endpoints that only read: any logged-in member of the team. */
export async function viewerContext(event: { locals: App.Locals }): Promise<DomainContext> {
	return domainContext(await getStore(), requireUser(event.locals, 'viewer'));
}

/** For everything that changes the network, its people or its rounds. */
export async function adminContext(event: { locals: App.Locals }): Promise<DomainContext> {
	return domainContext(await getStore(), requireUser(event.locals, 'admin'));
}

/**
 * For a user's own account (password, second factor): any logged-in user, acting on themselves,
 * including an admin who must first set up the second factor the network requires.
 */
export async function accountContext(event: { locals: App.Locals }): Promise<DomainContext> {
	const user = event.locals.user;
	if (!user) error(401, { message: 'U bent niet ingelogd.' });
	return domainContext(await getStore(), user);
}

/** For public pages, login and the survey: nobody is logged in, or it does not matter. */
export async function publicContext(event?: { locals: App.Locals }): Promise<DomainContext> {
	return domainContext(await getStore(), event?.locals.user ?? null);
}
