/**
 * Response figures. Counts say who took part, not what they answered, but a type with one or two
 * respondents is still a person, so per-type counts below k are withheld like any other group.
 */
import { partnerTypeLabels, partnerTypes, type Partner, type PartnerType } from '$lib/model/network';
import type { SurveyResponse } from '$lib/model/response';
import type { Participation } from './types';

export function buildParticipation(input: {
	responses: readonly SurveyResponse[];
	partners: readonly Partner[];
	invitedCount: number;
	invitedByPartnerType?: Partial<Record<PartnerType, number>>;
	startedCount: number;
	k: number;
	selection: number | null;
}): Participation {
	const typeOf = new Map(input.partners.map((p) => [p.id, p.type]));
	const submittedBy = new Map<PartnerType, number>();
	let submitted = 0;
	for (const r of input.responses) {
		if (r.status !== 'submitted') continue;
		submitted++;
		const t = typeOf.get(r.profile.partnerId);
		if (t) submittedBy.set(t, (submittedBy.get(t) ?? 0) + 1);
	}
	const invitedBy = input.invitedByPartnerType ?? {};
	const present = new Set<PartnerType>([...typeOf.values(), ...(Object.keys(invitedBy) as PartnerType[])]);
	return {
		invited: input.invitedCount,
		started: input.startedCount,
		submitted,
		responseRate: input.invitedCount > 0 ? submitted / input.invitedCount : null,
		selection: input.selection,
		byPartnerType: partnerTypes
			.filter((t) => present.has(t))
			.map((type) => {
				const invited = invitedBy[type] ?? 0;
				const n = submittedBy.get(type) ?? 0;
				return {
					type,
					label: partnerTypeLabels[type],
					invited,
					result:
						n > 0 && n < input.k
							? { suppressed: true as const, reason: 'small' as const }
							: { suppressed: false as const, submitted: n, rate: invited > 0 ? n / invited : null }
				};
			})
	};
}
