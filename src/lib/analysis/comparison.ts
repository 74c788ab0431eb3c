/**
 * Change between rounds, cell by cell: the same published cell in both rounds' snapshots, and a
 * figure withheld in either round is withheld in the comparison. Responses are not linked across
 * rounds (the link between invitation and response is cut at closing, and people come and go),
 * so rounds are independent samples and differences get Welch intervals. Items are matched by id
 * only: a reworded item has a new id and is deliberately not compared.
 *
 * A section is compared over exactly the statements both rounds asked in it. When the sets are
 * the same, respondents' section levels are compared (the published section moments); when a new
 * questionnaire version added, removed or reworded statements, the section's level in either
 * round would be an average over different statements (a new statement that everyone answers 1
 * would read as a decline), so the comparison is the mean over the shared statements only, with
 * a standard error that cannot be too small (`sharedItemsDifference`), and the page says so.
 *
 * The item changes are one family, the section changes another and the groups' section changes a
 * third: each is corrected with Benjamini–Hochberg, because 35 items tested at 5% each would show
 * some "clear" change in about four rounds in five even when nothing changed at all.
 */
import { correctFamily, defaultClaims, testOf } from './claims';
import { releasedOr, type CellTally, type PublishedTally } from './published-tally';
import { estimate, FDR, sharedItemsDifference, welchDifference, type Difference, type Moments } from './stats';
import type { GroupDef } from './breakdowns';
import type { Layout } from './layout';
import type { Change, ClaimRules, GroupChange, ItemChange, RoundMeta, SectionChange, Trend, TrendPoint } from './types';

/** An earlier round: its published cell read with the current layout, and its own questionnaire. */
export interface EarlierRound {
	cell: CellTally | null;
	layout: Layout;
}

function changeOf(
	d: Difference | null,
	previous: number,
	current: number,
	nPrevious: number,
	nCurrent: number,
	bigEnough = true
): Change | null {
	if (!d) return null;
	return {
		previous,
		current,
		diff: d.diff,
		ciLow: d.ciLow,
		ciHigh: d.ciHigh,
		...testOf(d, bigEnough),
		nPrevious,
		nCurrent
	};
}

function momentsChange(previous: Moments, current: Moments, bigEnough = true): Change | null {
	return changeOf(
		welchDifference(previous, current),
		previous.sum / previous.n,
		current.sum / current.n,
		previous.n,
		current.n,
		bigEnough
	);
}

/** Ids of the statements each section of an earlier round asked, by section id. */
export function sectionItemIds(layout: Layout): Map<string, Set<string>> {
	return new Map(layout.sections.map((sec) => [sec.id, new Set(sec.items.map((i) => layout.items[i].id))]));
}

/**
 * One section's change. `minN`: below it in either round a group's change is shown but not
 * tested (the claim minimum; 0 for the whole network, where k already holds).
 */
function sectionChange(
	layout: Layout,
	s: number,
	current: CellTally,
	previous: CellTally | null,
	previousItems: Map<string, Set<string>> | null,
	minN = 0
): SectionChange {
	const sec = layout.sections[s];
	const ids = sec.items.map((i) => layout.items[i].id);
	const before = previousItems?.get(sec.id) ?? null;
	const shared = before ? sec.items.filter((i) => before.has(layout.items[i].id)) : [];
	const counts = { shared: shared.length, current: ids.length, previous: before?.size ?? 0 };
	const base = { sectionId: sec.id, shortTitle: sec.shortTitle, items: counts };
	if (!previous || !before || shared.length === 0) return { ...base, basis: null, change: null };
	const same = shared.length === ids.length && before.size === ids.length;
	if (same) {
		const a = releasedOr(previous.sections[s]);
		const b = releasedOr(current.sections[s]);
		const big = !!a && !!b && a.moments.n >= minN && b.moments.n >= minN;
		return { ...base, basis: 'section', change: a && b ? momentsChange(a.moments, b.moments, big) : null };
	}
	// Only statements released in both rounds; one withheld in either leaves the section unread
	// rather than compared over a set the page does not name.
	const a = shared.map((i) => releasedOr(previous.items[i])?.moments ?? null);
	const b = shared.map((i) => releasedOr(current.items[i])?.moments ?? null);
	if (a.some((m) => m === null) || b.some((m) => m === null)) return { ...base, basis: 'shared-items', change: null };
	const pa = a as Moments[];
	const pb = b as Moments[];
	const meanOf = (ms: Moments[]) => ms.reduce((t, m) => t + m.sum / m.n, 0) / ms.length;
	const nOf = (ms: Moments[]) => Math.min(...ms.map((m) => m.n));
	const big = nOf(pa) >= minN && nOf(pb) >= minN;
	return {
		...base,
		basis: 'shared-items',
		change: changeOf(sharedItemsDifference(pa, pb), meanOf(pa), meanOf(pb), nOf(pa), nOf(pb), big)
	};
}

