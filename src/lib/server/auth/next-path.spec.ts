import { describe, expect, it } from 'vitest';
import { safeNext } from './next-path';

describe('safeNext', () => {
	it('follows a path inside the admin area, with its query', () => {
		expect(safeNext('/admin')).toBe('/admin');
		expect(safeNext('/admin/rounds/najaar-2026')).toBe('/admin/rounds/najaar-2026');
		expect(safeNext('/admin/rounds/najaar-2026/rapport?role=ambtelijk')).toBe(
			'/admin/rounds/najaar-2026/rapport?role=ambtelijk'
		);
		expect(safeNext('/admin?x=1')).toBe('/admin?x=1');
	});
	it('never leaves the admin area or the site', () => {
		for (const next of [
			null,
			'',
			'https://evil.example/admin',
			'//evil.example/admin',
			'/\\evil.example',
			'/admin//evil.example',
			'/admin/\\evil.example',
			'/administratie',
			'/login',
			'/s/x.y',
			'admin',
			'/admin/\r\nSet-Cookie: a=b',
			'/admin/ x',
			'/admin/é'
		])
			expect(safeNext(next), String(next)).toBe('/admin');
	});
});
