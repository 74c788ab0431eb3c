import { respondentSchema, type PartnerType, type Respondent, type Role } from '$lib/model/network';
import { bodyId, themesByPartnerType, type ThemeKey } from './bodies';
import { emailLocalPart, firstNames, lastNames } from './names';
import type { DemoPartner, Segment } from './partners';
import type { Rng } from './random';

/** A respondent plus what the answer simulation needs to know about them. */
export type DemoPerson = { respondent: Respondent; segment: Segment; isCentre: boolean };

const EMAIL_DOMAIN = 'demo.invalid';

export function buildRespondents(rng: Rng, partners: readonly DemoPartner[]): DemoPerson[] {
	const people: DemoPerson[] = [];
	const emails = new Set<string>();
	for (const { partner, segment, staff } of partners) {
		const roster: [Role, number][] = [
			['bestuurlijk', staff.bestuurlijk],
			['directie', staff.directie],
			['raad-staten', staff.raadStaten],
			['ambtelijk', staff.ambtelijk]
		];
		let n = 0;
		for (const [role, count] of roster)
			for (let i = 0; i < count; i++) {
				const first = rng.pick(firstNames);
				const last = rng.pick(lastNames);
				const respondent: Respondent = respondentSchema.parse({
					id: `${partner.id}-${String(++n).padStart(2, '0')}`,
					partnerId: partner.id,
					name: `${first} ${last}`,
					email: uniqueEmail(emailLocalPart(first, last), emails),
					role,
					bodyIds: chooseThemes(rng, partner.type, role, i, count).map((t) =>
						bodyId(t, role === 'ambtelijk' ? 'ambtelijk' : 'bestuurlijk')
					)
				});
				people.push({ respondent, segment, isCentre: partner.isCentre });
			}
	}
	return people;
}

function uniqueEmail(local: string, taken: Set<string>): string {
	let email = `${local}@${EMAIL_DOMAIN}`;
	for (let k = 2; taken.has(email); k++) email = `${local}${k}@${EMAIL_DOMAIN}`;
	taken.add(email);
	return email;
}

/**
 * One to three themes per person. The first bestuurder of a government partner is its
 * burgemeester or commissaris and sits in the regional board; the first ambtenaar is the
 * secretary in its ambtelijke counterpart; a larger government partner sends its griffier.
 */
function chooseThemes(rng: Rng, type: PartnerType, role: Role, index: number, count: number): ThemeKey[] {
	if (role === 'raad-staten') return ['raad'];
	const government = type === 'gemeente' || type === 'provincie';
	if (government && role === 'ambtelijk' && count >= 9 && index === count - 1) return ['raad'];
	const chosen: ThemeKey[] = [];
	if (government && index === 0 && role !== 'directie') chosen.push('regio');
	if (type === 'economic-board' && index === 0) chosen.push('eb');
	const want = Math.max(chosen.length, 1 + (rng.chance(0.45) ? 1 : 0) + (rng.chance(0.12) ? 1 : 0));
	while (chosen.length < want) {
		const candidates = themesByPartnerType[type].filter((t) => !chosen.includes(t));
		if (candidates.length === 0) break;
		chosen.push(rng.pick(candidates));
	}
	return chosen;
}
