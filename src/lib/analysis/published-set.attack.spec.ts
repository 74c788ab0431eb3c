/**
 * Random small networks against the naive attacker. ATTACK_RUNS=<n> raises the number of runs
 * (default 100 per property) for a longer hunt.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodySchema, helices, partnerSchema, type PartnerType, type Role } from '$lib/model/network';
import type { Questionnaire } from '$lib/model/questionnaire';
import type { SurveyResponse } from '$lib/model/response';
import { attackSnapshot } from './published-attacker';
import { auditPublishedSet, publishedCells, releasedTallies, type PublishedAudit } from './published-set';
import { layoutOf } from './layout';

const RUNS = Number(process.env.ATTACK_RUNS ?? 100);
const types: PartnerType[] = ['gemeente', 'onderwijs', 'sbb', 'provincie', 'ondernemers'];
const someRoles: Role[] = ['bestuurlijk', 'ambtelijk', 'directie'];
const SKIP = -1;

function questionnaire(items: number, reversed: boolean[]): Questionnaire {
	const ids = Array.from({ length: items }, (_, i) => `s${i}`);
	const half = Math.ceil(items / 2);
	const section = (id: string, its: string[]) => ({
		id,
		title: id,
		question: `${id}?`,
		intro: '',
		perspective: null,
		commentLabel: null,
		items: its.map((itemId) => ({
			id: itemId,
			text: `Stelling ${itemId}.`,
			reversed: reversed[Number(itemId.slice(1))] ?? false,
			subject: 'samenwerking' as const
		}))
	});
	return {
		id: 'aanval',
		version: 1,
		title: 'Aanval',
		description: '',
		minutes: 5,
		scale: { points: 5, labels: ['1', '2', '3', '4', '5'], dontKnowLabel: 'Weet niet' },
		sections: [section('a', ids.slice(0, half)), section('b', ids.slice(half))]
	};
}

/** Mostly 3 and 4, so that cells are often large enough to show; sometimes weet niet or skipped. */
const answer = fc.constantFrom(4, 4, 4, 4, 3, 3, 3, 5, 2, 1, 0, 0, SKIP);

const network = (respondents: { min: number; max: number }) =>
	fc
		.record({
			k: fc.constantFrom(3, 4, 5),
			items: fc.integer({ min: 3, max: 6 }),
			reversed: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
			partners: fc.array(
				fc.record({
					type: fc.constantFrom(...types),
					helix: fc.constantFrom(...helices),
					isCentre: fc.constantFrom(false, false, true)
				}),
				{ minLength: 2, maxLength: 5 }
			),
			bodies: fc.integer({ min: 1, max: 3 }),
			// Bunches of people alike in profile and answers, as in real partners; some vary.
			bunches: fc.array(
				fc.record({
					partner: fc.nat(5),
					role: fc.constantFrom(...someRoles),
					bodies: fc.subarray([0, 1, 2]),
					size: fc.integer({ min: 1, max: 8 }),
					answers: fc.array(answer, { minLength: 6, maxLength: 6 }),
					vary: fc.array(fc.tuple(fc.nat(5), fc.nat(5), answer), { maxLength: 4 }),
					draft: fc.boolean()
				}),
				{ minLength: 1, maxLength: 14 }
			)
		})
		.map((g) => {
			const q = questionnaire(g.items, g.reversed);
			const partners = g.partners.map((p, i) => partnerSchema.parse({ id: `p${i}`, name: `Partner ${i}`, ...p }));
			const bodies = Array.from({ length: g.bodies }, (_, i) =>
				bodySchema.parse({ id: `b${i}`, name: `Gremium ${i}`, kind: 'ambtelijk' })
			);
			const responses: SurveyResponse[] = [];
			for (const b of g.bunches)
				for (let j = 0; j < b.size && responses.length < respondents.max; j++) {
					const values = [...b.answers];
					for (const [who, item, v] of b.vary) if (who === j) values[item] = v;
					const answers: Record<string, number> = {};
					q.sections.flatMap((s) => s.items).forEach((it, i) => values[i] !== SKIP && (answers[it.id] = values[i]));
					const draft = b.draft && j === 0;
					responses.push({
						id: `r-${responses.length}`,
						roundId: 'ronde',
						// An index past the partners stands for a partner deleted since.
						profile: {
							partnerId: b.partner < partners.length ? `p${b.partner}` : 'verwijderd',
							role: b.role,
							bodyIds: b.bodies.filter((x) => x < g.bodies).map((x) => `b${x}`)
						},
						answers,
						comments: {},
						status: draft ? 'draft' : 'submitted',
						step: 0,
						createdAt: '2026-01-01T00:00:00.000Z',
						updatedAt: '2026-01-01T00:00:00.000Z',
						submittedAt: draft ? null : '2026-01-01T00:00:00.000Z'
					});
				}
			return { k: g.k, q, partners, bodies, responses };
		})
		.filter((n) => {
			const submitted = n.responses.filter((r) => r.status === 'submitted').length;
			return submitted >= respondents.min && submitted <= respondents.max;
		});

