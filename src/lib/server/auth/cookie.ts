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
