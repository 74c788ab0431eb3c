import type { DomainContext } from './context';
import { StoreReadError } from './store/errors';
import type { PartnerUsage } from '$lib/model/partner-forms';

/**
 * Who refers to partners and bodies: respondents now, and the profiles of responses in every
 * round. Those profiles are history (copied at a response's first save), so a record they name
 * is never deleted. A closed round's coarsened profiles name only what they kept (closing.ts): a
 * partner they all gave way to its type is no longer referred to. A round file that cannot be
 * read counts as a possible reference to all.
 */
export type References = { usageOf: (kind: 'partner' | 'body', id: string) => PartnerUsage };

export async function references(ctx: DomainContext): Promise<References> {
	const file = ctx.store.network();
	const counts = { partner: new Map<string, PartnerUsage>(), body: new Map<string, PartnerUsage>() };
	let unreadableRounds = 0;
	const entry = (kind: 'partner' | 'body', id: string) => {
		let u = counts[kind].get(id);
		if (!u) counts[kind].set(id, (u = { respondents: 0, responses: 0, unreadableRounds: 0 }));
		return u;
	};
	for (const r of file.respondents) {
		entry('partner', r.partnerId).respondents++;
		for (const b of new Set(r.bodyIds)) entry('body', b).respondents++;
	}
	for (const round of file.rounds) {
		try {
			const state = await ctx.store.round(round.id);
			for (const { profile } of [...(state?.responses.values() ?? []), ...(state?.closedResponses ?? [])]) {
				if ('partnerId' in profile) entry('partner', profile.partnerId).responses++;
				if ('bodyIds' in profile) for (const b of new Set(profile.bodyIds)) entry('body', b).responses++;
			}
		} catch (e) {
			if (!(e instanceof StoreReadError)) throw e;
			unreadableRounds++;
		}
	}
	return {
		usageOf: (kind, id) => ({
			...(counts[kind].get(id) ?? { respondents: 0, responses: 0 }),
			unreadableRounds
		})
	};
}

export const isUnused = (u: PartnerUsage) => u.respondents === 0 && u.responses === 0 && u.unreadableRounds === 0;

/** "3 deelnemers en 12 ingevulde vragenlijsten", for refusals and the edit page. */
export function describeUsage(u: PartnerUsage): string {
	const parts: string[] = [];
	if (u.respondents > 0) parts.push(u.respondents === 1 ? '1 deelnemer' : `${u.respondents} deelnemers`);
	if (u.responses > 0)
		parts.push(u.responses === 1 ? '1 ingevulde vragenlijst' : `${u.responses} ingevulde vragenlijsten`);
	if (u.unreadableRounds > 0)
		parts.push(
			u.unreadableRounds === 1
				? 'misschien een meetronde die nu niet te lezen is'
				: `misschien ${u.unreadableRounds} meetrondes die nu niet te lezen zijn`
		);
	return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}`;
}
