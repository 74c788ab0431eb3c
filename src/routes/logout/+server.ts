import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { publicContext } from '$lib/server/guard';
import { logOut } from '$lib/server/auth/sessions';
import { clearSessionCookie } from '$lib/server/auth/cookie';

export const POST: RequestHandler = async (event) => {
	await logOut(await publicContext(event), event.locals.sessionId);
	clearSessionCookie(event.cookies, event.url);
	redirect(303, '/login');
};
