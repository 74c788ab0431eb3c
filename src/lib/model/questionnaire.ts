import { z } from 'zod';
import { idSchema } from './ids';

export const perspectiveIds = ['inhoud', 'proces', 'relatie', 'belangen', 'governance'] as const;
export const perspectiveIdSchema = z.enum(perspectiveIds);
export type PerspectiveId = z.infer<typeof perspectiveIdSchema>;
export const perspectiveLabels: Record<PerspectiveId, string> = {
	inhoud: 'Inhoud: werken aan een gedeelde ambitie',
	proces: 'Proces: de goede stappen, de goede volgorde, in dialoog',
	relatie: 'Relatie: goed persoonlijk samenwerken',
	belangen: 'Belangen: recht doen aan belangen',
	governance: 'Governance: professioneel organiseren'
};

/** Far beyond a questionnaire anyone fills in; what the editor can show and post back. */
export const MAX_SECTIONS = 40;
export const MAX_ITEMS = 100;

/**
 * Whom a statement is about: the collaboration as a whole, or the respondent's own organisation
 * (or the respondent's own position in it). Answers on the latter differ between organisations by
 * design, so they count for the level but not for how shared the picture is.
 */
export const itemSubjects = ['samenwerking', 'eigen-organisatie'] as const;
export const itemSubjectSchema = z.enum(itemSubjects);
export type ItemSubject = z.infer<typeof itemSubjectSchema>;
export const itemSubjectLabels: Record<ItemSubject, string> = {
	samenwerking: 'de samenwerking als geheel',
	'eigen-organisatie': 'de eigen organisatie van de deelnemer'
};

export const itemSchema = z.object({
	/** Stable across versions while the wording keeps its meaning; rounds compare by id. */
	id: idSchema,
	text: z.string().min(5).max(400),
	/** Critically worded: 5 (helemaal eens) means a weak collaboration, so levels use 6 − x. */
	reversed: z.boolean().default(false),
	subject: itemSubjectSchema.default('samenwerking')
});
export type Item = z.infer<typeof itemSchema>;

export const sectionSchema = z.object({
	id: idSchema,
	title: z.string().min(1).max(200),
	/** The guiding question shown under the title. */
	question: z.string().min(1).max(300),
	intro: z.string().max(1000).default(''),
	/** The alliance-model perspective this section speaks to, for cross-questionnaire views. */
	perspective: perspectiveIdSchema.nullable().default(null),
	items: z.array(itemSchema).min(1).max(MAX_ITEMS),
	/** Label of the optional open comment, or null when the section has none (never empty: a field needs a label). */
	commentLabel: z.string().min(1).max(300).nullable().default(null)
});
export type Section = z.infer<typeof sectionSchema>;

export const scaleSchema = z.object({
	points: z.number().int().min(3).max(11),
	labels: z.array(z.string().min(1)),
	dontKnowLabel: z.string().min(1)
});
export type Scale = z.infer<typeof scaleSchema>;

export const questionnaireSchema = z
	.object({
		id: idSchema,
		version: z.number().int().min(1),
		title: z.string().min(1).max(200),
		description: z.string().max(2000),
		/** Minutes a respondent needs, shown on the welcome page. */
		minutes: z.number().int().min(1).max(120),
		scale: scaleSchema,
		sections: z.array(sectionSchema).min(1).max(MAX_SECTIONS)
	})
	// Each issue names the field it is about, so that a form or an imported file can point at it.
	.superRefine((q, ctx) => {
		if (q.scale.labels.length !== q.scale.points)
			ctx.addIssue({
				code: 'custom',
				path: ['scale', 'labels'],
				message: `Elk schaalpunt heeft een label nodig: ${q.scale.points} punten, ${q.scale.labels.length} labels`
			});
		const seen = new Set<string>();
		q.sections.forEach((s, si) =>
			s.items.forEach((it, ii) => {
				if (seen.has(it.id))
					ctx.addIssue({
						code: 'custom',
						path: ['sections', si, 'items', ii, 'id'],
						message: `Item-id ${it.id} komt twee keer voor`
					});
				seen.add(it.id);
			})
		);
		const sectionIds = new Set<string>();
		q.sections.forEach((s, si) => {
			if (sectionIds.has(s.id))
				ctx.addIssue({
					code: 'custom',
					path: ['sections', si, 'id'],
					message: `Sectie-id ${s.id} komt twee keer voor`
				});
			sectionIds.add(s.id);
		});
	});
export type Questionnaire = z.infer<typeof questionnaireSchema>;

/** Questionnaires are referred to by id and version together. */
export const questionnaireKey = (q: { id: string; version: number }) => `${q.id}@${q.version}`;

/** Maximum length of an open comment, in characters. */
export const COMMENT_MAX = 2000;

/** Value stored for "weet niet / n.v.t.". */
export const DONT_KNOW = 0;
