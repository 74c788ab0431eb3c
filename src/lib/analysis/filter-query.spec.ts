import { describe, expect, it } from 'vitest';
import { buildDemo } from '$lib/server/demo/build';
import { filterOptions, parseFilter } from './filter-query';

const demo = buildDemo({ now: new Date('2026-03-10T12:00:00Z') });
const params = (q: string) => new URLSearchParams(q);
const options = () => filterOptions(demo);

describe('parseFilter', () => {
	it('reads every dimension from the URL and describes it in words', () => {
		const body = options().body[0];
		const { filter, state } = parseFilter(
			params(`role=ambtelijk&helix=overheid&partnerType=gemeente&body=${body.value}`),
			options()
		);
		expect(filter).toEqual({
			roles: ['ambtelijk'],
			helices: ['overheid'],
			partnerTypes: ['gemeente'],
			bodyIds: [body.value]
		});
		expect(state.notices).toEqual([]);
		expect(state.query).toBe(`?partnerType=gemeente&helix=overheid&role=ambtelijk&body=${body.value}`);
		expect(state.description).toBe(
			`Type partner: Gemeente · Helix: Overheid · Rol: Ambtelijk · Gremium: ${body.label}`
		);
	});

	it('treats the form’s empty "Alle" choice as no filter, without a notice', () => {
		const { filter, state } = parseFilter(params('partnerType=&helix=&role=&body='), options());
		expect(filter).toEqual({});
		expect(state).toMatchObject({ notices: [], query: '', description: null });
	});

	it('ignores unknown values with a Dutch notice and keeps the known ones', () => {
		const { filter, state } = parseFilter(
			params('role=koning&role=bestuurlijk&body=bestaat-niet&helix=<script>'),
			options()
		);
		expect(filter).toEqual({ roles: ['bestuurlijk'] });
		expect(state.notices).toEqual([
			'Onbekende waarde voor ‘Helix’ genegeerd: “<script>”.',
			'Onbekende waarde voor ‘Rol’ genegeerd: “koning”.',
			'Onbekende waarde voor ‘Gremium’ genegeerd: “bestaat-niet”.'
		]);
		expect(state.query).toBe('?role=bestuurlijk');
	});

	it('accepts several values per dimension, once each, in the order of the form', () => {
		const { filter, state } = parseFilter(params('role=ambtelijk&role=bestuurlijk&role=ambtelijk'), options());
		expect(filter).toEqual({ roles: ['bestuurlijk', 'ambtelijk'] });
		expect(state.description).toBe('Rol: Bestuurlijk of Ambtelijk');
	});

	it('caps absurdly long lists instead of working through them', () => {
		const many = Array.from({ length: 500 }, (_, i) => `role=x${i}`).join('&');
		const { filter, state } = parseFilter(params(many), options());
		expect(filter).toEqual({});
		expect(state.notices[0]).toMatch(/^Onbekende waarden voor ‘Rol’ genegeerd: “x0”, “x1”, “x2” en nog 497\.$/);
	});
});

describe('filterOptions', () => {
	it('offers only partner types and helices that occur in the network', () => {
		const types = new Set(demo.partners.map((p) => p.type));
		expect(
			options()
				.partnerType.map((o) => o.value)
				.every((t) => types.has(t as never))
		).toBe(true);
		expect(options().role.map((o) => o.value)).toContain('raad-staten');
	});
});
