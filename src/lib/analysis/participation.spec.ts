import { describe, expect, it } from 'vitest';
import { buildParticipation, type ParticipationInput } from './participation';

const input = (over: Partial<ParticipationInput>): ParticipationInput => ({
	invited: 30,
	invitedByPartnerType: { gemeente: 10, ondernemers: 4, onderwijs: 6, provincie: 10 },
	started: 20,
	submitted: 18,
	submittedByPartnerType: { gemeente: 6, ondernemers: 2, provincie: 10 },
	types: ['gemeente', 'provincie', 'onderwijs', 'ondernemers'],
	k: 5,
	selection: 18,
	...over
});
const byType = (p: ReturnType<typeof buildParticipation>) =>
	Object.fromEntries(p.byPartnerType.map((t) => [t.type, t.result]));

describe('buildParticipation', () => {
	it('reports the response rate over submitted responses', () => {
		expect(buildParticipation(input({}))).toMatchObject({
			invited: 30,
			started: 20,
			submitted: 18,
			responseRate: 0.6,
			selection: 18
		});
	});

	it('withholds a partner type with 1..k−1 respondents, and one more so the total does not give it away', () => {
		const t = byType(buildParticipation(input({})));
		expect(t.ondernemers).toEqual({ suppressed: true, reason: 'small' });
		// 18 − 10 − 0 would be the 8 of gemeente and ondernemers together: safe; 18 − 16 = 2 is not.
		expect(t.gemeente).toEqual({ suppressed: true, reason: 'derivable' });
		expect(t.provincie).toEqual({ suppressed: false, submitted: 10, rate: 1 });
		expect(t.onderwijs).toEqual({ suppressed: false, submitted: 0, rate: 0 });
	});

	it('needs no second suppression when the withheld types already add up to k', () => {
		const t = byType(
			buildParticipation(
				input({ submitted: 21, submittedByPartnerType: { gemeente: 6, ondernemers: 2, onderwijs: 3, provincie: 10 } })
			)
		);
		expect([t.ondernemers.suppressed, t.onderwijs.suppressed]).toEqual([true, true]);
		expect(t.gemeente).toEqual({ suppressed: false, submitted: 6, rate: 0.6 });
	});

	it('counts respondents of a partner since removed among the withheld, and protects them too', () => {
		// 17 by type, 18 in total: one respondent's partner no longer exists.
		const t = byType(buildParticipation(input({ submittedByPartnerType: { gemeente: 7, provincie: 10 } })));
		expect(t.gemeente).toEqual({ suppressed: true, reason: 'derivable' });
		expect(t.provincie).toEqual({ suppressed: false, submitted: 10, rate: 1 });
	});

	it('keeps what an earlier audit withheld withheld', () => {
		const t = byType(
			buildParticipation(
				input({ submitted: 26, submittedByPartnerType: { gemeente: null, provincie: 10, ondernemers: 10 } })
			)
		);
		expect(t.gemeente).toEqual({ suppressed: true, reason: 'derivable' });
		expect(t.provincie.suppressed).toBe(false);
	});
});
