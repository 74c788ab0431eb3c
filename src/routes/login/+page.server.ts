import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { loginSchema } from '$lib/model/user';
import { publicContext } from '$lib/server/guard';
import { logIn } from '$lib/server/auth/login';
import { readDeviceTokens, setDeviceCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { clientLimiter } from '$lib/server/auth/login-limiter';
import { safeNext } from '$lib/server/auth/next-path';
import { fieldErrors } from '$lib/server/form-errors';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {};
};

function minutesUntil(until: Date) {
	const n = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
	return n === 1 ? '1 minuut' : `${n} minuten`;
}

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData().catch(() => new FormData());
		const email = String(form.get('email') ?? '');
		const parsed = loginSchema.safeParse({ email, password: form.get('password') ?? '' });
		if (!parsed.success) return fail(400, { email, errors: fieldErrors(parsed.error) });

		const result = await logIn(await publicContext(event), {
			...parsed.data,
			deviceTokens: readDeviceTokens(event.cookies, event.url),
			clientLimited: () => clientLimiter.isLimited(event),
			previousSessionId: event.locals.sessionId
		});
		if (result.status === 'client-limited')
			return fail(429, {
				email,
				message: 'Te veel inlogpogingen vanaf dit adres. Wacht een paar minuten en probeer het dan opnieuw.'
			});
		if (result.status === 'locked')
			return fail(429, {
				email,
				message: result.knownBrowser
					? `Te veel mislukte pogingen vanuit deze browser. Probeer het over ${minutesUntil(result.until)} opnieuw.`
					: `Te veel mislukte pogingen voor dit account. Probeer het over ${minutesUntil(result.until)} opnieuw, ` +
						'of log in met een browser waarmee u hier eerder inlogde: die houdt toegang.'
			});
		if (result.status === 'wrong')
			return fail(400, { email, message: 'Deze combinatie van e-mailadres en wachtwoord kennen we niet.' });

		setSessionCookie(event.cookies, event.url, result.session.token, result.session.expires);
		setDeviceCookie(event.cookies, event.url, result.deviceTokens);
		redirect(303, safeNext(event.url.searchParams.get('next')));
	}
};
