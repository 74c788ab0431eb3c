/**
 * The three findings a board meeting should hear first, each one plain sentence with the place on
 * the round dashboard where its evidence stands: where the partners are most divided, the largest
 * difference between groups, and the clearest change since the last round. Every sentence says
 * only what the data's own flags say: two camps only where `twoCamps` found them, a difference
 * or change only where it survived Benjamini–Hochberg (`significant`); otherwise the sentence says
 * that nothing is clear. Shared by the dashboard's summary, the presentation and the report.
 */
import { shares } from './agenda';
import { capitalise, quoteStatement } from './wording';
import { formatNumber, formatPercent, formatShare } from '$lib/format';
import type { AgendaItem, DashboardData, Participation } from './types';

export type FindingKind = 'verdeeld' | 'groepsverschil' | 'verandering';

export interface Finding {
	kind: FindingKind;
	/** Short heading, e.g. "Waar de partners verdeeld zijn". */
	title: string;
	/** One sentence for a board member, with its figures. */
	sentence: string;
	/** False when the sentence says that nothing stands out (no clear difference, no change). */
	found: boolean;
	/** Id of the element on the round dashboard that holds the evidence (without '#'). */
	anchor: string;
	/** Link text to that evidence. */
	evidence: string;
}

/** Ids on the round dashboard that findings point at; the components use the same functions. */
export const anchors = {
	agendaItem: (itemId: string) => `agenda-${itemId}`,
	agenda: 'gespreksagenda',
	groups: 'groepen',
	gaps: 'beeldverschillen',
	change: 'ontwikkeling',
	sectionChanges: 'verandering-per-perspectief',
	itemChange: (itemId: string) => `verandering-${itemId}`
} as const;

const TITLES: Record<FindingKind, string> = {
	verdeeld: 'Waar de partners verdeeld zijn',
	groepsverschil: 'Verschil tussen groepen',
	verandering: 'Verandering sinds de vorige ronde'
};

const one = (x: number) => formatNumber(x, 1);

/** "377 van de 559 uitgenodigden deden mee (67%)", and the selection's count on a filtered page. */
export function participationSentence(p: Participation, cell: { label: string } | null = null): string {
	const whole = `${p.submitted} van de ${p.invited} uitgenodigden deden mee (${formatPercent(p.submitted, p.invited)})`;
	if (!cell || p.selection === null) return `${whole}.`;
	return `${whole}; ${p.selection} van hen in deze selectie (${cell.label}).`;
}

function divided(data: DashboardData): Finding {
	const head = { kind: 'verdeeld' as const, title: TITLES.verdeeld };
	const camps = data.sections.reduce(
		(sum, s) => sum + (s.result.suppressed ? 0 : s.result.sharedness.polarisedItems),
		0
	);
	const polarised = data.agenda.find((a) => a.reason === 'gepolariseerd');
	const points = data.scale.points;
	const link = (a: AgendaItem) => ({
		anchor: anchors.agendaItem(a.itemId),
		evidence: 'Naar de stelling op de gespreksagenda'
	});
	if (polarised) {
		const { agree, disagree } = shares(polarised, points);
		const where =
			camps > 1
				? `Bij ${camps} stellingen staan de partners in twee kampen, het duidelijkst bij`
				: 'De partners staan in twee kampen bij';
		return {
			...head,
			found: true,
			sentence: `${where} ${quoteStatement(polarised.text)}: ${formatShare(agree)} is het eens, ${formatShare(disagree)} oneens.`,
			...link(polarised)
		};
	}
	const first = data.agenda.find((a) => a.reason !== 'groepsverschil' && a.consensus !== null);
	if (!first)
		return {
			...head,
			found: false,
			sentence: 'Er zijn geen stellingen met genoeg antwoorden om te zeggen waar de partners verdeeld zijn.',
			anchor: anchors.agenda,
			evidence: 'Naar de gespreksagenda'
		};
	if (first.consensus! < data.thresholds.consensusDivided)
		return {
			...head,
			found: true,
			sentence: `De partners zijn het meest verdeeld over ${quoteStatement(first.text)}: de antwoorden liggen verspreid over de hele schaal, zonder gedeeld beeld.`,
			...link(first)
		};
	return {
		...head,
		found: false,
		sentence: `Over geen enkele stelling zijn de partners sterk verdeeld; de minste overeenstemming is er over ${quoteStatement(first.text)}.`,
		...link(first)
	};
}

