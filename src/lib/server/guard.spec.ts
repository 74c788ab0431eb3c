import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { actionName, adminAreaRefusal } from './guard';
import type { SessionUser } from '$lib/model/user';

const admin: SessionUser = { id: 'u-a', email: 'a@regio.nl', role: 'admin' };
const viewer: SessionUser = { id: 'u-v', email: 'v@regio.nl', role: 'viewer' };

function event(method: string, url: string, routeId: string | null, user: SessionUser | null) {
	return {
		request: new Request(`https://monitor.example.nl${url}`, { method }),
		url: new URL(`https://monitor.example.nl${url}`),
		route: { id: routeId },
		locals: { user, sessionId: null }
	} as unknown as RequestEvent;
}
const refusal = (method: string, url: string, routeId: string | null, user: SessionUser | null) =>
	adminAreaRefusal(event(method, url, routeId, user), new URL(url, 'https://x').pathname)?.status ?? null;

describe('adminAreaRefusal', () => {
	it('sends visitors without a session to the login, and refuses their posts', () => {
		expect(refusal('GET', '/admin/partners', '/admin/partners', null)).toBe(303);
		expect(refusal('POST', '/admin/partners?/create', '/admin/partners', null)).toBe(401);
		expect(refusal('GET', '/admin/bestaat-niet', null, null)).toBe(303);
	});
	it('lets a viewer read, and refuses every change a viewer posts, whatever the route or action', () => {
		expect(refusal('GET', '/admin/partners', '/admin/partners', viewer)).toBeNull();
		for (const [url, route] of [
			['/admin/partners?/create', '/admin/partners'],
			['/admin/partners', '/admin/partners'],
			['/admin/instellingen?/save', '/admin/instellingen'],
			['/admin/toekomstige-pagina?/wat-dan-ook', '/admin/toekomstige-pagina'],
			['/admin/account?/verwijder-iedereen', '/admin/account']
		])
			for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
				expect(refusal(method, url, route, viewer), `${method} ${url}`).toBe(403);
	});
	it('lets a viewer change only their own account, by name', () => {
		expect(refusal('POST', '/admin/account?/password', '/admin/account', viewer)).toBeNull();
		expect(refusal('POST', '/admin/account?/totp-confirm', '/admin/account', viewer)).toBeNull();
		// The same action name elsewhere is no exemption.
		expect(refusal('POST', '/admin/gebruikers?/password', '/admin/gebruikers', viewer)).toBe(403);
	});
	it('lets an admin do everything, and leaves the rest of the site alone', () => {
		expect(refusal('POST', '/admin/partners?/create', '/admin/partners', admin)).toBeNull();
		expect(refusal('POST', '/s/r.abc?/save', '/s/[token]', null)).toBeNull();
		expect(refusal('POST', '/login', '/login', null)).toBeNull();
	});
	it('reads the action a post names', () => {
		expect(actionName(new URL('https://x/admin/p?/create'))).toBe('create');
		expect(actionName(new URL('https://x/admin/p?role=a&/save'))).toBe('save');
		expect(actionName(new URL('https://x/admin/p'))).toBe('default');
	});
});
