import { describe, expect, it } from 'vitest';
import { groupsOf } from './breakdowns';
import { layoutOf } from './layout';
import { readPublished } from './published-tally';
import { answerAll, bodies, makeQuestionnaire, makeResponse, partners, publishedSnapshotOf } from './test-fixtures';

const q = makeQuestionnaire(1);
const crowd = (partnerId: string, n: number) =>
	Array.from({ length: n }, () =>
		makeResponse({ partnerId, role: 'ambtelijk', bodyIds: ['ao-economie'] }, answerAll(q, 4))
	);
const published = (ps = partners) =>
	readPublished(
		publishedSnapshotOf([...crowd('zwolle', 6), ...crowd('kampen', 6)], q, { partners: ps, bodies }),
		layoutOf(q)
	);

describe('groupsOf', () => {
	const groups = groupsOf(published(), partners);

	it('offers the published cells by family, the centre by name, partners not at all', () => {
		expect([...new Set(groups.map((d) => d.family))]).toEqual(['partnerType', 'helix', 'role', 'centre', 'body']);
		expect(groups.filter((d) => d.family === 'partnerType').map((d) => d.groupId)).toEqual([
			'gemeente',
			'provincie',
			'onderwijs',
			'ondernemers',
			'waterschap'
		]);
		const centre = groups.find((g) => g.family === 'centre' && g.groupId === 'ja')!;
		expect([centre.label, centre.phrase]).toEqual(['Centrumgemeente (Zwolle)', 'deelnemers van Zwolle']);
		expect(groups.find((g) => g.family === 'role' && g.groupId === 'bestuurlijk')!.phrase).toBe('bestuurders');
		expect(groups.find((g) => g.family === 'body' && g.groupId === 'ao-economie')!.phrase).toBe(
			'leden van AO Economie'
		);
	});

	it('carries each cell’s published tally', () => {
		const ambtelijk = groups.find((g) => g.family === 'role' && g.groupId === 'ambtelijk')!;
		expect(ambtelijk.tally.n).toEqual({ n: 12 });
	});

	it('has no centre family without a centre municipality', () => {
		const none = partners.map((p) => ({ ...p, isCentre: false }));
		expect(groupsOf(published(none), none).some((g) => g.family === 'centre')).toBe(false);
	});
});
