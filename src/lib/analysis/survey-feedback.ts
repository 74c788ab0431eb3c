/**
 * What a respondent sees after submitting: their own answer to each statement beside how the
 * network answered in the previous round, as published when that round closed, in three bands
 * (oneens, neutraal, eens; "weet niet" left out). Never this round's answers: a page that
 * changes while the round is open would tell, read before and after, what one person answered.
 */
import type { Questionnaire } from '$lib/model/questionnaire';
import type { SurveyResponse } from '$lib/model/response';
import type { PublishedSnapshot } from '$lib/model/published';
import { resolveK } from './privacy';
import type { Released } from './types';

export interface FeedbackBands {
	n: number;
	/** Whole percentages of `n` that add up to 100: oneens, neutraal, eens. */
	disagree: number;
	neutral: number;
	agree: number;
}

export interface FeedbackItem {
	itemId: string;
	text: string;
	/** The respondent's own answer: 1..points, 0 for "weet niet", null when skipped. */
	own: number | null;
	others: Released<FeedbackBands>;
}

export interface FeedbackSection {
	sectionId: string;
	title: string;
	question: string;
	items: FeedbackItem[];
}

export interface SurveyFeedback {
	k: number;
	/** False without a published previous round; then no section is filled. */
	available: boolean;
	/** The round the figures come from. */
	referenceRound: string | null;
	sections: FeedbackSection[];
}

/** Largest-remainder rounding: shown percentages always add up to 100. */
function wholePercents(counts: number[]): number[] {
	const total = counts.reduce((a, b) => a + b, 0);
	if (total === 0) return counts.map(() => 0);
	const exact = counts.map((c) => (100 * c) / total);
	const out = exact.map(Math.floor);
	let left = 100 - out.reduce((a, b) => a + b, 0);
	const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
	for (const [, i] of order) {
		if (left-- <= 0) break;
		out[i]++;
	}
	return out;
}

export function surveyFeedback(input: {
	questionnaire: Questionnaire;
	/** The previous round of this questionnaire, as published at its close; null when there is none. */
	reference: { roundName: string; snapshot: PublishedSnapshot } | null;
	/** The respondent's own response. */
	own: SurveyResponse | null;
	k?: number;
}): SurveyFeedback {
	const k = resolveK(input.k);
	const { questionnaire: q, own, reference } = input;
	const network = reference?.snapshot.cells.find((c) => c.cell.dimension === 'all');
	if (!reference || !network || !network.n.released) return { k, available: false, referenceRound: null, sections: [] };
	const points = reference.snapshot.points;
	const middle = (points + 1) / 2;
	const sections = q.sections.map((s) => ({
		sectionId: s.id,
		title: s.title,
		question: s.question,
		items: s.items.map((item): FeedbackItem => {
			// Items are compared by id: a statement new in this version has no figures yet.
			const published = network.items[item.id];
			const bands = [0, 0, 0];
			if (published?.released)
				published.counts.forEach((count, i) => {
					const v = i + 1;
					bands[v < middle ? 0 : v === middle ? 1 : 2] += count;
				});
			const n = bands[0] + bands[1] + bands[2];
			const [disagree, neutral, agree] = wholePercents(bands);
			return {
				itemId: item.id,
				text: item.text,
				own: own?.answers[item.id] ?? null,
				others:
					published?.released && n >= k
						? { suppressed: false, n, disagree, neutral, agree }
						: { suppressed: true, reason: 'small' }
			};
		})
	}));
	return { k, available: true, referenceRound: reference.roundName, sections };
}