/** The audit with only its primary suppression: what the attacker should be able to break. */
const primaryOnly = (a: PublishedAudit): PublishedAudit => {
	const undo = (ds: (string | null)[]) => ds.map((d) => (d === 'protects-another' ? null : d)) as typeof a.headcount;
	return { ...a, headcount: undo(a.headcount), sections: a.sections.map(undo), items: a.items.map(undo) };
};

function hunt(respondents: { min: number; max: number }, runs: number) {
	let tried = 0;
	let needed = 0;
	let broken = 0;
	const t0 = performance.now();
	fc.assert(
		fc.property(network(respondents), ({ k, q, partners, bodies, responses }) => {
			const submitted = responses.filter((r) => r.status === 'submitted');
			const cells = publishedCells(
				partners,
				bodies,
				submitted.map((r) => r.profile),
				k
			);
			const audit = auditPublishedSet(responses, layoutOf(q), cells, partners, k);
			const snap = releasedTallies(audit);
			const report = attackSnapshot(snap, responses, partners, q);
			tried += report.combinationsTried;
			// The secondary suppression was needed wherever the attacker breaks the primary-only set.
			if (
				JSON.stringify(primaryOnly(audit).items) !== JSON.stringify(audit.items) ||
				audit.headcount.includes('protects-another')
			) {
				needed++;
				if (attackSnapshot(releasedTallies(primaryOnly(audit)), responses, partners, q).attacks.length > 0) broken++;
			}
			if (report.mismatches.length > 0 || report.attacks.length > 0)
				throw new Error(
					`k=${k}, ${submitted.length} respondents, ${cells.length} cells\n` +
						JSON.stringify({ mismatches: report.mismatches, attacks: report.attacks }, null, 1)
				);
		}),
		{ numRuns: runs }
	);
	return { ms: performance.now() - t0, tried, needed, broken };
}

// A longer hunt (ATTACK_RUNS) gets the time it needs: about 40 ms per network here, doubled.
const TIMEOUT = Math.max(30_000, RUNS * 80);

describe('published set against a brute-force attacker', { timeout: TIMEOUT }, () => {
	it('lets no sum or difference of up to four released cells single out 1..k−1 people', () => {
		const { ms, tried, needed, broken } = hunt({ min: 5, max: 60 }, RUNS);
		console.log(
			`attack, 5–60 respondents: ${RUNS} networks, ${tried} combinations, nothing found, ${(ms / 1000).toFixed(1)} s; ` +
				`secondary suppression acted in ${needed}, and without it the attacker broke ${broken}`
		);
		expect(tried).toBeGreaterThan(0);
		// The attacker has teeth: it breaks the audit's own output once secondary suppression is undone.
		expect(needed === 0 || broken > 0).toBe(true);
	});

	it('on tiny networks, lets no combination with coefficients −2..2 single out 1..k−1 people', () => {
		const { ms, tried, needed, broken } = hunt({ min: 5, max: 12 }, RUNS);
		console.log(
			`attack, 5–12 respondents: ${RUNS} networks, ${tried} combinations, nothing found, ${(ms / 1000).toFixed(1)} s; ` +
				`secondary suppression acted in ${needed}, and without it the attacker broke ${broken}`
		);
		expect(tried).toBeGreaterThan(0);
		// The attacker has teeth: it breaks the audit's own output once secondary suppression is undone.
		expect(needed === 0 || broken > 0).toBe(true);
	});
});
