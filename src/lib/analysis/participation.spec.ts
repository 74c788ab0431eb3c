import { describe, expect, it } from 'vitest';
import { buildParticipation } from './participation';
import { makeResponse, partners } from './test-fixtures';

describe('buildParticipation', () => {
	const responses = [
		...Array.from({ length: 6 }, () => makeResponse({ partnerId: 'kampen', role: 'ambtelijk' }, {})),
		...Array.from({ length: 2 }, () => makeResponse({ partnerId: 'vno', role: 'directie' }, {})),
		makeResponse({ partnerId: 'windesheim', role: 'ambtelijk' }, {}, {}, 'draft')
	];
	const p = buildParticipation({
		responses,
		partners,
		invitedCount: 20,
		invitedByPartnerType: { gemeente: 10, ondernemers: 4, onderwijs: 6 },
		startedCount: 9,
		k: 5,
		selection: 8
	});

	it('reports the response rate over submitted responses', () => {
		expect(p).toMatchObject({ invited: 20, started: 9, submitted: 8, responseRate: 0.4, selection: 8 });
	});

	it('withholds a partner type with 1..k−1 respondents, shows zero', () => {
		const byType = Object.fromEntries(p.byPartnerType.map((t) => [t.type, t.result]));
		expect(byType.gemeente).toEqual({ suppressed: false, submitted: 6, rate: 0.6 });
		expect(byType.ondernemers).toEqual({ suppressed: true, reason: 'small' });
		expect(byType.onderwijs).toEqual({ suppressed: false, submitted: 0, rate: 0 });
	});
});
