/**
 * The published reliability figures as the report states them: per section the coefficients, why
 * one is missing, and the verdict in words; per item its correlation with the rest and, for a
 * critically worded item, whether it turned around as it should.
 */
import type { ReliabilityGap, SectionReliability } from '$lib/model/reliability';
import type { Layout } from './layout';
import {
	MIN_COMPLETE,
	RELIABILITY_ADEQUATE,
	RELIABILITY_LOW,
	reliabilityVerdict,
	reversesAsExpected
} from './reliability';
import type { ReliabilityVerdict, ReliabilityView } from './types';

function gapText(gap: ReliabilityGap | null, coefficient: 'alpha' | 'omega'): string | null {
	switch (gap) {
		case null:
			return null;
		case 'withheld':
			return 'niet getoond: te weinig respondenten met een antwoord';
		case 'too-few-complete':
			return `te weinig volledige antwoorden (minder dan ${MIN_COMPLETE})`;
		case 'too-few-items':
			return coefficient === 'alpha'
				? 'niet te berekenen met één stelling'
				: 'niet te schatten met minder dan drie stellingen';
		case 'no-variance':
			return 'geen spreiding in de antwoorden';
		case 'not-converged':
			return 'het factormodel kwam niet tot een oplossing';
	}
}

export const verdictTexts: Record<ReliabilityVerdict, string> = {
	voldoende: 'voldoende betrouwbaar om te middelen',
	matig: 'matig: lees het gemiddelde met voorzichtigheid',
	'te-laag': 'te laag om te middelen: de stellingen meten niet duidelijk één ding'
};

export function reliabilityView(
	published: readonly SectionReliability[] | undefined,
	layout: Layout
): ReliabilityView | null {
	if (!published) return null;
	const byId = new Map(published.map((r) => [r.sectionId, r]));
	const sections = layout.sections.flatMap((sec) => {
		const r = byId.get(sec.id);
		if (!r) return [];
		const verdict = reliabilityVerdict(r.alpha, r.omega);
		const alphaNote = gapText(r.alphaGap, 'alpha');
		const items = r.items.map((it) => ({
			itemId: it.itemId,
			text: layout.items[layout.itemIndex.get(it.itemId) ?? -1]?.text ?? it.itemId,
			reversed: it.reversed,
			itemRest: it.itemRest,
			rawRest: it.rawRest,
			reversesAsExpected: reversesAsExpected(it)
		}));
		return [
			{
				sectionId: sec.id,
				title: sec.title,
				shortTitle: sec.shortTitle,
				n: r.n,
				alpha: r.alpha,
				omega: r.omega,
				alphaNote,
				omegaNote: gapText(r.omegaGap, 'omega'),
				verdict,
				verdictText: verdict ? verdictTexts[verdict] : `geen oordeel (${alphaNote ?? 'niet te berekenen'})`,
				items
			}
		];
	});
	return { minComplete: MIN_COMPLETE, adequate: RELIABILITY_ADEQUATE, low: RELIABILITY_LOW, sections };
}
