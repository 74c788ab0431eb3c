/**
 * "Gespreksagenda": the statements most worth discussing, with an opening question. Two kinds of
 * disagreement deserve the table's time, and the list alternates between them so that neither
 * crowds out the other: statements on which partners are divided (low Tastle–Wierman consensus;
 * two camps when Leik's D is high), and statements on which one group sees it clearly differently
 * from the rest (largest |group − selection| among groups that privacy lets us show).
 */
import type { GroupDef } from './breakdowns';
import { capitalise, quoteStatement } from './wording';
import { formatNumber, formatShare } from '$lib/format';
import { twoCamps } from './sharedness';
import type { Layout } from './layout';
import type { AgendaItem, ItemFigures, ItemSummary } from './types';

export const AGENDA_MIN = 5;
export const AGENDA_MAX = 8;
/** Below .6 consensus the answers no longer cluster on one side (uniform on 5 points ≈ .43). */
export const CONSENSUS_DIVIDED = 0.6;
/** Half a scale point on five points: a gap a meeting notices, not rounding noise. */
export const GROUP_DIFF_MIN = 0.5;

export interface GroupDiff {
	group: GroupDef;
	n: number;
	/** Group level (recoded) and its difference from the selection's level. */
	mean: number;
	diff: number;
}

export interface AgendaSource {
	layout: Layout;
	items: ItemSummary[];
	/** Per item index: the releasable group that differs most, or null. */
	groupDiffs: (GroupDiff | null)[];
	/** Whether the reference is the whole network or a filtered selection. */
	filtered: boolean;
}

type Released = ItemSummary & { result: { suppressed: false } & ItemFigures };

function shares(f: ItemFigures, points: number): { agree: number; disagree: number } {
	const mid = (points + 1) / 2;
	let agree = 0;
	let disagree = 0;
	f.distribution.forEach((c, j) => {
		if (j + 1 > mid) agree += c;
		else if (j + 1 < mid) disagree += c;
	});
	return { agree: agree / f.n, disagree: disagree / f.n };
}

function divided(it: Released, points: number, belowLine: boolean): AgendaItem {
	const f = it.result;
	const q = quoteStatement(it.text);
	// The same test as the headline's "in twee kampen", so page and agenda tell one story.
	const polarised = twoCamps(f);
	let reasonText: string;
	let question: string;
	if (polarised) {
		const { agree, disagree } = shares(f, points);
		reasonText = `De meningen lopen sterk uiteen: ${formatShare(agree)} is het (helemaal) eens, ${formatShare(disagree)} (helemaal) oneens.`;
		question = `Waarom is een deel van de partners het eens met ${q} en een ander deel juist niet — wat ervaren zij verschillend?`;
	} else if (belowLine) {
		reasonText = `Er is geen gedeeld beeld: de antwoorden liggen verspreid over de schaal (consensus ${formatNumber(f.consensus ?? 0, 2)}).`;
		question = `Hoe kijken we als partners naar ${q}: waar komen de verschillende antwoorden vandaan, en waarover willen we het eens worden?`;
	} else {
		reasonText = `Een van de stellingen met de minste overeenstemming (consensus ${formatNumber(f.consensus ?? 0, 2)}), al is die niet laag.`;
		question = `Waar komen de verschillen in de antwoorden op ${q} vandaan?`;
	}
	return base(it, polarised ? 'gepolariseerd' : 'verdeeld', reasonText, question, null);
}

function groupGap(it: Released, d: GroupDiff, points: number, filtered: boolean): AgendaItem {
	const f = it.result;
	const q = quoteStatement(it.text);
	// Speak about agreeing with the statement as worded, so recoded levels go back to raw means.
	const raw = (level: number) => (it.reversed ? points + 1 - level : level);
	const groupRaw = raw(d.mean);
	const allRaw = raw(f.mean);
	const scope = filtered ? 'de hele selectie' : 'het netwerk als geheel';
	const reasonText = `${capitalise(d.group.phrase)} zijn het gemiddeld ${groupRaw > allRaw ? 'meer' : 'minder'} eens met deze stelling dan ${scope} (${formatNumber(groupRaw)} tegen ${formatNumber(allRaw)} op een schaal van 1 tot ${points}).`;
	const question = `Wat zien ${d.group.phrase} anders als het gaat om ${q}, en wat is nodig om elkaar hierin te vinden?`;
	const { family, groupId, label } = d.group;
	return base(it, 'groepsverschil', reasonText, question, {
		family,
		groupId,
		label,
		n: d.n,
		mean: d.mean,
		diff: d.diff
	});
}

function base(
	it: Released,
	reason: AgendaItem['reason'],
	reasonText: string,
	question: string,
	group: AgendaItem['group']
): AgendaItem {
	const f = it.result;
	return {
		itemId: it.itemId,
		sectionId: it.sectionId,
		text: it.text,
		reason,
		reasonText,
		question,
		n: f.n,
		mean: f.mean,
		distribution: f.distribution,
		dontKnow: f.dontKnow,
		consensus: f.consensus,
		leikD: f.leikD,
		group
	};
}

export function buildAgenda(src: AgendaSource): AgendaItem[] {
	const points = src.layout.points;
	const released = src.items
		.map((it, i) => ({ it, i }))
		.filter((x): x is { it: Released; i: number } => !x.it.result.suppressed);

	const byConsensus = released
		.filter((x) => x.it.result.consensus !== null)
		.sort(
			(a, b) =>
				a.it.result.consensus! - b.it.result.consensus! ||
				(b.it.result.leikD ?? 0) - (a.it.result.leikD ?? 0) ||
				a.i - b.i
		);
	const dividedList = byConsensus.filter((x) => x.it.result.consensus! < CONSENSUS_DIVIDED);
	const minDiff = (GROUP_DIFF_MIN * (points - 1)) / 4;
	const groupList = released
		.filter((x) => {
			const d = src.groupDiffs[x.i];
			return d !== null && Math.abs(d.diff) >= minDiff;
		})
		.sort((a, b) => Math.abs(src.groupDiffs[b.i]!.diff) - Math.abs(src.groupDiffs[a.i]!.diff) || a.i - b.i);

	const chosen = new Set<number>();
	const out: AgendaItem[] = [];
	let a = 0;
	let b = 0;
	while (out.length < AGENDA_MAX && (a < dividedList.length || b < groupList.length)) {
		const turnDivided = out.length % 2 === 0 ? a < dividedList.length : b >= groupList.length;
		if (turnDivided) {
			const x = dividedList[a++];
			if (chosen.has(x.i)) continue;
			chosen.add(x.i);
			out.push(divided(x.it, points, true));
		} else {
			const x = groupList[b++];
			if (chosen.has(x.i)) continue;
			chosen.add(x.i);
			out.push(groupGap(x.it, src.groupDiffs[x.i]!, points, src.filtered));
		}
	}
	// A meeting needs a few items even when the network agrees: add the least agreed ones.
	for (const x of byConsensus) {
		if (out.length >= AGENDA_MIN) break;
		if (chosen.has(x.i)) continue;
		chosen.add(x.i);
		out.push(divided(x.it, points, false));
	}
	return out;
}