/** Both cells read with the current layout, so index i is the same statement in both. */
export function compareRounds(
	layout: Layout,
	current: CellTally,
	previous: EarlierRound | null,
	q = FDR
): { sections: SectionChange[]; items: ItemChange[] } {
	const before = previous ? sectionItemIds(previous.layout) : null;
	const sections = layout.sections.map((_, s) => sectionChange(layout, s, current, previous?.cell ?? null, before));
	const items = layout.items.map((it, i): ItemChange => {
		const a = previous?.cell ? releasedOr(previous.cell.items[i]) : null;
		const b = releasedOr(current.items[i]);
		return {
			itemId: it.id,
			sectionId: layout.sections[it.section].id,
			text: it.text,
			reversed: it.reversed,
			change: a && b ? momentsChange(a.moments, b.moments) : null
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
 * The change per section within each main published group (role, partner type) that both rounds
 * published: the whole network's change can come from who answered (more municipalities this
 * time) rather than from what they think, and a group's own change separates the two. All the
 * groups' section changes are one family; a group below the claim minimum in either round is
 * shown but not tested.
 */
export function compareGroups(
	layout: Layout,
	groups: readonly GroupDef[],
	previous: { tally: PublishedTally; layout: Layout } | null,
	rules: ClaimRules = defaultClaims
): GroupChange[] {
	if (!previous) return [];
	const before = sectionItemIds(previous.layout);
	const out: GroupChange[] = [];
	for (const g of groups) {
		if (g.family !== 'role' && g.family !== 'partnerType') continue;
		const then = previous.tally.byKey.get(g.tally.key) ?? null;
		if (!then || 'withheld' in then.n || 'withheld' in g.tally.n) continue;
		const sections = layout.sections.map((_, s) => sectionChange(layout, s, g.tally, then, before, rules.groupMinN));
		if (sections.every((c) => c.change === null)) continue;
		out.push({ family: g.family, groupId: g.groupId, label: g.label, phrase: g.phrase, sections });
	}
	correctFamily(
		out.flatMap((g) => g.sections.flatMap((s) => (s.change ? [s.change] : []))),
		rules.fdr
	);
	return out;
}

/**
 * Per section of the current questionnaire, one point per round (oldest first); `cell` is that
 * round's tally of the selected cell, null when the round has no such cell. A point whose round
 * asked a different set of statements in the section is marked (`sameItems` false): its level
 * is an average over other statements, so the line there is no like-for-like change.
 */
export function buildTrend(
	rounds: { meta: RoundMeta; cell: CellTally | null; layout: Layout }[],
	layout: Layout
): Trend {
	const current = sectionItemIds(layout);
	const sameSet = (a: Set<string> | undefined, b: Set<string> | undefined) =>
		!!a && !!b && a.size === b.size && [...a].every((id) => b.has(id));
	// Intervals of a level stay on the scale: a section level is a mean of 1..points answers.
	return {
		rounds: rounds.map((r) => r.meta),
		sections: layout.sections.map((sec, s) => ({
			sectionId: sec.id,
			shortTitle: sec.shortTitle,
			points: rounds.map(({ meta, cell, layout: own }): TrendPoint => {
				const sameItems = own === layout || sameSet(sectionItemIds(own).get(sec.id), current.get(sec.id));
				const t = cell?.sections[s] ?? null;
				if (t === null) return { roundId: meta.id, sameItems, result: null };
				if ('withheld' in t) return { roundId: meta.id, sameItems, result: { suppressed: true, reason: t.withheld } };
				const e = estimate(t.moments, layout.points);
				return {
					roundId: meta.id,
					sameItems,
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
