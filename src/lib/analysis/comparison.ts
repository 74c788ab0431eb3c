/**
 * Change between rounds, cell by cell: the same published cell in both rounds' snapshots, and a
 * figure withheld in either round is withheld in the comparison. Responses are not linked across
 * rounds (the link between invitation and response is cut at closing, and people come and go),
 * so rounds are independent samples and differences get Welch intervals. Items are matched by id
 * only: a reworded item has a new id and is deliberately not compared. Sections are matched by id
 * as well; their level is the mean over whatever items the section held in that round.
 *
 * The item changes are one family and the section changes another: each is corrected with
 * Benjamini–Hochberg, because 35 items tested at 5% each would show some "clear" change in about
 * four rounds in five even when nothing changed at all.
 */
import { correctFamily, testOf } from './claims';
import { releasedOr, type CellTally } from './published-tally';
import { estimate, FDR, welchDifference, type Moments } from './stats';
import type { Layout } from './layout';
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
		...testOf(d),
		nPrevious: previous.n,
		nCurrent: current.n
	};
}

/** Both cells read with the current layout, so index i is the same statement in both. */
export function compareRounds(
	layout: Layout,
	current: CellTally,
	previous: CellTally | null,
	q = FDR
): { sections: SectionChange[]; items: ItemChange[] } {
	const sections = layout.sections.map((sec, s): SectionChange => {
		const a = previous ? releasedOr(previous.sections[s]) : null;
		const b = releasedOr(current.sections[s]);
		return { sectionId: sec.id, shortTitle: sec.shortTitle, change: a && b ? change(a.moments, b.moments) : null };
	});
	const items = layout.items.map((it, i): ItemChange => {
		const a = previous ? releasedOr(previous.items[i]) : null;
		const b = releasedOr(current.items[i]);
		return {
			itemId: it.id,
			sectionId: layout.sections[it.section].id,
			text: it.text,
			change: a && b ? change(a.moments, b.moments) : null
		};
	});
	correctFamily(
		sections.flatMap((s) => (s.change ? [s.change] : [])),
		q
	);
	correctFamily(
		items.flatMap((i) => (i.change ? [i.change] : [])),
		q
	);
	return { sections, items };
}

/**
 * Per section of the current questionnaire, one point per round (oldest first); `cell` is that
 * round's tally of the selected cell, null when the round has no such cell.
 */
export function buildTrend(rounds: { meta: RoundMeta; cell: CellTally | null }[], layout: Layout): Trend {
	// Intervals of a level stay on the scale: a section level is a mean of 1..points answers.
	return {
		rounds: rounds.map((r) => r.meta),
		sections: layout.sections.map((sec, s) => ({
			sectionId: sec.id,
			shortTitle: sec.shortTitle,
			points: rounds.map(({ meta, cell }): TrendPoint => {
				const t = cell?.sections[s] ?? null;
				if (t === null) return { roundId: meta.id, result: null };
				if ('withheld' in t) return { roundId: meta.id, result: { suppressed: true, reason: t.withheld } };
				const e = estimate(t.moments, layout.points);
				return {
					roundId: meta.id,
					result:
						e === null
							? { suppressed: true, reason: 'small' }
							: { suppressed: false, n: e.n, mean: e.mean, ciLow: e.ciLow, ciHigh: e.ciHigh }
				};
			})
		}))
	};
}

/**
 * Largest rises and falls among the changes that survived the correction; ties keep questionnaire
 * order. Without a true change the list is usually empty, and the page says so: the old top five
 * either way were ten statements "moving" in every round, chance or not.
 */
export function pickMovers(items: ItemChange[], count = 5): { improvements: ItemChange[]; declines: ItemChange[] } {
	const withChange = items.filter((i) => i.change !== null && i.change.significant);
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
