/**
 * Who was invited to a round and who answered, counted from the round's invitations and
 * responses with each invitee's partner type from the respondent list. Participation is not
 * answers: the dashboard shows it while a round is open, and closing freezes it with the results.
 */
import type { PartnerType } from '$lib/model/network';
import type { NetworkFile } from './store/files';
import type { RoundState } from './store/round-state';

export interface ParticipationCounts {
	invited: number;
	invitedByPartnerType: Partial<Record<PartnerType, number>>;
	started: number;
	submitted: number;
	submittedByPartnerType: Partial<Record<PartnerType, number>>;
	/** Said "ik doe deze keer niet mee" and did not send after all. */
	declined: number;
}

export function countParticipation(network: Readonly<NetworkFile>, state: RoundState | null): ParticipationCounts {
	const typeOfPartner = new Map(network.partners.map((p) => [p.id, p.type]));
	const typeOfRespondent = new Map<string, PartnerType>();
	for (const r of network.respondents) {
		const t = typeOfPartner.get(r.partnerId);
		if (t) typeOfRespondent.set(r.id, t);
	}
	const invitedByPartnerType: Partial<Record<PartnerType, number>> = {};
	for (const inv of state?.invitations.values() ?? []) {
		const t = typeOfRespondent.get(inv.respondentId);
		if (t) invitedByPartnerType[t] = (invitedByPartnerType[t] ?? 0) + 1;
	}
	const submittedByPartnerType: Partial<Record<PartnerType, number>> = {};
	let submitted = 0;
	for (const r of state?.responses.values() ?? []) {
		if (r.status !== 'submitted') continue;
		submitted++;
		const t = typeOfPartner.get(r.profile.partnerId);
		if (t) submittedByPartnerType[t] = (submittedByPartnerType[t] ?? 0) + 1;
	}
	// A closed round's kept responses count too (they no longer tell their partner type; a closed
	// round's types come from its published participation).
	for (const r of state?.closedResponses ?? []) if (r.status === 'submitted') submitted++;
	let declined = 0;
	for (const inv of state?.invitations.values() ?? []) {
		if (inv.declinedAt === null) continue;
		const response = inv.responseId ? state?.responses.get(inv.responseId) : undefined;
		if (response?.status !== 'submitted') declined++;
	}
	return {
		declined,
		invited: state?.invitations.size ?? 0,
		invitedByPartnerType,
		started: (state?.responses.size ?? 0) + (state?.closedResponses.length ?? 0),
		submitted,
		submittedByPartnerType
	};
}