interface GroupCandidate {
	diff: number;
	sentence: string;
	anchor: string;
	evidence: string;
}

const direction = (diff: number) => (diff > 0 ? 'positiever' : 'kritischer');

/**
 * Per perspective first: the perception gaps (two groups side by side) and the heatmap (a group
 * against the network), compared by the difference each shows on the dashboard. Only when no
 * perspective differs clearly does a single statement's group difference from the agenda count.
 */
function groupCandidates(data: DashboardData): GroupCandidate[] {
	const out: GroupCandidate[] = [];
	for (const gap of [data.gaps.bestuurlijkAmbtelijk, data.gaps.centreRest]) {
		if (!gap) continue;
		for (const s of gap.sections) {
			const r = s.result;
			if (r.suppressed || !r.significant) continue;
			out.push({
				diff: r.gap,
				sentence: `${capitalise(gap.a.phrase)} zijn over ${s.shortTitle} duidelijk ${direction(r.gap)} dan ${gap.b.phrase}: ${one(r.meanA)} tegen ${one(r.meanB)} op een schaal van 1 tot ${data.scale.points}.`,
				anchor: anchors.gaps,
				evidence: 'Naar de beeldverschillen'
			});
		}
	}
	data.heatmap.rows.forEach((row) => {
		if (row.result.suppressed) return;
		row.cells.forEach((c, i) => {
			if (c.result.suppressed || !c.result.significant || c.result.diff === null || c.result.restMean === null) return;
			out.push({
				diff: c.result.diff,
				sentence: `${capitalise(row.phrase)} zijn over ${data.heatmap.sections[i].shortTitle} duidelijk ${direction(c.result.diff)} dan de rest van het netwerk: ${one(c.result.mean)} tegen ${one(c.result.restMean)} op een schaal van 1 tot ${data.scale.points}.`,
				anchor: anchors.groups,
				evidence: 'Naar de verschillen tussen groepen'
			});
		});
	});
	if (out.length > 0) return out;
	const reversed = new Map(data.items.map((it) => [it.itemId, it.reversed]));
	const raw = (level: number, itemId: string) => (reversed.get(itemId) ? data.scale.points + 1 - level : level);
	for (const a of data.agenda) {
		const g = a.group;
		if (a.reason !== 'groepsverschil' || !g) continue;
		const mine = raw(g.mean, a.itemId);
		const rest = raw(g.restMean, a.itemId);
		out.push({
			diff: g.diff,
			sentence: `${capitalise(g.phrase)} zijn het duidelijk ${mine > rest ? 'meer' : 'minder'} eens met ${quoteStatement(a.text)} dan de rest van het netwerk: ${one(mine)} tegen ${one(rest)} op een schaal van 1 tot ${data.scale.points}.`,
			anchor: anchors.agendaItem(a.itemId),
			evidence: 'Naar de stelling op de gespreksagenda'
		});
	}
	return out;
}

