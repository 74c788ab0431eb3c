/**
 * Change between rounds. Responses are not linked across rounds (the link between invitation
 * and response is cut at closing, and people come and go), so rounds are independent samples
 * and differences get Welch intervals. Items are matched by id only: a reworded item has a new
 * id and is deliberately not compared. Sections are matched by id as well; their level is the
 * mean over whatever items the section held in that round.
 */
import { selectionReason } from './privacy';
import { estimate, welchDifference, type Moments } from './stats';
import { itemMomentsOf, itemStat, sectionMomentsOf, sectionStat, type Layout, type RoundTally } from './tabulate';
import type { Change, ItemChange, RoundMeta, SectionChange, Trend, TrendPoint } from './types';

function change(previous: Moments, current: Moments): Change | null {
	const d = welchDifference(previous, current);
	if (!d) return null;
	return {
		previous: previous.sum / previous.n,
		current: current.sum / current.n,
		diff: d.diff,
		ciLow: d.ciLow,
		ciHigh: d.ciHigh,
		significant: d.significant,
		nPrevious: previous.n,
		nCurrent: current.n
	};
}

export function compareRounds(
	current: RoundTally,
	previous: RoundTally | null,
	k: number
): { sections: SectionChange[]; items: ItemChange[] } {
	const cur = current.layout;
	const sections = cur.sections.map((sec, s): SectionChange => {
		const ps = previous?.layout.sectionIndex.get(sec.id);
		let c: Change | null = null;
		if (
			previous &&
			ps !== undefined &&
			selectionReason(current, sectionStat(s), k) === null &&
			selectionReason(previous, sectionStat(ps), k) === null
		)
			c = change(sectionMomentsOf(previous, ps), sectionMomentsOf(current, s));
		return { sectionId: sec.id, shortTitle: sec.shortTitle, change: c };
	});
	const items = cur.items.map((it, i): ItemChange => {
		const pi = previous?.layout.itemIndex.get(it.id);
		let c: Change | null = null;
		if (
			previous &&
			pi !== undefined &&
			selectionReason(current, itemStat(cur, i), k) === null &&
			selectionReason(previous, itemStat(previous.layout, pi), k) === null
		)
			c = change(itemMomentsOf(previous, pi), itemMomentsOf(current, i));
		return { itemId: it.id, sectionId: cur.sections[it.section].id, text: it.text, change: c };
	});
	return { sections, items };
}

/** Per section of the current questionnaire, one point per round (oldest first). */
export function buildTrend(rounds: { meta: RoundMeta; tally: RoundTally }[], layout: Layout, k: number): Trend {
	return {
		rounds: rounds.map((r) => r.meta),
		sections: layout.sections.map((sec) => ({
			sectionId: sec.id,
			shortTitle: sec.shortTitle,
			points: rounds.map(({ meta, tally }): TrendPoint => {
				const s = tally.layout.sectionIndex.get(sec.id);
				if (s === undefined) return { roundId: meta.id, result: null };
				const reason = selectionReason(tally, sectionStat(s), k);
				const e = reason === null ? estimate(sectionMomentsOf(tally, s)) : null;
				return {
					roundId: meta.id,
					result:
						e === null
							? { suppressed: true, reason: reason ?? 'small' }
							: { suppressed: false, n: e.n, mean: e.mean, ciLow: e.ciLow, ciHigh: e.ciHigh }
				};
			})
		}))
	};
}

/** Largest rises and falls; ties keep questionnaire order. */
export function pickMovers(items: ItemChange[], count = 5): { improvements: ItemChange[]; declines: ItemChange[] } {
	const withChange = items.filter((i) => i.change !== null);
	const improvements = withChange
		.filter((i) => i.change!.diff > 0)
		.sort((a, b) => b.change!.diff - a.change!.diff)
		.slice(0, count);
	const declines = withChange
		.filter((i) => i.change!.diff < 0)
		.sort((a, b) => a.change!.diff - b.change!.diff)
		.slice(0, count);
	return { improvements, declines };
}

/** Oldest first by `opensAt` when every round has one; otherwise the given order is trusted. */
export function chronological<T extends { round: RoundMeta }>(rounds: readonly T[]): T[] {
	if (!rounds.every((r) => r.round.opensAt)) return [...rounds];
	const at = (r: T) => r.round.opensAt!;
	return [...rounds].sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0));
}
