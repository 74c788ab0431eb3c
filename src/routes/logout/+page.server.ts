import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getStore } from '$lib/server/store';
import { deleteSession } from '$lib/server/auth/sessions';
import { clearSessionCookie } from '$lib/server/auth/cookie';

export const load: PageServerLoad = () => redirect(303, '/login');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.sessionId) await deleteSession(await getStore(), locals.sessionId);
		clearSessionCookie(cookies, url);
		redirect(303, '/login');
	}
};