function groupDifference(data: DashboardData): Finding {
	const head = { kind: 'groepsverschil' as const, title: TITLES.groepsverschil };
	if (data.filterActive)
		return {
			...head,
			found: false,
			sentence:
				'Verschillen tussen groepen staan bij het hele netwerk: binnen één groep worden geen andere groepen vergeleken.',
			anchor: anchors.groups,
			evidence: 'Naar de verschillen tussen groepen'
		};
	const best = groupCandidates(data).sort((a, b) => Math.abs(b.diff) - Math.abs(a.diff))[0];
	if (!best)
		return {
			...head,
			found: false,
			sentence:
				'Geen duidelijke groepsverschillen: geen groep ziet het na correctie voor het aantal vergelijkingen duidelijk anders dan de rest.',
			anchor: anchors.groups,
			evidence: 'Naar de verschillen tussen groepen'
		};
	return { ...head, found: true, sentence: best.sentence, anchor: best.anchor, evidence: best.evidence };
}

const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} en ${xs[xs.length - 1]}`);

function change(data: DashboardData): Finding {
	const previous = data.comparison.previousRound;
	const head = {
		kind: 'verandering' as const,
		title: previous ? `Verandering sinds ${previous.name}` : TITLES.verandering
	};
	const toTrend = { anchor: anchors.change, evidence: 'Naar de ontwikkeling' };
	if (!previous)
		return {
			...head,
			found: false,
			sentence: 'Er is nog geen eerdere meetronde om mee te vergelijken.',
			...toTrend
		};
	const compared = data.comparison.sections.filter((s) => s.change !== null);
	if (compared.length === 0)
		return {
			...head,
			found: false,
			sentence: `Deze cijfers zijn niet te vergelijken met ${previous.name}.`,
			...toTrend
		};
	const clear = compared
		.filter((s) => s.change!.significant)
		.sort((a, b) => Math.abs(b.change!.diff) - Math.abs(a.change!.diff));
	const moved = (diff: number) => (diff > 0 ? 'vooruit' : 'achteruit');
	if (clear.length > 0) {
		const [top, ...rest] = clear;
		const c = top.change!;
		const same = rest.filter((s) => s.change!.diff > 0 === c.diff > 0).map((s) => s.shortTitle);
		const other = rest.filter((s) => s.change!.diff > 0 !== c.diff > 0).map((s) => s.shortTitle);
		const tail = [
			same.length > 0 ? `ook ${list(same)} ${same.length === 1 ? 'ging' : 'gingen'} duidelijk ${moved(c.diff)}` : '',
			other.length > 0 ? `${list(other)} ${other.length === 1 ? 'ging' : 'gingen'} duidelijk ${moved(-c.diff)}` : ''
		].filter(Boolean);
		return {
			...head,
			found: true,
			sentence:
				`Sinds ${previous.name} ging ${top.shortTitle} het duidelijkst ${moved(c.diff)}, van ${one(c.previous)} naar ${one(c.current)}` +
				(tail.length > 0 ? `; ${tail.join('; ')}.` : '.'),
			anchor: anchors.sectionChanges,
			evidence: 'Naar de verandering per perspectief'
		};
	}
	const mover = [...data.movers.improvements, ...data.movers.declines]
		.filter((m) => m.change?.significant)
		.sort((a, b) => Math.abs(b.change!.diff) - Math.abs(a.change!.diff))[0];
	if (mover) {
		const c = mover.change!;
		return {
			...head,
			found: true,
			sentence: `Sinds ${previous.name} veranderde geen perspectief duidelijk; wel ging ${quoteStatement(mover.text)} duidelijk ${moved(c.diff)}, van ${one(c.previous)} naar ${one(c.current)}.`,
			anchor: anchors.itemChange(mover.itemId),
			evidence: 'Naar de stelling bij de ontwikkeling'
		};
	}
	return {
		...head,
		found: false,
		sentence: `Sinds ${previous.name} is niets duidelijk veranderd: geen perspectief en geen stelling ging duidelijk vooruit of achteruit.`,
		...toTrend
	};
}

/**
 * The three findings in meeting order (divided, group difference, change); empty when the page
 * shows no results (an open round, or a selection that is withheld).
 */
export function topFindings(data: DashboardData): Finding[] {
	if (!data.available) return [];
	return [divided(data), groupDifference(data), change(data)];
}
