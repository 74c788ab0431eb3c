/**
 * The admin's test link of a round (draft or open): the survey's own pages, components, rules
 * and actions (actions.ts, with the round's questionnaire and welcome text), walked without an
 * invitation. What the admin answers is kept in cookies of the admin's own browser, scoped to
 * the test pages, and nowhere on the server: this module never writes to the store, so a test
 * walk cannot add, change or count anything in the round, whatever the admin does.
 *
 * Why not a hidden test invitation whose saves are thrown away: it would sit in the round's
 * file among the real ones (counted as invited, in exports, at close), and one missed check
 * would let a test answer count. Here there is nothing to miss.
 */
import { error, type Cookies } from '@sveltejs/kit';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import type { DomainContext } from '../context';
import { findQuestionnaire, type SurveyContext } from './access';
import { mergePost } from './responses';
import { feedbackView } from './feedback';
import type { FeedbackView } from '$lib/model/survey-view';
import type { SurveyPage, SurveyWalk } from './actions';
import { roundPhase } from '$lib/model/round-phase';
import { answerValueSchema, type SurveyResponse } from '$lib/model/response';
import { COMMENT_MAX } from '$lib/model/questionnaire';

export const testBase = (roundId: string) => `/admin/rounds/${roundId}/test`;

const testPath = (roundId: string, page: SurveyPage) => {
	const base = testBase(roundId);
	return page === null ? base : typeof page === 'number' ? `${base}/stap/${page}` : `${base}/${page}`;
};

const TEST_ID = 'testlink';

/** The survey context of a test walk; 404 for an unknown round, 410 once it no longer takes answers. */
export function testContext(ctx: DomainContext, roundId: string): SurveyContext {
	const network = ctx.store.network();
	const round = network.rounds.find((r) => r.id === roundId);
	if (!round || !network.network) error(404, { message: 'Deze meetronde bestaat niet (meer).' });
	const phase = roundPhase(round, ctx.now());
	if (phase === 'closing' || phase === 'closed')
		error(410, {
			message: 'Deze meetronde is gesloten',
			detail: 'Een gesloten ronde heeft geen testlink meer: ze neemt geen antwoorden meer aan.'
		});
	const questionnaire = findQuestionnaire(ctx.store, round);
	if (!questionnaire)
		error(404, {
			message: 'De vragenlijst van deze ronde ontbreekt',
			detail: 'Kies een andere vragenlijst met ‘Wijzigen’ op de pagina van de ronde.'
		});
	const at = ctx.now().toISOString();
	return {
		network: network.network,
		round,
		questionnaire,
		invitation: {
			id: TEST_ID,
			roundId,
			respondentId: TEST_ID,
			tokenHash: '0'.repeat(64),
			createdAt: at,
			responseId: null,
			declinedAt: null
		},
		respondent: {
			id: TEST_ID,
			partnerId: TEST_ID,
			name: '',
			email: '',
			role: 'overig',
			bodyIds: [],
			active: true,
			lastInvitedAt: null,
			emailWrongAt: null,
			createdAt: null
		},
		partner: null
	};
}

/** What the cookies hold: the test walk's answers as the survey would have saved them. */
const stateSchema = z.object({
	answers: z.record(z.string().max(100), answerValueSchema),
	comments: z.record(z.string().max(100), z.string().max(COMMENT_MAX)),
	status: z.enum(['draft', 'submitted']),
	step: z.number().int().min(0).max(1000),
	createdAt: z.string().max(40),
	updatedAt: z.string().max(40),
	submittedAt: z.string().max(40).nullable(),
	/** Long comments were cut to fit the cookies (the real survey keeps them whole). */
	shortened: z.boolean()
});
type TestState = z.infer<typeof stateSchema>;

const COOKIE = 'testlink';
/** A cookie holds about 4 KB; three leave room in a request's headers for everything else. */
const CHUNK = 3800;
const CHUNKS = 3;

