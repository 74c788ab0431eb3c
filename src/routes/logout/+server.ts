import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getStore } from '$lib/server/store';
import { deleteSession } from '$lib/server/auth/sessions';
import { clearSessionCookie } from '$lib/server/auth/cookie';

/** Logging out kills the session on the server, not just the cookie. */
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.sessionId) await deleteSession(await getStore(), locals.sessionId);
	clearSessionCookie(cookies, url);
	redirect(303, '/login');
};
