import { describe, expect, it, vi } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import {
	OWN_ACCOUNT_ACTIONS,
	accountContext,
	actionName,
	adminAreaRefusal,
	adminContext,
	viewerContext
} from './guard';
import type { SessionUser } from '$lib/model/user';

// The contexts hand out the process's store; these tests only look at who gets one.
vi.mock('./store', () => ({ getStore: async () => ({}) }));

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
	it('keeps the own-account exemptions exactly in line with the account page’s actions', async () => {
		const page = await import('../../routes/admin/account/+page.server');
		expect([...OWN_ACCOUNT_ACTIONS['/admin/account']].sort()).toEqual(Object.keys(page.actions).sort());
		for (const name of Object.keys(page.actions))
			expect(refusal('POST', `/admin/account?/${name}`, '/admin/account', viewer), name).toBeNull();
	});
	it('sends an admin without the required second factor to their account page, and refuses their other writes', () => {
		const unenrolled: SessionUser = { ...admin, mustEnrolTotp: true };
		const res = adminAreaRefusal(event('GET', '/admin/partners', '/admin/partners', unenrolled), '/admin/partners');
		expect(res?.status).toBe(303);
		expect(res?.headers.get('location')).toBe('/admin/account');
		expect(refusal('GET', '/admin', '/admin', unenrolled)).toBe(303);
		expect(refusal('POST', '/admin/instellingen?/save', '/admin/instellingen', unenrolled)).toBe(403);
		// Their account page opens, and its forms work.
		expect(refusal('GET', '/admin/account', '/admin/account', unenrolled)).toBeNull();
		expect(refusal('POST', '/admin/account?/totp-start', '/admin/account', unenrolled)).toBeNull();
		expect(refusal('POST', '/admin/account?/totp-confirm', '/admin/account', unenrolled)).toBeNull();
		// A page's data request is left to its load, which redirects in the form the client reads.
		expect(refusal('GET', '/admin/partners/__data.json', '/admin/partners', unenrolled)).toBeNull();
	});
	it('the loads’ contexts redirect the same admin, except on the account page', async () => {
		const unenrolled: SessionUser = { ...admin, mustEnrolTotp: true };
		const locals = { user: unenrolled, sessionId: null };
		await expect(adminContext({ locals })).rejects.toMatchObject({ status: 303, location: '/admin/account' });
		await expect(viewerContext({ locals })).rejects.toMatchObject({ status: 303, location: '/admin/account' });
		expect((await accountContext({ locals })).actor).toEqual(unenrolled);
	});
	it('reads the action a post names', () => {
		expect(actionName(new URL('https://x/admin/p?/create'))).toBe('create');
		expect(actionName(new URL('https://x/admin/p?role=a&/save'))).toBe('save');
		expect(actionName(new URL('https://x/admin/p'))).toBe('default');
	});
});
