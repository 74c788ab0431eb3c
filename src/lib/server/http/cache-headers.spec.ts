import { describe, expect, it } from 'vitest';
import { applyCacheHeaders } from './cache-headers';
import { routedPath } from './request-path';

const cacheControl = (path: string, loggedIn = false) => {
	const h = new Headers();
	applyCacheHeaders(h, routedPath(path), loggedIn);
	return h.get('cache-control');
};

describe('applyCacheHeaders', () => {
	it('keeps survey pages, dashboards and login out of every cache, in any spelling', () => {
		for (const path of [
			'/s/r.abc',
			'/s/r.abc/stap/2',
			'/admin',
			'/admin/rounds/x',
			'/login',
			'/%61dmin/rounds/x',
			'/%73/r.abc'
		])
			expect(cacheControl(path), path).toBe('private, no-store');
	});
	it('keeps every page rendered for a logged-in user out of caches', () => {
		expect(cacheControl('/', true)).toBe('private, no-store');
		expect(cacheControl('/privacy', true)).toBe('private, no-store');
		expect(cacheControl('/bestaat-niet', true)).toBe('private, no-store');
	});
	it('lets anonymous public pages be cached, but never across cookies', () => {
		const h = new Headers();
		applyCacheHeaders(h, '/privacy', false);
		expect(h.get('cache-control')).toBeNull();
		expect(h.get('vary')).toBe('Cookie');
	});
	it('treats an undecodable path as private', () => {
		expect(cacheControl('/s/%')).toBe('private, no-store');
	});
});
