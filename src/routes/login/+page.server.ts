import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { loginSchema } from '$lib/model/user';
import { publicContext } from '$lib/server/guard';
import { logIn, mustEnrolTotp } from '$lib/server/auth/login';
import { readDeviceTokens, setDeviceCookie, setSecondStepCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { clientLimiter } from '$lib/server/auth/login-limiter';
import { safeNext } from '$lib/server/auth/next-path';
import { fieldErrors } from '$lib/server/form-errors';
import { lockMessage } from './messages';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData().catch(() => new FormData());
		const email = String(form.get('email') ?? '');
		const parsed = loginSchema.safeParse({ email, password: form.get('password') ?? '' });
		if (!parsed.success) return fail(400, { email, errors: fieldErrors(parsed.error) });

		const ctx = await publicContext(event);
		const result = await logIn(ctx, {
			...parsed.data,
			deviceTokens: readDeviceTokens(event.cookies, event.url),
			clientLimited: () => clientLimiter.isLimited(event),
			previousSessionId: event.locals.sessionId
		});
		if (result.status === 'client-limited' || result.status === 'locked')
			return fail(429, { email, message: lockMessage(result) });
		if (result.status === 'wrong')
			return fail(400, { email, message: 'Deze combinatie van e-mailadres en wachtwoord kennen we niet.' });

		const next = event.url.searchParams.get('next');
		if (result.status === 'second-factor') {
			setSecondStepCookie(event.cookies, event.url, result.pending.token, result.pending.expires);
			redirect(303, `/login/code${next ? `?next=${encodeURIComponent(next)}` : ''}`);
		}
		setSessionCookie(event.cookies, event.url, result.session.token, result.session.expires);
		setDeviceCookie(event.cookies, event.url, result.deviceTokens);
		redirect(303, mustEnrolTotp(ctx, result.user) ? '/admin/account' : safeNext(next));
	}
};
