/**
 * Plain data for the survey pages. Pages get finished labels and no `reversed` flags or other
 * analysis details: the browser needs nothing it would have to compute or could misread.
 */
export type SurveyStatus = 'new' | 'draft' | 'submitted';

export type SurveySummary = {
	networkName: string;
	contactEmail: string;
	roundId: string;
	roundName: string;
	questionnaireTitle: string;
	description: string;
	minutes: number;
	partnerName: string;
	roleLabel: string;
	/** Section steps plus the review step. */
	stepCount: number;
	sectionCount: number;
	itemCount: number;
	/** The scale's ends and its "weet niet" option, as the welcome page explains them. */
	scaleFrom: string;
	scaleTo: string;
	dontKnowLabel: string;
	answeredCount: number;
	status: SurveyStatus;
	/** 1-based step to continue at; one past the sections is the review step. */
	resumeStep: number;
	closesAtLabel: string;
	submittedAtLabel: string | null;
	k: number;
	/** The round's own words on the welcome page, plain text; empty when it has none. */
	welcomeText: string;
};

export type AnswerOption = { value: number; label: string };

export type StepView = {
	number: number;
	section: {
		id: string;
		title: string;
		question: string;
		intro: string;
		commentLabel: string | null;
		items: { id: string; text: string }[];
	};
	options: AnswerOption[];
	answers: Record<string, number>;
	comment: string;
	commentMax: number;
	isLast: boolean;
};

export type ReviewView = {
	sections: {
		number: number;
		id: string;
		title: string;
		items: { id: string; text: string; answer: string | null }[];
		commentLabel: string | null;
		comment: string | null;
	}[];
	missing: number;
	total: number;
};

/** Network answers per statement in three bands, beside the respondent's own answer (if any). */
export type FeedbackView = {
	k: number;
	available: boolean;
	/** The round whose published figures are shown: the previous one, or the closed one itself. */
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
