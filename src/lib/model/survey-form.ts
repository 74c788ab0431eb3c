import { z } from 'zod';
import { COMMENT_MAX, DONT_KNOW, type Questionnaire, type Section } from './questionnaire';

/** Where the respondent wants to go after saving; every intent saves first. */
export const navIntents = ['back', 'next', 'review'] as const;
export type NavIntent = (typeof navIntents)[number];

export const commentField = (sectionId: string) => `comment-${sectionId}`;

/** A valid survey post: what to merge into the saved response. */
export type SurveyPost = {
	/** Item id → 1..points, or 0 for "weet niet / n.v.t.". Absent items keep their saved value. */
	answers: Record<string, number>;
	/** Section id → comment; an empty string removes a saved comment. */
	comments: Record<string, string>;
	/** 1-based number of the section step the fields belong to, when the post names one. */
	step: number | null;
	nav: NavIntent | null;
};

/** What a refused post gets back: one Dutch reason per field, and the values worth re-showing. */
export type SurveyPostErrors = {
	errors: Record<string, string>;
	answers: Record<string, number>;
	comments: Record<string, string>;
};

export type SurveyPostResult = { success: true; data: SurveyPost } | ({ success: false } & SurveyPostErrors);

/** Browsers send a textarea's line breaks as CRLF while counting them as one character. */
const normaliseComment = (s: string) => s.replace(/\r\n?/g, '\n').trim();

const MAX_KEYS_NAMED = 5;
const nameKeys = (keys: string[]) =>
	keys
		.slice(0, MAX_KEYS_NAMED)
		.map((k) => (k.length > 60 ? `${k.slice(0, 57)}…` : k))
		.join(', ') + (keys.length > MAX_KEYS_NAMED ? ` en nog ${keys.length - MAX_KEYS_NAMED}` : '');

/** FormData as a plain record; repeated names become arrays so that the schema refuses them. */
function formRecord(form: FormData): Record<string, string | string[]> {
	// A null prototype: a field named __proto__ must become a key the schema refuses, not a
	// prototype that silently swallows it.
	const out: Record<string, string | string[]> = Object.create(null);
	for (const key of new Set(form.keys())) {
		const values = form.getAll(key).map((v) => (typeof v === 'string' ? v : '[bestand]'));
		out[key] = values.length === 1 ? values[0] : values;
	}
	return out;
}

/**
 * The schema for one post, built from the questionnaire. With a step, only that step's items
 * and comment are allowed; without one (a post that follows DESIGN.md §5 to the letter) any
 * item of the questionnaire is.
 */
export function surveyPostSchema(q: Questionnaire, roundId: string, step: number | null) {
	const sections: Section[] = step === null ? q.sections : [q.sections[step - 1]];
	const allItems = new Set(q.sections.flatMap((s) => s.items.map((i) => i.id)));
	const values = [String(DONT_KNOW), ...Array.from({ length: q.scale.points }, (_, i) => String(i + 1))];
	const answer = z.enum(values as [string, ...string[]], {
		error: (iss) =>
			Array.isArray(iss.input)
				? 'Kies één antwoord per stelling.'
				: `Kies een van de antwoorden: van ‘${q.scale.labels[0]}’ (1) tot ‘${q.scale.labels.at(-1)}’ ` +
					`(${q.scale.points}), of ‘${q.scale.dontKnowLabel}’ (${DONT_KNOW}).`
	});
	const comment = z
		.string({ error: 'Een toelichting moet tekst zijn.' })
		.transform(normaliseComment)
		.refine((s) => s.length <= COMMENT_MAX, {
			error: (iss) =>
				`Uw toelichting is te lang: maximaal ${COMMENT_MAX.toLocaleString('nl-NL')} tekens, u gebruikte er ${String(iss.input).length.toLocaleString('nl-NL')}.`
		});

	const shape: Record<string, z.ZodType> = {
		round: z
			.string()
			.optional()
			.refine((r) => r === undefined || r === roundId, {
				error:
					'Dit formulier hoort bij een andere meetronde dan uw link. Open de link uit uw ' +
					'uitnodiging opnieuw en vul de vragen daar in.'
			}),
		step: z.string().optional(),
		nav: z.enum(navIntents, { error: 'Onbekende knop.' }).optional()
	};
	for (const s of sections) {
		for (const item of s.items) shape[item.id] = answer.optional();
		if (s.commentLabel !== null) shape[commentField(s.id)] = comment.optional();
	}

	return z
		.strictObject(shape, {
			error: (iss) => {
				if (iss.code !== 'unrecognized_keys') return undefined;
				const otherStep = iss.keys.filter((k) => allItems.has(k));
				const unknown = iss.keys.filter((k) => !allItems.has(k));
				const reasons: string[] = [];
				if (otherStep.length) reasons.push(`Deze stellingen horen niet bij deze stap: ${nameKeys(otherStep)}.`);
				if (unknown.length) reasons.push(`Deze velden kent de vragenlijst niet: ${nameKeys(unknown)}.`);
				return reasons.join(' ');
			}
		})
		.transform((raw): SurveyPost => {
			const answers: Record<string, number> = {};
			const comments: Record<string, string> = {};
			for (const s of sections) {
				for (const item of s.items) if (typeof raw[item.id] === 'string') answers[item.id] = Number(raw[item.id]);
				const c = raw[commentField(s.id)];
				if (typeof c === 'string') comments[s.id] = c;
			}
			return { answers, comments, step, nav: (raw.nav as NavIntent | undefined) ?? null };
		});
}

