import { describe, expect, it } from 'vitest';
import { defineGroups } from './breakdowns';
import { bodies, partners } from './test-fixtures';

describe('defineGroups', () => {
	const groups = defineGroups(partners, bodies);
	const keys = (ids: number[]) => ids.map((g) => `${groups.defs[g].family}:${groups.defs[g].groupId}`);

	it('offers the families present in the network, the centre by name', () => {
		const families = [...new Set(groups.defs.map((d) => d.family))];
		expect(families).toEqual(['partnerType', 'helix', 'role', 'centre', 'body']);
		expect(groups.defs.filter((d) => d.family === 'partnerType').map((d) => d.groupId)).toEqual([
			'gemeente',
			'provincie',
			'onderwijs',
			'ondernemers',
			'waterschap'
		]);
		expect(groups.defs[groups.indexOf('centre', 'centrum')].label).toBe('Centrumgemeente (Zwolle)');
		expect(groups.defs[groups.indexOf('role', 'bestuurlijk')].phrase).toBe('bestuurders');
	});

	it('puts a respondent in every group that applies, bodies overlapping', () => {
		const zwolle = partners.find((p) => p.id === 'zwolle')!;
		const m = groups.membership(
			{
				partnerId: 'zwolle',
				role: 'bestuurlijk',
				bodyIds: ['pho-economie', 'ao-economie', 'pho-economie', 'onbekend']
			},
			zwolle
		);
		expect(keys(m)).toEqual([
			'partnerType:gemeente',
			'helix:overheid',
			'role:bestuurlijk',
			'centre:centrum',
			'body:pho-economie',
			'body:ao-economie'
		]);
		expect(m).toEqual([...m].sort((a, b) => a - b));
	});

	it('leaves an unknown partner out of the partner groups', () => {
		expect(keys(groups.membership({ partnerId: 'weg', role: 'ambtelijk', bodyIds: [] }, undefined))).toEqual([
			'role:ambtelijk'
		]);
	});

	it('has no centre family without a centre municipality', () => {
		const g = defineGroups(
			partners.map((p) => ({ ...p, isCentre: false })),
			[]
		);
		expect(g.indexOf('centre', 'centrum')).toBe(-1);
	});
});
