import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partnerSchema, type Partner, type PartnerType, type Role } from '$lib/model/network';
import type { CoarseProfile, Profile } from '$lib/model/response';
import { ancestry, planCoarsening, profileKey } from './coarsening';

const RUNS = Number(process.env.ATTACK_RUNS ?? 200);

const partner = (id: string, type: PartnerType): Partner =>
	partnerSchema.parse({ id, name: id, type, helix: 'overheid' });
const people = (n: number, p: Profile): Profile[] =>
	Array.from({ length: n }, () => ({ ...p, bodyIds: [...p.bodyIds] }));
const typeOfMap = (partners: readonly Partner[]) => new Map(partners.map((p) => [p.id, p.type]));

/**
 * The attacker who knows the rule and holds the respondent list: the invitees whose own class a
 * stored profile is. (The plan for the invitees' own profiles; the responses only decide whether
 * "anyone" is needed, and the stored profiles show whether it was.)
 */
function candidates(invitees: Profile[], partners: Partner[], k: number, stored: CoarseProfile, needsRoot: boolean) {
	const own = planCoarsening({ invitees, responses: needsRoot ? [...invitees, {}] : invitees, partners, k })!;
	return own.profiles.filter((_, i) => i < invitees.length && profileKey(own.profiles[i]) === profileKey(stored))
		.length;
}

describe('planCoarsening', () => {
	const partners = [partner('zwolle', 'gemeente'), partner('kampen', 'gemeente'), partner('sbb', 'sbb')];
	const k = 5;

	it('keeps a profile that k invitees share, and climbs the ladder one rung at a time otherwise', () => {
		const invitees = [
			...people(5, { partnerId: 'zwolle', role: 'ambtelijk', bodyIds: ['b1'] }),
			// Partner and role shared by 5, bodies by fewer.
			...people(3, { partnerId: 'zwolle', role: 'bestuurlijk', bodyIds: ['b1'] }),
			...people(2, { partnerId: 'zwolle', role: 'bestuurlijk', bodyIds: ['b2'] }),
			// Kampen: 5 people, no role of 5.
			...people(3, { partnerId: 'kampen', role: 'ambtelijk', bodyIds: [] }),
			...people(2, { partnerId: 'kampen', role: 'bestuurlijk', bodyIds: [] }),
			// SBB: 2 people, their type no bigger: they join "anyone" with 3 others moved up.
			...people(2, { partnerId: 'sbb', role: 'directie', bodyIds: [] })
		];
		const plan = planCoarsening({ invitees, responses: invitees, partners, k })!;
		const stored = plan.profiles.map(profileKey);
		expect(stored[0]).toBe(profileKey({ partnerId: 'zwolle', role: 'ambtelijk', bodyIds: ['b1'] }));
		expect(stored[5]).toBe(profileKey({ partnerId: 'zwolle', role: 'bestuurlijk' }));
		expect(stored[8]).toBe(profileKey({ partnerId: 'zwolle', role: 'bestuurlijk' }));
		// SBB's 2 cannot stay at "anyone" alone: the smallest class just below it (Kampen, 5; the
		// gemeente type has none of its own) goes up with them.
		expect(stored[10]).toBe(profileKey({}));
		expect(stored[15]).toBe(profileKey({}));
		expect(Object.fromEntries(plan.classSizes)).toEqual({
			[profileKey({ partnerId: 'zwolle', role: 'ambtelijk', bodyIds: ['b1'] })]: 5,
			[profileKey({ partnerId: 'zwolle', role: 'bestuurlijk' })]: 5,
			[profileKey({})]: 7
		});
	});

	it('does not leave a rung to the few that climbed past it (the rest of its people stayed below)', () => {
		// 7 people at Zwolle, 5 of them alike. A greedy ladder per person would store the other
		// two as "Zwolle" (7 people match) — but whoever knows the rule knows the 5 stayed below.
		const invitees = [
			...people(5, { partnerId: 'zwolle', role: 'ambtelijk', bodyIds: [] }),
			{ partnerId: 'zwolle', role: 'bestuurlijk' as Role, bodyIds: ['b1'] },
			{ partnerId: 'zwolle', role: 'bestuurlijk' as Role, bodyIds: ['b2'] },
			...people(3, { partnerId: 'kampen', role: 'ambtelijk', bodyIds: [] })
		];
		const plan = planCoarsening({ invitees, responses: invitees, partners, k })!;
		expect(plan.profiles[5]).toEqual({ partnerType: 'gemeente' });
		expect(plan.profiles[7]).toEqual({ partnerType: 'gemeente' });
		expect(plan.classSizes.get(profileKey({ partnerType: 'gemeente' }))).toBe(5);
		for (const stored of plan.profiles)
			expect(candidates(invitees, partners, k, stored, false)).toBeGreaterThanOrEqual(k);
	});

	it('covers a profile that no invitee has any more (edited since the first save) with the lowest class above it', () => {
		const invitees = people(6, { partnerId: 'zwolle', role: 'ambtelijk', bodyIds: [] });
		const plan = planCoarsening({
			invitees,
			responses: [
				{ partnerId: 'zwolle', role: 'bestuurlijk', bodyIds: ['b9'] },
				{ partnerId: 'zwolle', role: 'ambtelijk', bodyIds: [] }
			],
			partners,
			k
		})!;
		// Nothing covers "Zwolle, bestuurlijk" but "anyone": the class moves up to make room.
		expect(plan.profiles).toEqual([{}, {}]);
		expect(plan.classSizes).toEqual(new Map([[profileKey({}), 6]]));
	});

	it('has no safe profile when fewer than k people were invited', () => {
		expect(
			planCoarsening({
				invitees: people(4, { partnerId: 'zwolle', role: 'ambtelijk', bodyIds: [] }),
				responses: [],
				partners,
				k
			})
		).toBeNull();
	});

	it('sends a partner the list does not know straight to "anyone"', () => {
		const invitees = [
			...people(5, { partnerId: 'zwolle', role: 'ambtelijk', bodyIds: [] }),
			...people(5, { partnerId: 'weg', role: 'ambtelijk', bodyIds: [] }).slice(0, 2)
		];
		const plan = planCoarsening({ invitees, responses: invitees, partners, k })!;
		expect(plan.profiles.map(profileKey)).toEqual(Array(7).fill(profileKey({})));
	});
});