/** Reads the step a post names, checked against the step of the page it came from. */
function readStep(
	q: Questionnaire,
	raw: Record<string, string | string[]>,
	pageStep: number | null
): { step: number | null } | { error: string } {
	const posted = raw.step;
	if (posted === undefined) return { step: pageStep };
	const n = typeof posted === 'string' && /^\d{1,3}$/.test(posted) ? Number(posted) : NaN;
	if (!(n >= 1 && n <= q.sections.length))
		return { error: `Onbekende stap: kies een stap van 1 tot en met ${q.sections.length}.` };
	if (pageStep !== null && n !== pageStep)
		return { error: `Dit formulier hoort bij stap ${n}, maar is naar stap ${pageStep} gestuurd.` };
	return { step: n };
}

/**
 * Building a zod schema costs more than using it (zod 4 compiles a fast path per object
 * schema), so each questionnaire × round × step gets its schema once. Questionnaires are
 * immutable per version, so a key of id, version, round and step identifies it.
 */
const schemaCache = new Map<string, ReturnType<typeof surveyPostSchema>>();
function cachedSchema(q: Questionnaire, roundId: string, step: number | null) {
	const key = `${q.id}@${q.version}|${roundId}|${step ?? '*'}`;
	let schema = schemaCache.get(key);
	if (!schema) {
		if (schemaCache.size > 500) schemaCache.clear();
		schema = surveyPostSchema(q, roundId, step);
		schemaCache.set(key, schema);
	}
	return schema;
}

/**
 * Parses a survey post. On failure nothing is to be stored; the caller gets a reason per field
 * (key: item id, `comment-<section>` or `form`) and the posted values that were valid, so the
 * page can show them again instead of losing them.
 */
export function parseSurveyPost(
	q: Questionnaire,
	roundId: string,
	form: FormData,
	pageStep: number | null = null
): SurveyPostResult {
	const raw = formRecord(form);
	const step = readStep(q, raw, pageStep);
	if ('error' in step) return { success: false, errors: { step: step.error }, ...echo(q, raw) };
	const parsed = cachedSchema(q, roundId, step.step).safeParse(raw);
	if (parsed.success) return { success: true, data: parsed.data };
	const errors: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		const key = issue.path.length ? issue.path.map(String).join('.') : 'form';
		if (errors[key]) {
			if (key === 'form' && !errors[key].includes(issue.message)) errors[key] += ` ${issue.message}`;
		} else errors[key] = issue.message;
	}
	return { success: false, errors, ...echo(q, raw) };
}

/** The valid answers and all comments of a refused post, to re-show without storing them. */
function echo(q: Questionnaire, raw: Record<string, string | string[]>) {
	const answers: Record<string, number> = {};
	const comments: Record<string, string> = {};
	for (const s of q.sections) {
		for (const item of s.items) {
			const v = raw[item.id];
			if (typeof v === 'string' && /^\d{1,2}$/.test(v) && Number(v) <= q.scale.points) answers[item.id] = Number(v);
		}
		const c = raw[commentField(s.id)];
		if (typeof c === 'string') comments[s.id] = c.replace(/\r\n?/g, '\n');
	}
	return { answers, comments };
}
