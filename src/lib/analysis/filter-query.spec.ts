import { describe, expect, it } from 'vitest';
import type { PublishedCell } from '$lib/model/published';
import { parseSelection, REFUSED_COMBINATION, selectionGroups } from './filter-query';

const cells: PublishedCell[] = [
	{ dimension: 'all', value: null, label: 'Hele netwerk' },
	{ dimension: 'partnerType', value: 'gemeente', label: 'Gemeente' },
	{ dimension: 'partnerType', value: 'onderwijs', label: 'Onderwijs' },
	{ dimension: 'helix', value: 'overheid', label: 'Overheid' },
	{ dimension: 'role', value: 'ambtelijk', label: 'Ambtelijk' },
	{ dimension: 'body', value: 'pho-economie', label: 'PHO Economie' },
	{ dimension: 'body', value: 'ao-economie', label: 'AO Economie' },
	{ dimension: 'centre', value: 'ja', label: 'Centrumgemeente' },
	{ dimension: 'partner', value: 'zwolle', label: 'Zwolle' }
];
const parse = (q: string, published: PublishedCell[] | null = cells) =>
	parseSelection(new URLSearchParams(q), published);

describe('parseSelection', () => {
	it('reads one cell of any dimension and describes it in words', () => {
		for (const [q, key, description] of [
			['role=ambtelijk', 'role:ambtelijk', 'Rol: Ambtelijk'],
			['body=pho-economie', 'body:pho-economie', 'Gremium: PHO Economie'],
			['centre=ja', 'centre:ja', 'Centrumgemeente: Centrumgemeente'],
			['partner=zwolle', 'partner:zwolle', 'Partner: Zwolle'],
			['role=ambtelijk&role=ambtelijk&helix=', 'role:ambtelijk', 'Rol: Ambtelijk']
		])
			expect(parse(q)).toEqual({
				kind: 'cell',
				state: { key, query: `?${q.split('&')[0]}`, description, notices: [] }
			});
	});

	it('treats no parameters, and the form’s empty choices, as the whole network', () => {
		for (const q of ['', 'partnerType=&role=', 'cel=all', 'cel='])
			expect(parse(q)).toEqual({ kind: 'cell', state: { key: 'all', query: '', description: null, notices: [] } });
	});

	it('refuses two dimensions, two values of one, and a form choice beside a parameter', () => {
		for (const q of [
			'role=ambtelijk&partnerType=gemeente',
			'partnerType=gemeente&partnerType=onderwijs',
			'helix=overheid&body=pho-economie',
			'cel=role:ambtelijk&partner=zwolle',
			Array.from({ length: 500 }, (_, i) => `role=x${i}`).join('&')
		])
			expect(parse(q), q).toEqual({ kind: 'refused', reason: REFUSED_COMBINATION });
		expect(REFUSED_COMBINATION).toMatch(/^Een selectie is één groep/);
	});

	it('also refuses a combination of values nobody has: the rule is about the URL, not the data', () => {
		expect(parse('role=keizer&helix=mars').kind).toBe('refused');
	});

	it('sends the form’s one drop-down to the canonical URL', () => {
		expect(parse('cel=role%3Aambtelijk')).toEqual({ kind: 'redirect', query: '?role=ambtelijk' });
		expect(parse('cel=partner%3Azwolle%26x')).toEqual({ kind: 'redirect', query: '?partner=zwolle%26x' });
		expect(parse('cel=keizer').kind).toBe('cell');
	});

	it('ignores an unknown value with a Dutch notice and shows the whole network', () => {
		expect(parse('helix=<script>')).toEqual({
			kind: 'cell',
			state: {
				key: 'all',
				query: '',
				description: null,
				notices: ['Onbekende waarde voor ‘Helix’ genegeerd: “<script>”.']
			}
		});
		const partner = parse('partner=kampen');
		expect(partner.kind === 'cell' && partner.state.notices[0]).toMatch(/geen gepubliceerde groep/);
	});

	it('has no cells before the round is published, and says so', () => {
		const open = parse('role=ambtelijk', null);
		expect(open.kind === 'cell' && open.state).toMatchObject({
			key: 'all',
			notices: [expect.stringMatching(/gesloten/)]
		});
	});
});

describe('selectionGroups', () => {
	it('offers the published cells per dimension, bodies and partners by name', () => {
		const groups = selectionGroups(cells);
		expect(groups.map((g) => g.param)).toEqual(['partnerType', 'helix', 'role', 'body', 'centre', 'partner']);
		expect(groups.find((g) => g.param === 'body')!.options.map((o) => o.label)).toEqual([
			'AO Economie',
			'PHO Economie'
		]);
		expect(groups[0].options[0]).toEqual({ key: 'partnerType:gemeente', label: 'Gemeente' });
	});
});
