import type { Store } from '../store';
import type { SurveyResponse } from '$lib/model/response';
import { surveyFeedback } from '$lib/analysis/survey-feedback';
import type { SurveyContext } from './access';
import { answerLabel } from './view';
import { previousRoundsOf } from '../rounds';

export type FeedbackView = {
	k: number;
	available: boolean;
	/** The previous round whose published figures are shown. */
	referenceRound: string | null;
	sections: {
		id: string;
		title: string;
		question: string;
		items: {
			id: string;
			text: string;
			own: string | null;
			others: { n: number; disagree: number; neutral: number; agree: number } | null;
		}[];
	}[];
};

/** The newest earlier round of this questionnaire that was published at its close. */
async function publishedReference(store: Store, ctx: SurveyContext) {
	const earlier = previousRoundsOf(store.network(), ctx.round).reverse();
	for (const round of earlier) {
		const file = await store.publishedSnapshot(round.id).catch(() => null);
		if (file) return { roundName: round.name, snapshot: file.snapshot };
	}
	return null;
}

/** The thank-you page's "zo keken anderen ertegen aan", with labels instead of codes. */
export async function feedbackView(store: Store, ctx: SurveyContext, own: SurveyResponse): Promise<FeedbackView> {
	const f = surveyFeedback({
		questionnaire: ctx.questionnaire,
		reference: await publishedReference(store, ctx),
		own,
		k: ctx.network.kAnonymity
	});
	return {
		k: f.k,
		available: f.available,
		referenceRound: f.referenceRound,
		sections: f.sections.map((s) => ({
			id: s.sectionId,
			title: s.title,
			question: s.question,
			items: s.items.map((i) => ({
				id: i.itemId,
				text: i.text,
				own: i.own === null ? null : answerLabel(ctx.questionnaire, i.own),
				others: i.others.suppressed
					? null
					: { n: i.others.n, disagree: i.others.disagree, neutral: i.others.neutral, agree: i.others.agree }
			}))
		}))
	};
}
