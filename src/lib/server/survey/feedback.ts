import type { Store } from '../store';
import type { SurveyResponse } from '$lib/model/response';
import { surveyFeedback } from '$lib/analysis/survey-feedback';
import type { SurveyContext } from './access';
import { answerLabel } from './view';

export type FeedbackView = {
	k: number;
	available: boolean;
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

/** The thank-you page's "zo kijken anderen ertegen aan", with labels instead of codes. */
export async function feedbackView(store: Store, ctx: SurveyContext, own: SurveyResponse): Promise<FeedbackView> {
	const state = await store.round(ctx.round.id);
	const f = surveyFeedback({
		questionnaire: ctx.questionnaire,
		responses: state ? [...state.responses.values()] : [],
		own,
		k: ctx.network.kAnonymity
	});
	return {
		k: f.k,
		available: f.available,
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
