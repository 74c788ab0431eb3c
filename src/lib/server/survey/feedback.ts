import type { Store } from '../store';
import type { SurveyResponse } from '$lib/model/response';
import { surveyFeedback } from '$lib/analysis/survey-feedback';
import type { SurveyContext } from './access';
import { answerLabel } from './view';
import { previousRoundsOf } from '../rounds';
import type { FeedbackView } from '$lib/model/survey-view';
import type { Round } from '$lib/model/round';
import type { Questionnaire } from '$lib/model/questionnaire';

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
	return labelled(
		ctx.questionnaire,
		surveyFeedback({
			questionnaire: ctx.questionnaire,
			reference: await publishedReference(store, ctx),
			own,
			k: ctx.network.kAnonymity
		})
	);
}

/**
 * What a closed round's link shows on its 410 page: that round's final network results as
 * published at close, in the same three bands; null while it has none (just closed, or damaged).
 */
export async function finalResultsView(
	store: Store,
	round: Round,
	questionnaire: Questionnaire
): Promise<FeedbackView | null> {
	const file = await store.publishedSnapshot(round.id).catch(() => null);
	if (!file) return null;
	const f = surveyFeedback({
		questionnaire,
		reference: { roundName: round.name, snapshot: file.snapshot },
		own: null,
		k: file.snapshot.k
	});
	return f.available ? labelled(questionnaire, f) : null;
}

function labelled(questionnaire: Questionnaire, f: ReturnType<typeof surveyFeedback>): FeedbackView {
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
				own: i.own === null ? null : answerLabel(questionnaire, i.own),
				others: i.others.suppressed
					? null
					: { n: i.others.n, disagree: i.others.disagree, neutral: i.others.neutral, agree: i.others.agree }
			}))
		}))
	};
}
