import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { secondFactorCodeSchema } from '$lib/model/user';
import { publicContext } from '$lib/server/guard';
import { logInSecondStep, mustEnrolTotp, secondStepPending } from '$lib/server/auth/login';
import {
	clearSecondStepCookie,
	readDeviceTokens,
	readSecondStepToken,
	setDeviceCookie,
	setSessionCookie
} from '$lib/server/auth/cookie';
import { clientLimiter } from '$lib/server/auth/login-limiter';
import { safeNext } from '$lib/server/auth/next-path';
import { fieldErrors } from '$lib/server/form-errors';
import { lockMessage } from '../messages';

const backToLogin = (url: URL) => {
	const next = url.searchParams.get('next');
	return `/login${next ? `?next=${encodeURIComponent(next)}` : ''}`;
};

export const load: PageServerLoad = async (event) => {
	if (event.locals.user) redirect(303, safeNext(event.url.searchParams.get('next')));
	const pending = secondStepPending(await publicContext(event), readSecondStepToken(event.cookies, event.url));
	if (!pending) redirect(303, backToLogin(event.url));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData().catch(() => new FormData());
		const parsed = secondFactorCodeSchema.safeParse(String(form.get('code') ?? ''));
		if (!parsed.success) return fail(400, { errors: { code: fieldErrors(parsed.error).form } });

		const ctx = await publicContext(event);
		const result = await logInSecondStep(ctx, {
			pendingToken: readSecondStepToken(event.cookies, event.url),
			code: parsed.data,
			deviceTokens: readDeviceTokens(event.cookies, event.url),
			clientLimited: () => clientLimiter.isLimited(event),
			previousSessionId: event.locals.sessionId
		});
		if (result.status === 'expired') {
			clearSecondStepCookie(event.cookies, event.url);
			return fail(400, {
				expired: true,
				message: 'Deze inlogpoging is verlopen (na 5 minuten). Log opnieuw in met uw wachtwoord.'
			});
		}
		if (result.status === 'client-limited' || result.status === 'locked')
			return fail(429, { message: lockMessage(result) });
		if (result.status === 'wrong')
			return fail(400, {
				errors: { code: 'Deze code klopt niet. Gebruik de nieuwste code uit uw app, of een herstelcode.' }
			});

		clearSecondStepCookie(event.cookies, event.url);
		setSessionCookie(event.cookies, event.url, result.session.token, result.session.expires);
		setDeviceCookie(event.cookies, event.url, result.deviceTokens);
		redirect(303, mustEnrolTotp(ctx, result.user) ? '/admin/account' : safeNext(event.url.searchParams.get('next')));
	}
};
