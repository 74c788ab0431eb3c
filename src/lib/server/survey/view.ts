import type { SurveyResponse } from '$lib/model/response';
import { roleLabels } from '$lib/model/network';
import { COMMENT_MAX, DONT_KNOW, type Questionnaire } from '$lib/model/questionnaire';
import type { SurveyContext } from './access';
import { roundK } from '$lib/analysis/privacy';
import { formatMoment } from '$lib/format';
import type { AnswerOption, ReviewView, StepView, SurveySummary } from '$lib/model/survey-view';

export function answerOptions(q: Questionnaire): AnswerOption[] {
	return [
		...q.scale.labels.map((label, i) => ({ value: i + 1, label })),
		{ value: DONT_KNOW, label: q.scale.dontKnowLabel }
	];
}

export function answerLabel(q: Questionnaire, value: number | undefined): string | null {
	if (value === undefined) return null;
	return value === DONT_KNOW ? q.scale.dontKnowLabel : (q.scale.labels[value - 1] ?? null);
}

/** What the welcome page says about the questionnaire itself, the same for a link and a preview. */
function aboutQuestionnaire(q: Questionnaire) {
	return {
		questionnaireTitle: q.title,
		description: q.description,
		minutes: q.minutes,
		stepCount: q.sections.length + 1,
		sectionCount: q.sections.length,
		itemCount: q.sections.reduce((n, s) => n + s.items.length, 0),
		scaleFrom: q.scale.labels[0],
		scaleTo: q.scale.labels[q.scale.labels.length - 1],
		dontKnowLabel: q.scale.dontKnowLabel
	};
}

export function surveySummary(ctx: SurveyContext, response: SurveyResponse | null): SurveySummary {
	const q = ctx.questionnaire;
	const items = q.sections.flatMap((s) => s.items);
	return {
		...aboutQuestionnaire(q),
		networkName: ctx.network.name,
		contactEmail: ctx.network.contactEmail,
		roundId: ctx.round.id,
		roundName: ctx.round.name,
		partnerName: ctx.partner?.name ?? 'uw organisatie',
		roleLabel: roleLabels[ctx.respondent.role],
		answeredCount: response ? items.filter((i) => i.id in response.answers).length : 0,
		status: response?.status ?? 'new',
		resumeStep: Math.min(q.sections.length + 1, (response?.step ?? 0) + 1),
		closesAtLabel: formatMoment(ctx.round.closesAt),
		submittedAtLabel: response?.submittedAt ? formatMoment(response.submittedAt) : null,
		// The k the round opened with: what this respondent is promised.
		k: roundK(ctx.round, ctx.network.kAnonymity),
		welcomeText: ctx.round.welcomeText ?? ''
	};
}

/** The round a preview stands in: its post must name this, as a survey post names its round. */
export const PREVIEW_ROUND = 'voorbeeld';

/**
 * The welcome page of a questionnaire without a round or a person (the back-office's preview):
 * where a link would name the round, the organisation and the date, it says what goes there.
 */
export function previewSummary(
	q: Questionnaire,
	network: { name: string; contactEmail: string; k: number }
): SurveySummary {
	return {
		...aboutQuestionnaire(q),
		networkName: network.name,
		contactEmail: network.contactEmail,
		roundId: PREVIEW_ROUND,
		roundName: '(naam van de meetronde)',
		partnerName: '(organisatie van de deelnemer)',
		roleLabel: '(rol van de deelnemer)',
		answeredCount: 0,
		status: 'new',
		resumeStep: 1,
		closesAtLabel: '(sluitdatum van de ronde)',
		submittedAtLabel: null,
		k: network.k,
		welcomeText: ''
	};
}

/** One section step (1-based); null when the number names no section. */
export function stepView(
	ctx: Pick<SurveyContext, 'questionnaire'>,
	response: SurveyResponse | null,
	number: number
): StepView | null {
	const q = ctx.questionnaire;
	const section = q.sections[number - 1];
	if (!Number.isInteger(number) || !section) return null;
	const answers: Record<string, number> = {};
	for (const item of section.items)
		if (response && item.id in response.answers) answers[item.id] = response.answers[item.id];
	return {
		number,
		section: {
			id: section.id,
			title: section.title,
			question: section.question,
			intro: section.intro,
			commentLabel: section.commentLabel,
			items: section.items.map(({ id, text }) => ({ id, text }))
		},
		options: answerOptions(q),
		answers,
		comment: response?.comments[section.id] ?? '',
		commentMax: COMMENT_MAX,
		isLast: number === q.sections.length
	};
}

export function reviewView(ctx: Pick<SurveyContext, 'questionnaire'>, response: SurveyResponse | null): ReviewView {
	const q = ctx.questionnaire;
	let missing = 0;
	let total = 0;
	const sections = q.sections.map((s, i) => ({
		number: i + 1,
		id: s.id,
		title: s.title,
		items: s.items.map((item) => {
			const answer = answerLabel(q, response?.answers[item.id]);
			total++;
			if (answer === null) missing++;
			return { id: item.id, text: item.text, answer };
		}),
		commentLabel: s.commentLabel,
		comment: response?.comments[s.id] ?? null
	}));
	return { sections, missing, total };
}
