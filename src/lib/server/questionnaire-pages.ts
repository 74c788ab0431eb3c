import { error, fail, redirect } from '@sveltejs/kit';
import type { DomainContext } from './context';
import * as questionnaires from './questionnaires';
import { destination } from './survey/actions';
import { previewSummary, PREVIEW_ROUND, reviewView, stepView } from './survey/view';
import * as network from './network';
import { parseSurveyPost } from '$lib/model/survey-form';
import type { Questionnaire } from '$lib/model/questionnaire';

/** The route glue of the questionnaire pages: the version a URL names, and the preview's posts. */

export const versionPath = (q: { id: string; version: number }) => `/admin/vragenlijsten/${q.id}/${q.version}`;
export const previewPath = (q: { id: string; version: number }, page: number | 'controle' | null = null) =>
	`${versionPath(q)}/voorbeeld${page === null ? '' : typeof page === 'number' ? `/stap/${page}` : `/${page}`}`;

type Params = Record<string, string | undefined>;

/** The version named by `[id]/[version]`; 404 when there is none. Routes pass the admin's context from the guard. */
export function versionFor(ctx: DomainContext, params: Params) {
	const raw = params.version ?? '';
	const detail = /^[1-9]\d{0,5}$/.test(raw) ? questionnaires.get(ctx, params.id ?? '', Number(raw)) : null;
	if (!detail)
		error(404, {
			message: 'Deze vragenlijst bestaat niet',
			detail:
				'Er is geen vragenlijst met deze naam en dit versienummer (meer). Kies er een uit de lijst van vragenlijsten.'
		});
	return detail;
}

/** The step a preview URL names, or 404. */
function stepOf(q: Questionnaire, raw: string | undefined): number {
	const n = /^\d{1,3}$/.test(raw ?? '') ? Number(raw) : NaN;
	if (!(n >= 1 && n <= q.sections.length))
		error(404, {
			message: 'Deze stap bestaat niet',
			detail: `De vragenlijst heeft ${q.sections.length} stappen met vragen.`
		});
	return n;
}

/** What every preview page shows: the welcome page's summary for this questionnaire, without a round or a person. */
export async function previewFrame(ctx: DomainContext, params: Params, url: URL) {
	const { questionnaire, listing } = versionFor(ctx, params);
	return {
		survey: previewSummary(questionnaire, await network.publicInfo(ctx)),
		base: previewPath(questionnaire),
		versionHref: versionPath(questionnaire),
		version: { title: questionnaire.title, version: questionnaire.version, state: listing.state },
		sent: url.searchParams.has('verzonden')
	};
}

export function previewStep(ctx: DomainContext, params: Params, url: URL) {
	const { questionnaire } = versionFor(ctx, params);
	const step = stepView({ questionnaire }, null, stepOf(questionnaire, params.n))!;
	return { step, fromReview: url.searchParams.get('terug') === 'controle' };
}

export function previewReview(ctx: DomainContext, params: Params) {
	const { questionnaire } = versionFor(ctx, params);
	return { review: reviewView({ questionnaire }, null) };
}

async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		return new FormData();
	}
}

/**
 * A preview step's post: checked as the survey checks a respondent's (the same reasons beside the
 * same fields), then on to the page a respondent would reach. Nothing is stored: a preview has no
 * response to store it in.
 */
export async function previewSaveAction(ctx: DomainContext, params: Params, request: Request) {
	const { questionnaire: q } = versionFor(ctx, params);
	const n = stepOf(q, params.n);
	const parsed = parseSurveyPost(q, PREVIEW_ROUND, await readForm(request), n);
	if (!parsed.success) return fail(400, { errors: parsed.errors, answers: parsed.answers, comments: parsed.comments });
	const { page } = destination(parsed.data, q.sections.length);
	redirect(303, previewPath(q, page === 'resume' || page === 'bedankt' ? null : page));
}

/** Sending a preview sends nothing: back to its start, which says so. */
export function previewSubmitAction(ctx: DomainContext, params: Params): never {
	const { questionnaire } = versionFor(ctx, params);
	redirect(303, `${previewPath(questionnaire)}?verzonden=1`);
}
