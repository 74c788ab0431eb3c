/**
 * What a respondent sees after submitting: their own answer to each statement beside how the
 * others answered so far, in three bands (oneens, neutraal, eens). Only the others count, so
 * that nobody can subtract their own answer from a shown group; a statement is shown once at
 * least k others answered it on the scale ("weet niet" does not count).
 */
import { DONT_KNOW, type Questionnaire } from '$lib/model/questionnaire';
import type { SurveyResponse } from '$lib/model/response';
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
	/** False until at least k others submitted; then no section is filled. */
	available: boolean;
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
	/** Responses of the round; drafts are ignored. */
	responses: SurveyResponse[];
	/** The respondent's own response, left out of the others. */
	own: SurveyResponse | null;
	k?: number;
}): SurveyFeedback {
	const k = resolveK(input.k);
	const { questionnaire: q, own } = input;
	const others = input.responses.filter((r) => r.status === 'submitted' && r.id !== own?.id);
	if (others.length < k) return { k, available: false, sections: [] };
	const middle = (q.scale.points + 1) / 2;
	const sections = q.sections.map((s) => ({
		sectionId: s.id,
		title: s.title,
		question: s.question,
		items: s.items.map((item): FeedbackItem => {
			const bands = [0, 0, 0];
			for (const r of others) {
				const v = r.answers[item.id];
				if (v === undefined || v === DONT_KNOW) continue;
				bands[v < middle ? 0 : v === middle ? 1 : 2]++;
			}
			const n = bands[0] + bands[1] + bands[2];
			const [disagree, neutral, agree] = wholePercents(bands);
			return {
				itemId: item.id,
				text: item.text,
				own: own?.answers[item.id] ?? null,
				others: n >= k ? { suppressed: false, n, disagree, neutral, agree } : { suppressed: true, reason: 'small' }
			};
		})
	}));
	return { k, available: true, sections };
}