function encode(state: TestState): string {
	return deflateRawSync(Buffer.from(JSON.stringify(state), 'utf8')).toString('base64url');
}

/** The state in at most CHUNKS cookies: the longest comments are halved until it fits. */
function fitted(state: TestState): string {
	let s = state;
	let text = encode(s);
	while (text.length > CHUNK * CHUNKS) {
		const [longest] = Object.entries(s.comments).sort((a, b) => b[1].length - a[1].length);
		if (!longest || longest[1].length === 0) break;
		s = {
			...s,
			shortened: true,
			comments: { ...s.comments, [longest[0]]: longest[1].slice(0, Math.floor(longest[1].length / 2)) }
		};
		text = encode(s);
	}
	return text;
}

function read(cookies: Cookies): TestState | null {
	const text = Array.from({ length: CHUNKS }, (_, i) => cookies.get(`${COOKIE}-${i}`) ?? '').join('');
	if (!text) return null;
	try {
		const json = inflateRawSync(Buffer.from(text, 'base64url'), { maxOutputLength: 256 * 1024 }).toString('utf8');
		const parsed = stateSchema.safeParse(JSON.parse(json));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

const cookieOptions = (roundId: string, url: URL) => ({
	path: testBase(roundId),
	httpOnly: true,
	sameSite: 'strict' as const,
	secure: url.protocol === 'https:'
});

function write(cookies: Cookies, roundId: string, url: URL, state: TestState | null) {
	const text = state ? fitted(state) : '';
	for (let i = 0; i < CHUNKS; i++) {
		const part = text.slice(i * CHUNK, (i + 1) * CHUNK);
		if (part) cookies.set(`${COOKIE}-${i}`, part, cookieOptions(roundId, url));
		else cookies.delete(`${COOKIE}-${i}`, cookieOptions(roundId, url));
	}
}

const asResponse = (roundId: string, s: TestState): SurveyResponse => ({
	id: TEST_ID,
	roundId,
	profile: { partnerId: TEST_ID, role: 'overig', bodyIds: [] },
	answers: s.answers,
	comments: s.comments,
	status: s.status,
	step: s.step,
	createdAt: s.createdAt,
	updatedAt: s.updatedAt,
	submittedAt: s.submittedAt
});

export type TestWalk = SurveyWalk & {
	shortened: boolean;
	reset: () => void;
	/** The thank-you page's figures of the previous round, as a respondent gets them. */
	feedback: (own: SurveyResponse) => Promise<FeedbackView>;
};

type Event = { cookies: Cookies; url: URL; params: { id: string } };

/** The test walk of the round in the URL, for the admin in `ctx` (the route asked the guard for it). */
export function testWalk(ctx: DomainContext, event: Event): TestWalk {
	const roundId = event.params.id;
	const sctx = testContext(ctx, roundId);
	let state = read(event.cookies);
	return {
		ctx: sctx,
		shortened: state?.shortened ?? false,
		current: async () => (state ? asResponse(roundId, state) : null),
		save: async (post, options) => {
			const merged = mergePost(state ? asResponse(roundId, state) : null, post, {
				...options,
				now: ctx.now(),
				sectionCount: sctx.questionnaire.sections.length,
				fresh: () => ({ id: TEST_ID, roundId, profile: { partnerId: TEST_ID, role: 'overig', bodyIds: [] } })
			});
			if (merged.kind === 'nothing') return null;
			if (merged.kind === 'changed') {
				const { answers, comments, status, step, createdAt, updatedAt, submittedAt } = merged.response;
				state = {
					answers,
					comments,
					status,
					step,
					createdAt,
					updatedAt,
					submittedAt,
					shortened: state?.shortened ?? false
				};
				write(event.cookies, roundId, event.url, state);
			}
			return merged.response;
		},
		path: (page) => testPath(roundId, page),
		feedback: (own) => feedbackView(ctx.store, sctx, own),
		reset: () => {
			state = null;
			write(event.cookies, roundId, event.url, null);
		}
	};
}
