import { error, fail, redirect } from '@sveltejs/kit';
import { getStore, type Store } from '../store';
import { parseSurveyPost, type SurveyPost } from '$lib/model/survey-form';
import { openSurvey, type SurveyContext } from './access';
import { EmptySubmitError, SurveyRefusedError, currentResponse, saveResponse, type SaveOptions } from './responses';
import type { SurveyResponse } from '$lib/model/response';

/** The route glue of the survey: refusals become error pages, posts become saves and redirects. */

export async function requireSurvey(token: string): Promise<{ store: Store; ctx: SurveyContext }> {
	const store = await getStore();
	const access = await openSurvey(store, token);
	if (!access.ok) {
		const { status, ...body } = access.refusal;
		error(status, body);
	}
	return { store, ctx: access.ctx };
}

export const noSuchStep = (ctx: SurveyContext) => ({
	message: 'Deze stap bestaat niet',
	detail: `De vragenlijst heeft ${ctx.questionnaire.sections.length} stappen met vragen. Open uw persoonlijke link opnieuw om verder te gaan waar u was.`
});

/** A step number from the URL, or null when it names no section. */
export function stepParam(ctx: SurveyContext, raw: string): number | null {
	const n = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
	return n >= 1 && n <= ctx.questionnaire.sections.length ? n : null;
}

export type SurveyPage = number | 'controle' | 'bedankt' | null;

export const surveyPath = (token: string, page: SurveyPage = null) =>
	page === null ? `/s/${token}` : typeof page === 'number' ? `/s/${token}/stap/${page}` : `/s/${token}/${page}`;

async function readForm(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}

type Refused = { errors: Record<string, string>; answers: Record<string, number>; comments: Record<string, string> };

/**
 * A refused post. Browsers (a plain form post, or use:enhance) get the page back with the
 * reasons beside the fields. Other clients would get SvelteKit's JSON with HTTP 200 and the 400
 * inside, so they get an error with the real status instead (DESIGN.md §5: 400 with reasons).
 */
function refuse(request: Request, refused: Refused) {
	const fromBrowser =
		request.headers.get('x-sveltekit-action') === 'true' || (request.headers.get('accept') ?? '').includes('text/html');
	if (!fromBrowser) {
		const reasons = Object.entries(refused.errors).map(([field, reason]) =>
			field === 'form' ? reason : `${field}: ${reason}`
		);
		error(400, { message: 'Uw antwoorden zijn niet opgeslagen', detail: reasons.join(' ') });
	}
	return fail(400, refused);
}

const unreadable = (request: Request) =>
	refuse(request, {
		errors: { form: 'Uw antwoorden konden niet worden gelezen. Probeer het opnieuw.' },
		answers: {},
		comments: {}
	});

/** Where a save leads, and which section step to remember for resuming. */
export function destination(
	post: SurveyPost,
	sectionCount: number
): { page: SurveyPage | 'resume'; resumeAt: number | null } {
	const { step, nav } = post;
	if (step === null) return { page: nav === 'review' ? 'controle' : 'resume', resumeAt: null };
	switch (nav) {
		case 'next':
			return { page: step < sectionCount ? step + 1 : 'controle', resumeAt: step };
		case 'back':
			return { page: step > 1 ? step - 1 : null, resumeAt: Math.max(step - 2, 0) };
		case 'review':
			return { page: 'controle', resumeAt: sectionCount };
		default:
			return { page: step, resumeAt: step - 1 };
	}
}

async function save(store: Store, ctx: SurveyContext, post: SurveyPost, options: Parameters<typeof saveResponse>[3]) {
	try {
		return await saveResponse(store, ctx, post, options);
	} catch (e) {
		if (e instanceof SurveyRefusedError)
			error(e.refusal.status, { message: e.refusal.message, detail: e.refusal.detail });
		throw e;
	}
}

/**
 * One walk through the survey: its context, where its answers are kept and where its pages are.
 * A survey link keeps them in the round (saveResponse); the admin's test link (test-walk.ts)
 * keeps them in the admin's own browser and stores nothing. Both go through the same actions.
 */
export type SurveyWalk = {
	ctx: SurveyContext;
	current: () => Promise<SurveyResponse | null>;
	save: (post: SurveyPost, options: SaveOptions) => Promise<SurveyResponse | null>;
	path: (page: SurveyPage) => string;
};

async function linkWalk(token: string): Promise<SurveyWalk> {
	const { store, ctx } = await requireSurvey(token);
	return {
		ctx,
		current: () => currentResponse(store, ctx),
		save: (post, options) => save(store, ctx, post, options),
		path: (page) => surveyPath(token, page)
	};
}

/** `?/save`: keeps what was posted, then goes where the respondent asked. */
export async function saveWith(walk: SurveyWalk, request: Request, rawStep: string | null = null) {
	const { ctx } = walk;
	const pageStep = rawStep === null ? null : stepParam(ctx, rawStep);
	if (rawStep !== null && pageStep === null) error(404, noSuchStep(ctx));
	const form = await readForm(request);
	if (!form) return unreadable(request);
	const parsed = parseSurveyPost(ctx.questionnaire, ctx.round.id, form, pageStep);
	if (!parsed.success)
		return refuse(request, { errors: parsed.errors, answers: parsed.answers, comments: parsed.comments });
	const { page, resumeAt } = destination(parsed.data, ctx.questionnaire.sections.length);
	const response = await walk.save(parsed.data, { resumeAt });
	if (page === 'resume') {
		const saved = response ?? (await walk.current());
		const resume = saved ? saved.step + 1 : null;
		redirect(303, walk.path(resume !== null && resume > ctx.questionnaire.sections.length ? 'controle' : resume));
	}
	redirect(303, walk.path(page));
}

/** `?/submit`: saves what was posted (if anything) and makes the response count. */
export async function submitWith(walk: SurveyWalk, request: Request) {
	const { ctx } = walk;
	const form = await readForm(request);
	if (!form) return unreadable(request);
	const parsed = parseSurveyPost(ctx.questionnaire, ctx.round.id, form, null);
	if (!parsed.success)
		return refuse(request, { errors: parsed.errors, answers: parsed.answers, comments: parsed.comments });
	try {
		await walk.save(parsed.data, { submit: true });
	} catch (e) {
		if (!(e instanceof EmptySubmitError)) throw e;
		return refuse(request, { errors: { form: e.message }, answers: {}, comments: {} });
	}
	redirect(303, walk.path('bedankt'));
}

export const saveAction = async (request: Request, token: string, rawStep: string | null = null) =>
	saveWith(await linkWalk(token), request, rawStep);

export const submitAction = async (request: Request, token: string) => submitWith(await linkWalk(token), request);
