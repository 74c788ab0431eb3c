import type { Cookies } from '@sveltejs/kit';

/**
 * Over https the cookie gets the `__Host-` prefix (Secure, Path=/, no Domain), so no subdomain
 * or plain-http page can plant or read it. Local http installs use the plain name.
 */
export const sessionCookieName = (url: URL) => (url.protocol === 'https:' ? '__Host-am_session' : 'am_session');

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expires: Date) {
	cookies.set(sessionCookieName(url), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL) {
	cookies.delete(sessionCookieName(url), { path: '/', secure: url.protocol === 'https:' });
}

/** The device cookie of the login policy (login.ts): the browser's tokens, joined by dots. */
const deviceCookieName = (url: URL) => (url.protocol === 'https:' ? '__Host-am_device' : 'am_device');
const DEVICE_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const DEVICE_COOKIE_DAYS = 180;

export function readDeviceTokens(cookies: Cookies, url: URL): string[] {
	const raw = cookies.get(deviceCookieName(url)) ?? '';
	return raw
		.split('.')
		.filter((t) => DEVICE_TOKEN.test(t))
		.slice(0, 5);
}

export function setDeviceCookie(cookies: Cookies, url: URL, tokens: string[]) {
	cookies.set(deviceCookieName(url), tokens.join('.'), {
		path: '/',
		httpOnly: true,
		sameSite: 'strict',
		secure: url.protocol === 'https:',
		maxAge: DEVICE_COOKIE_DAYS * 24 * 60 * 60
	});
}

/** The second step of a login (login.ts): 5 minutes, only sent to the login pages. */
const secondStepCookieName = (url: URL) => (url.protocol === 'https:' ? '__Secure-am_login2' : 'am_login2');
const SECOND_STEP_PATH = '/login';

export const readSecondStepToken = (cookies: Cookies, url: URL) => cookies.get(secondStepCookieName(url)) ?? null;

export function setSecondStepCookie(cookies: Cookies, url: URL, token: string, expires: Date) {
	cookies.set(secondStepCookieName(url), token, {
		path: SECOND_STEP_PATH,
		httpOnly: true,
		sameSite: 'strict',
		secure: url.protocol === 'https:',
		expires
	});
}

export function clearSecondStepCookie(cookies: Cookies, url: URL) {
	cookies.delete(secondStepCookieName(url), { path: SECOND_STEP_PATH, secure: url.protocol === 'https:' });
}
