import { describe, expect, it } from 'vitest';
import { isAdminPath, isSurveyPath, routedPath, surveyTokenOf } from './request-path';

describe('routedPath', () => {
	it('decodes an encoded spelling to the path SvelteKit routes', () => {
		expect(routedPath('/%61dmin/rounds/x')).toBe('/admin/rounds/x');
		expect(routedPath('/%73/abc.def')).toBe('/s/abc.def');
		expect(isAdminPath(routedPath('/%61%64%6D%69%6E')!)).toBe(true);
		expect(surveyTokenOf(routedPath('/%73/r.%41BC/stap/1')!)).toBe('r.ABC');
	});
	it('keeps what SvelteKit keeps encoded, so a segment cannot be split by %2F', () => {
		expect(routedPath('/s%2Fabc')).toBe('/s%2Fabc');
		expect(isSurveyPath(routedPath('/s%2Fabc')!)).toBe(false);
		expect(routedPath('/s/a%25b')).toBe('/s/a%25b');
	});
	it('is null for paths that cannot be decoded, instead of throwing', () => {
		for (const p of ['/s/%', '/s/%E0%A4%A', '/s/%C0%AF', '/s/abc%ZZ', '/%', '/admin/%FF', '/%ED%A0%80'])
			expect(routedPath(p), p).toBeNull();
	});
	it('tells the admin area and survey links apart from look-alikes', () => {
		expect(isAdminPath('/admin')).toBe(true);
		expect(isAdminPath('/admin/')).toBe(true);
		expect(isAdminPath('/administratie')).toBe(false);
		expect(isSurveyPath('/s/x')).toBe(true);
		expect(isSurveyPath('/s')).toBe(false);
		expect(isSurveyPath('/sx/y')).toBe(false);
	});
});
