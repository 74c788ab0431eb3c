/**
 * Response figures. Counts say who took part, not what they answered, but a type with one or two
 * respondents is still a person, so per-type counts below k are withheld like any other group —
 * and, since the total is shown, the withheld types together must not add up to 1..k−1 either
 * (the total minus the shown types would give them): then the smallest shown type is withheld too.
 */
import { partnerTypeLabels, partnerTypes, type PartnerType } from '$lib/model/network';
import type { Participation, SuppressionReason } from './types';

export interface ParticipationInput {
	invited: number;
	invitedByPartnerType: Partial<Record<PartnerType, number>>;
	started: number;
	submitted: number;
	/**
	 * Submitted per partner type; null where an earlier audit (the published snapshot) withheld
	 * it already. Types present in the network but absent here count as zero.
	 */
	submittedByPartnerType: Partial<Record<PartnerType, number | null>>;
	/** Partner types of the network, shown even with no one invited. */
	types: readonly PartnerType[];
	k: number;
	selection: number | null;
}

export function buildParticipation(input: ParticipationInput): Participation {
	const { k } = input;
	const present = new Set<PartnerType>([
		...input.types,
		...(Object.keys(input.invitedByPartnerType) as PartnerType[]),
		...(Object.keys(input.submittedByPartnerType) as PartnerType[])
	]);
	const types = partnerTypes.filter((t) => present.has(t));
	const count = (t: PartnerType) => input.submittedByPartnerType[t] ?? 0;
	const reason = new Map<PartnerType, SuppressionReason>();
	for (const t of types) {
		const n = input.submittedByPartnerType[t];
		if (n === null) reason.set(t, 'derivable');
		else if (n !== undefined && n > 0 && n < k) reason.set(t, 'small');
	}
	for (;;) {
		const shownSum = types.filter((t) => !reason.has(t)).reduce((a, t) => a + count(t), 0);
		const hidden = input.submitted - shownSum;
		if (hidden === 0 || hidden >= k) break;
		const smallest = types
			.filter((t) => !reason.has(t) && count(t) > 0)
			.sort((a, b) => count(a) - count(b) || types.indexOf(a) - types.indexOf(b))[0];
		if (!smallest) break;
		reason.set(smallest, 'derivable');
	}
	return {
		invited: input.invited,
		started: input.started,
		submitted: input.submitted,
		responseRate: input.invited > 0 ? input.submitted / input.invited : null,
		selection: input.selection,
		byPartnerType: types.map((type) => {
			const invited = input.invitedByPartnerType[type] ?? 0;
			const r = reason.get(type);
			const n = count(type);
			return {
				type,
				label: partnerTypeLabels[type],
				invited,
				result: r
					? { suppressed: true as const, reason: r }
					: { suppressed: false as const, submitted: n, rate: invited > 0 ? n / invited : null }
			};
		})
	};
}
