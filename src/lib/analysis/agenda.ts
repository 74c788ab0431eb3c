/**
 * "Gespreksagenda": the statements most worth discussing, with an opening question. Two kinds of
 * disagreement deserve the table's time. First the statements on which partners are divided (low
 * Tastle–Wierman consensus; two camps when Leik's D is high), most divided first: that is read
 * straight from the answers and needs no test. Then statements on which one group sees it
 * differently from the rest of the network, but only where that difference survived
 * Benjamini–Hochberg over all items × groups (`groupDifferences`): with no true difference the
 * old list named four "groepsverschil" items in every round. Half the list is kept free for
 * such items when there are any, so that many divided items cannot crowd out a real one; often
 * there are none, and the page says so.
 */
import type { GroupDiff } from './breakdowns';
import { capitalise, quoteStatement } from './wording';
import { formatNumber, formatShare } from '$lib/format';
import { itemAgreementWord, twoCamps } from './sharedness';
import type { Layout } from './layout';
import type { AgendaItem, ItemFigures, ItemSummary } from './types';

export const AGENDA_MIN = 5;
export const AGENDA_MAX = 8;
/** Below .6 consensus the answers no longer cluster on one side (uniform on 5 points ≈ .43). */
export const CONSENSUS_DIVIDED = 0.6;
/** Half a scale point on five points: a gap a meeting notices, not rounding noise. */
export const GROUP_DIFF_MIN = 0.5;

export type { GroupDiff };

export interface AgendaSource {
	layout: Layout;
	items: ItemSummary[];
	/**
	 * Per item index: the releasable group that differs most from the rest, among those whose
	 * difference passed the correction, or null. Entries not marked `significant` are ignored.
	 */
	groupDiffs: (GroupDiff | null)[];
	/** Whether the reference is the whole network or a filtered selection. */
	filtered: boolean;
}

type Released = ItemSummary & { result: { suppressed: false } & ItemFigures };

/** Shares of answers above and below the scale's middle: "42% eens, 40% oneens". */
export function shares(
	f: Pick<ItemFigures, 'distribution' | 'n'>,
	points: number
): { agree: number; disagree: number } {
	const mid = (points + 1) / 2;
	let agree = 0;
	let disagree = 0;
	f.distribution.forEach((c, j) => {
		if (j + 1 > mid) agree += c;
		else if (j + 1 < mid) disagree += c;
	});
	return { agree: agree / f.n, disagree: disagree / f.n };
}

/** "rwg 0,42: zwak gedeeld" — the statement's word, read with the same bands as the headline. */
function agreementOf(f: ItemFigures): string {
	const word = itemAgreementWord(f.rwg);
	return f.rwg === null || word === null ? 'rwg onbekend' : `rwg ${formatNumber(f.rwg, 2)}: ${word}`;
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
		reasonText = `De meningen lopen sterk uiteen (${agreementOf(f)}): ${formatShare(agree)} is het (helemaal) eens, ${formatShare(disagree)} (helemaal) oneens.`;
		question = `Waarom is een deel van de partners het eens met ${q} en een ander deel juist niet — wat ervaren zij verschillend?`;
	} else if (belowLine) {
		reasonText = `De antwoorden liggen verspreid over de schaal (${agreementOf(f)}, consensus ${formatNumber(f.consensus ?? 0, 2)}).`;
		question = `Hoe kijken we als partners naar ${q}: waar komen de verschillende antwoorden vandaan, en waarover willen we het eens worden?`;
	} else {
		reasonText = `Een van de stellingen met de minste overeenstemming (${agreementOf(f)}, consensus ${formatNumber(f.consensus ?? 0, 2)}), al is die niet laag.`;
		question = `Waar komen de verschillen in de antwoorden op ${q} vandaan?`;
	}
	return base(it, polarised ? 'gepolariseerd' : 'verdeeld', reasonText, question, null);
}

function groupGap(it: Released, d: GroupDiff, points: number, filtered: boolean): AgendaItem {
	const q = quoteStatement(it.text);
	// Speak about agreeing with the statement as worded, so recoded levels go back to raw means.
	const raw = (level: number) => (it.reversed ? points + 1 - level : level);
	const groupRaw = raw(d.mean);
	const restRaw = raw(d.restMean);
	const scope = filtered ? 'de rest van de selectie' : 'de rest van het netwerk';
	const reasonText = `${capitalise(d.group.phrase)} zijn het gemiddeld ${groupRaw > restRaw ? 'meer' : 'minder'} eens met deze stelling dan ${scope} (${formatNumber(groupRaw)} tegen ${formatNumber(restRaw)} op een schaal van 1 tot ${points}; duidelijk na correctie voor het aantal vergelijkingen).`;
	const question = `Wat zien ${d.group.phrase} anders als het gaat om ${q}, en wat is nodig om elkaar hierin te vinden?`;
	const { family, groupId, label, phrase } = d.group;
	return base(it, 'groepsverschil', reasonText, question, {
		family,
		groupId,
		label,
		phrase,
		n: d.n,
		mean: d.mean,
		restMean: d.restMean,
		restN: d.restN,
		diff: d.diff,
		p: d.p
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
		reversed: it.reversed,
		reason,
		reasonText,
		question,
		n: f.n,
		mean: f.mean,
		distribution: f.distribution,
		dontKnow: f.dontKnow,
		consensus: f.consensus,
		leikD: f.leikD,
		rwg: f.rwg,
		agreementWord: itemAgreementWord(f.rwg),
		group
	};
}

export function buildAgenda(src: AgendaSource): AgendaItem[] {
	const points = src.layout.points;
	const released = src.items
		.map((it, i) => ({ it, i }))
		.filter((x): x is { it: Released; i: number } => !x.it.result.suppressed);

	// Own-organisation items differ between organisations by design: their spread is no division.
	const byConsensus = released
		.filter((x) => x.it.result.consensus !== null && src.layout.items[x.i].aboutCollaboration)
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
			return d !== null && d.significant && Math.abs(d.diff) >= minDiff;
		})
		.sort((a, b) => Math.abs(src.groupDiffs[b.i]!.diff) - Math.abs(src.groupDiffs[a.i]!.diff) || a.i - b.i);

	// Divided items take the list first, most divided first, but leave room for the group items
	// that passed the correction (at most half the list); a group item already on the list as
	// divided gives its place back to the next divided one.
	const groupRoom = Math.min(groupList.length, Math.floor(AGENDA_MAX / 2));
	const dividedTaken = new Set(dividedList.slice(0, AGENDA_MAX - groupRoom).map((x) => x.i));
	const groupTaken = groupList.filter((x) => !dividedTaken.has(x.i)).slice(0, AGENDA_MAX - dividedTaken.size);
	for (const x of dividedList) {
		if (dividedTaken.size + groupTaken.length >= AGENDA_MAX) break;
		if (!groupTaken.some((g) => g.i === x.i)) dividedTaken.add(x.i);
	}
	const chosen = new Set<number>([...dividedTaken, ...groupTaken.map((x) => x.i)]);
	const out: AgendaItem[] = [
		...dividedList.filter((x) => dividedTaken.has(x.i)).map((x) => divided(x.it, points, true)),
		...groupTaken.map((x) => groupGap(x.it, src.groupDiffs[x.i]!, points, src.filtered))
	];
	// A meeting needs a few items even when the network agrees: add the least agreed ones.
	for (const x of byConsensus) {
		if (out.length >= AGENDA_MIN) break;
		if (chosen.has(x.i)) continue;
		chosen.add(x.i);
		out.push(divided(x.it, points, false));
	}
	return out;
}
