import type { DomainContext } from './context';
import { StoreReadError } from './store/errors';
import type { PartnerUsage } from '$lib/model/partner-forms';

/**
 * Who refers to partners and bodies: respondents now, the profiles of responses in rounds not yet
 * closed (history, copied at a response's first save), and the published results of closed rounds
 * (a cell per partner or body, shown or withheld, whose label the dashboard shows). A record any
 * of them names is never deleted. A closed round's stored responses name nothing (closing.ts). A
 * round file that cannot be read counts as a possible reference to all.
 */
export type References = { usageOf: (kind: 'partner' | 'body', id: string) => PartnerUsage };

export async function references(ctx: DomainContext): Promise<References> {
	const file = ctx.store.network();
	const counts = { partner: new Map<string, PartnerUsage>(), body: new Map<string, PartnerUsage>() };
	let unreadableRounds = 0;
	const entry = (kind: 'partner' | 'body', id: string) => {
		let u = counts[kind].get(id);
		if (!u) counts[kind].set(id, (u = { respondents: 0, responses: 0, closedRounds: 0, unreadableRounds: 0 }));
		return u;
	};
	for (const r of file.respondents) {
		entry('partner', r.partnerId).respondents++;
		for (const b of new Set(r.bodyIds)) entry('body', b).respondents++;
	}
	for (const round of file.rounds) {
		try {
			const state = await ctx.store.round(round.id);
			for (const { profile } of state?.responses.values() ?? []) {
				entry('partner', profile.partnerId).responses++;
				for (const b of new Set(profile.bodyIds)) entry('body', b).responses++;
			}
			const published = await ctx.store.publishedSnapshot(round.id);
			for (const { cell } of published?.snapshot.cells ?? [])
				if ((cell.dimension === 'partner' || cell.dimension === 'body') && cell.value)
					entry(cell.dimension, cell.value).closedRounds++;
		} catch (e) {
			if (!(e instanceof StoreReadError)) throw e;
			unreadableRounds++;
		}
	}
	return {
		usageOf: (kind, id) => ({
			...(counts[kind].get(id) ?? { respondents: 0, responses: 0, closedRounds: 0 }),
			unreadableRounds
		})
	};
}
