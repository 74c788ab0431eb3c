import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getStore } from '$lib/server/store';
import { loginSchema } from '$lib/model/user';
import { checkCredentials, recordLogin } from '$lib/server/auth/users';
import { createSession, deleteSession } from '$lib/server/auth/sessions';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { loginLimiter } from '$lib/server/auth/login-limiter';
import { fieldErrors } from '$lib/server/form-errors';

/** Only paths inside the admin area: a login link must not bounce users to another site. */
function safeNext(next: string | null) {
	return next && /^\/admin(\/|\?|$)/.test(next) && !next.startsWith('//') ? next : '/admin';
}

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '');
		const parsed = loginSchema.safeParse({ email, password: form.get('password') ?? '' });
		if (!parsed.success) return fail(400, { email, errors: fieldErrors(parsed.error) });

		if (await loginLimiter.isLimited(event, parsed.data.email))
			return fail(429, {
				email,
				message: 'Te veel inlogpogingen. Wacht een kwartier en probeer het dan opnieuw.'
			});

		const store = await getStore();
		const user = await checkCredentials(store, parsed.data.email, parsed.data.password);
		if (!user)
			return fail(400, { email, message: 'Deze combinatie van e-mailadres en wachtwoord kennen we niet.' });

		// A fresh token at every login: a session id known before login is worthless after it.
		if (event.locals.sessionId) await deleteSession(store, event.locals.sessionId);
		const { token, expires } = await createSession(store, user.id);
		await recordLogin(store, user.id);
		setSessionCookie(event.cookies, event.url, token, expires);
		redirect(303, safeNext(event.url.searchParams.get('next')));
	}
};
