import { randomBytes } from 'node:crypto';
import type { Store } from '../store';
import type { RoundOp } from '../store/files';
import type { RoundState } from '../store/round-state';
import type { SurveyResponse } from '$lib/model/response';
import type { SurveyPost } from '$lib/model/survey-form';
import { closedRound, isRoundClosed, unknownLink, type SurveyContext, type SurveyRefusal } from './access';

/** The link stopped working between opening the page and posting it (round closed, invitation removed). */
export class SurveyRefusedError extends Error {
	constructor(readonly refusal: SurveyRefusal) {
		super(refusal.message);
		this.name = 'SurveyRefusedError';
	}
}

/** A submit that carries no answer at all would count as a response that says nothing. */
export class EmptySubmitError extends Error {
	constructor() {
		super('Beantwoord ten minste één stelling voordat u uw antwoorden verzendt.');
		this.name = 'EmptySubmitError';
	}
}

/** The invitation's response as it is now (not as it was when the context was opened). */
export async function currentResponse(store: Store, ctx: SurveyContext): Promise<SurveyResponse | null> {
	const state = await store.round(ctx.round.id);
	const invitation = state?.invitations.get(ctx.invitation.id);
	return (invitation?.responseId && state?.responses.get(invitation.responseId)) || null;
}

export type SaveOptions = {
	/** Makes the response count; later submits replace the answers, never add a response. */
	submit?: boolean;
	/** 0-based step to resume at (the section count means the review step); absent keeps the saved one. */
	resumeAt?: number | null;
	now?: Date;
};

const sameRecord = <T>(a: Record<string, T>, b: Record<string, T>) => {
	const ka = Object.keys(a);
	return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
};

/**
 * Random bytes drawn 4 KB at a time: one randomBytes call per id cost 8 µs, about 3 % of a
 * submission in a profile under load; a slice of a pooled buffer costs next to nothing.
 */
let pool = Buffer.alloc(0);
let poolOffset = 0;
function randomHex(bytes: number): string {
	if (poolOffset + bytes > pool.length) {
		pool = randomBytes(4096);
		poolOffset = 0;
	}
	return pool.toString('hex', poolOffset, (poolOffset += bytes));
}

function newResponseId(state: RoundState): string {
	// Random, not derived from the invitation: once the link is cut, nothing leads back.
	let id: string;
	do id = `r-${randomHex(8)}`;
	while (state.responses.has(id));
	return id;
}

/** What a post does to a response: nothing yet, nothing new, or this new version. */
export type Merged =
	{ kind: 'nothing' } | { kind: 'unchanged'; response: SurveyResponse } | { kind: 'changed'; response: SurveyResponse };

/**
 * The survey's rule for one post, without any storage: the posted answers and comments over
 * the saved ones, the step to resume at, the status and the moments. `fresh` names a response
 * made by this post. The test link (test-walk.ts) walks the survey by this same rule.
 */
export function mergePost(
	existing: SurveyResponse | null,
	post: SurveyPost,
	options: SaveOptions & { sectionCount: number; fresh: () => Pick<SurveyResponse, 'id' | 'roundId' | 'profile'> }
): Merged {
	const now = options.now ?? new Date();
	const answers = { ...existing?.answers, ...post.answers };
	const comments = { ...existing?.comments };
	for (const [sectionId, text] of Object.entries(post.comments)) {
		if (text) comments[sectionId] = text;
		else delete comments[sectionId];
	}
	const resumeAt = options.resumeAt ?? existing?.step ?? 0;
	const step = Math.max(0, Math.min(options.sectionCount, resumeAt));
	const submit = options.submit === true;

	if (submit && Object.keys(answers).length === 0) throw new EmptySubmitError();
	const hasContent = Object.keys(answers).length > 0 || Object.keys(comments).length > 0;
	if (!existing && !hasContent) return { kind: 'nothing' };

	const status = submit || existing?.status === 'submitted' ? 'submitted' : 'draft';
	const contentChanged =
		!existing || !sameRecord(existing.answers, answers) || !sameRecord(existing.comments, comments);
	const firstSubmit = submit && existing?.status !== 'submitted';
	if (existing && !contentChanged && !firstSubmit && existing.step === step)
		return { kind: 'unchanged', response: existing };

	const stamp = now.toISOString();
	return {
		kind: 'changed',
		response: {
			// The profile of the first save stays: later edits of the respondent list do not rewrite history.
			...(existing ? { id: existing.id, roundId: existing.roundId, profile: existing.profile } : options.fresh()),
			answers,
			comments,
			status,
			step,
			createdAt: existing?.createdAt ?? stamp,
			updatedAt: contentChanged || firstSubmit ? stamp : (existing?.updatedAt ?? stamp),
			// The last submit counts: a changed resubmit moves the moment, a double click does not.
			submittedAt: submit && (contentChanged || firstSubmit) ? stamp : (existing?.submittedAt ?? null)
		}
	};
}

/**
 * Merges a valid post into the invitation's one response, creating it at the first save that
 * carries something worth keeping. Runs as one decision on the round, so double clicks and
 * parallel tabs never make a second response, and an unchanged repeat writes nothing.
 * Returns the response as stored, or null when there was nothing to store yet.
 */
export async function saveResponse(
	store: Store,
	ctx: SurveyContext,
	post: SurveyPost,
	options: SaveOptions = {}
): Promise<SurveyResponse | null> {
	return store.transactRound(ctx.round.id, (state) => {
		const file = store.network();
		// Decided here, not when the page opened: the round may have closed in the meantime. The
		// clock is read here too: this decision and the close job's cut of the links are applied
		// one after the other, so a save that comes after the cut is always after the closing time.
		const round = file.rounds.find((r) => r.id === ctx.round.id);
		if (!round || isRoundClosed(round, options.now ?? new Date()))
			throw new SurveyRefusedError(closedRound(round ?? ctx.round, file.network));
		const invitation = state.invitations.get(ctx.invitation.id);
		if (!invitation || invitation.tokenHash !== ctx.invitation.tokenHash)
			throw new SurveyRefusedError(unknownLink(file.network));

		const existing = (invitation.responseId && state.responses.get(invitation.responseId)) || null;
		const merged = mergePost(existing, post, {
			...options,
			sectionCount: ctx.questionnaire.sections.length,
			fresh: () => ({
				id: newResponseId(state),
				roundId: ctx.round.id,
				profile: {
					partnerId: ctx.respondent.partnerId,
					role: ctx.respondent.role,
					bodyIds: [...ctx.respondent.bodyIds]
				}
			})
		});
		if (merged.kind === 'nothing') return { ops: [], result: null };
		if (merged.kind === 'unchanged') return { ops: [], result: merged.response };
		const response = merged.response;
		const ops: RoundOp[] = [];
		if (invitation.responseId !== response.id)
			ops.push({ t: 'invitation', v: { ...invitation, responseId: response.id } });
		ops.push({ t: 'response', v: response });
		return { ops, result: response };
	});
}