const types: PartnerType[] = ['gemeente', 'onderwijs', 'sbb'];
const someRoles: Role[] = ['bestuurlijk', 'ambtelijk', 'directie'];
const bodyIds = ['b0', 'b1', 'b2'];

/** Small networks of invitees, and responses from some of them plus a few edited profiles. */
const scenario = fc
	.record({
		k: fc.constantFrom(3, 4, 5),
		partnerTypes: fc.array(fc.constantFrom(...types), { minLength: 1, maxLength: 5 }),
		invitees: fc.array(
			fc.record({ partner: fc.nat(5), role: fc.constantFrom(...someRoles), bodies: fc.subarray(bodyIds) }),
			{ maxLength: 40 }
		),
		answered: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
		edited: fc.array(
			fc.record({ partner: fc.nat(5), role: fc.constantFrom(...someRoles), bodies: fc.subarray(bodyIds) }),
			{ maxLength: 3 }
		)
	})
	.map((g) => {
		const partners = g.partnerTypes.map((t, i) => partner(`p${i}`, t));
		const profile = (x: { partner: number; role: Role; bodies: string[] }): Profile => ({
			partnerId: partners[x.partner % partners.length].id,
			role: x.role,
			bodyIds: x.bodies
		});
		const invitees = g.invitees.map(profile);
		const responses = [...invitees.filter((_, i) => g.answered[i]), ...g.edited.map(profile)];
		return { k: g.k, partners, invitees, responses };
	});

describe('planCoarsening, for any small network', () => {
	it('stores only profiles that are the own class of k or more invitees, and generalise the response', () => {
		fc.assert(
			fc.property(scenario, ({ k, partners, invitees, responses }) => {
				const plan = planCoarsening({ invitees, responses, partners, k });
				if (invitees.length < k) return plan === null;
				if (!plan) return false;
				const typeOf = typeOfMap(partners);
				const needsRoot = plan.classSizes.has(profileKey({}));
				return plan.profiles.every((stored, i) => {
					const above = ancestry(responses[i], typeOf).map(profileKey);
					const size = candidates(invitees, partners, k, stored, needsRoot);
					return above.includes(profileKey(stored)) && size >= k && plan.classSizes.get(profileKey(stored)) === size;
				});
			}),
			{ numRuns: RUNS }
		);
	});

	it('changes nothing when run again, and only coarsens when invitees are gone', () => {
		fc.assert(
			fc.property(scenario, fc.nat(), ({ k, partners, invitees, responses }, drop) => {
				const plan = planCoarsening({ invitees, responses, partners, k });
				if (!plan) return true;
				const again = planCoarsening({ invitees, responses: plan.profiles, partners, k })!;
				expect(again.profiles).toEqual(plan.profiles);
				const fewer = invitees.filter((_, i) => i !== drop % invitees.length);
				const later = planCoarsening({ invitees: fewer, responses: plan.profiles, partners, k });
				if (!later) return fewer.length < k;
				const typeOf = typeOfMap(partners);
				return later.profiles.every((p, i) =>
					ancestry(plan.profiles[i], typeOf).map(profileKey).includes(profileKey(p))
				);
			}),
			{ numRuns: RUNS }
		);
	});

	it('does not depend on the order of the respondent list', () => {
		fc.assert(
			fc.property(scenario, fc.infiniteStream(fc.nat()), ({ k, partners, invitees, responses }, noise) => {
				const shuffled = invitees
					.map((p) => ({ p, r: noise.next().value }))
					.sort((a, b) => a.r - b.r)
					.map((x) => x.p);
				const a = planCoarsening({ invitees, responses, partners, k });
				const b = planCoarsening({ invitees: shuffled, responses, partners, k });
				expect(b?.profiles).toEqual(a?.profiles);
			}),
			{ numRuns: RUNS }
		);
	});
});
