import { z } from 'zod';
import type { MailKind } from './outbox';

/**
 * A round's invitation and reminder (issue 13): a subject and a plain-text body with
 * placeholders, filled in per person when the message is sent. The body is plain text, so the
 * HTML part is made from it (escaped, paragraphs, the link clickable) and an admin cannot put
 * markup, tracking pixels or a look-alike link into it.
 */
export const placeholders = ['naam', 'partner', 'link', 'sluitdatum', 'netwerk', 'afzender'] as const;
export type Placeholder = (typeof placeholders)[number];
export const placeholderHelp: Record<Placeholder, string> = {
	naam: 'de naam van de ontvanger',
	partner: 'de organisatie namens wie hij of zij meedoet',
	link: 'de persoonlijke link naar de vragenlijst',
	sluitdatum: 'wanneer de ronde sluit',
	netwerk: 'de naam van het samenwerkingsverband',
	afzender: 'de afzender (Instellingen)'
};

export const SUBJECT_MAX = 200;
export const BODY_MAX = 5000;

const PLACEHOLDER = /\{([^{}\s]{1,40})\}/g;

/** The names between braces that are not placeholders, for the error next to the field. */
export function unknownPlaceholders(text: string): string[] {
	const known = new Set<string>(placeholders);
	return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !known.has(name)))];
}

const listed = (names: string[]) => names.map((n) => `{${n}}`).join(', ');
const knownList = placeholders.map((p) => `{${p}}`).join(', ');

const templateText = (what: string, max: number) =>
	z
		.string()
		.transform((v) => v.replace(/\r\n?/g, '\n').trim())
		.pipe(
			z
				.string()
				.min(1, `Vul ${what} in`)
				.max(max, `${what[0].toUpperCase()}${what.slice(1)} is te lang (hooguit ${max.toLocaleString('nl-NL')} tekens)`)
				.refine((v) => unknownPlaceholders(v).length === 0, {
					error: (issue) => `Onbekend: ${listed(unknownPlaceholders(String(issue.input)))}. De app kent ${knownList}.`
				})
		);

export const mailTextSchema = z.object({
	subject: templateText('het onderwerp', SUBJECT_MAX).refine((v) => !v.includes('\n'), 'Het onderwerp is één regel'),
	body: templateText('de tekst', BODY_MAX).refine((v) => v.includes('{link}'), {
		error: 'De tekst moet {link} bevatten: zonder link kan de ontvanger niet meedoen'
	})
});
export type MailText = z.infer<typeof mailTextSchema>;

export const roundMailSchema = z.object({
	invitation: mailTextSchema,
	reminder: mailTextSchema,
	/** Send the invitations by itself when the round opens, and to whoever joins it while open. */
	inviteOnOpen: z.boolean().default(false)
});
export type RoundMail = z.infer<typeof roundMailSchema>;

export const defaultMailTexts = (): RoundMail => ({
	invitation: {
		subject: 'Uitnodiging: hoe staat de samenwerking in {netwerk} ervoor?',
		body: [
			'Beste {naam},',
			'',
			'Namens {netwerk} nodigen wij u uit om de vragenlijst over onze samenwerking in te vullen. U doet mee namens {partner}. Uw antwoorden blijven vertrouwelijk: de uitkomsten tonen alleen groepen van meerdere personen, nooit wat één persoon antwoordde.',
			'',
			'Uw persoonlijke link:',
			'{link}',
			'',
			'U kunt tussendoor stoppen en later met dezelfde link verdergaan. De vragenlijst sluit op {sluitdatum}.',
			'',
			'Met vriendelijke groet,',
			'{afzender}'
		].join('\n')
	},
	reminder: {
		subject: 'Herinnering: uw mening over de samenwerking in {netwerk}',
		body: [
			'Beste {naam},',
			'',
			'Onlangs nodigden wij u uit voor de vragenlijst over de samenwerking in {netwerk}, namens {partner}. Wij hebben uw antwoorden nog niet ontvangen. Elke stem telt: hoe meer partners meedoen, hoe meer de uitkomst zegt.',
			'',
			'Uw persoonlijke link (al ingevulde antwoorden staan er nog):',
			'{link}',
			'',
			'De vragenlijst sluit op {sluitdatum}.',
			'',
			'Met vriendelijke groet,',
			'{afzender}'
		].join('\n')
	},
	inviteOnOpen: false
});

/** The texts a round sends: its own, or the defaults while it has none. */
export const roundMailTexts = (round: { mail?: RoundMail }): RoundMail => round.mail ?? defaultMailTexts();

export const textOf = (mail: RoundMail, kind: MailKind): MailText =>
	kind === 'invitation' ? mail.invitation : mail.reminder;

/** Fills the placeholders; what is not a placeholder stays as typed. */
export function fillPlaceholders(text: string, values: Record<Placeholder, string>): string {
	return text.replace(PLACEHOLDER, (whole, name: string) =>
		(placeholders as readonly string[]).includes(name) ? values[name as Placeholder] : whole
	);
}

/** The texts form as posted (and shown again after a refusal, so nothing typed is lost). */
export type MailTextsForm = {
	invitationSubject: string;
	invitationBody: string;
	reminderSubject: string;
	reminderBody: string;
	inviteOnOpen: boolean;
};

export const mailTextsForm = (mail: RoundMail): MailTextsForm => ({
	invitationSubject: mail.invitation.subject,
	invitationBody: mail.invitation.body,
	reminderSubject: mail.reminder.subject,
	reminderBody: mail.reminder.body,
	inviteOnOpen: mail.inviteOnOpen
});

export function readMailTextsForm(form: FormData): MailTextsForm {
	const text = (k: string) => String(form.get(k) ?? '');
	return {
		invitationSubject: text('invitationSubject'),
		invitationBody: text('invitationBody'),
		reminderSubject: text('reminderSubject'),
		reminderBody: text('reminderBody'),
		inviteOnOpen: form.get('inviteOnOpen') === 'on'
	};
}

/** The form's values as texts, or the Dutch reason per field. */
export function parseMailTextsForm(
	v: MailTextsForm
): { ok: true; mail: RoundMail } | { ok: false; errors: Partial<Record<keyof MailTextsForm, string>> } {
	const errors: Partial<Record<keyof MailTextsForm, string>> = {};
	const field = <K extends keyof MailTextsForm>(key: K, schema: z.ZodType<string>, value: string) => {
		const r = schema.safeParse(value);
		if (!r.success) errors[key] = r.error.issues[0]?.message ?? 'Ongeldig';
		return r.success ? r.data : '';
	};
	const mail: RoundMail = {
		invitation: {
			subject: field('invitationSubject', mailTextSchema.shape.subject, v.invitationSubject),
			body: field('invitationBody', mailTextSchema.shape.body, v.invitationBody)
		},
		reminder: {
			subject: field('reminderSubject', mailTextSchema.shape.subject, v.reminderSubject),
			body: field('reminderBody', mailTextSchema.shape.body, v.reminderBody)
		},
		inviteOnOpen: v.inviteOnOpen
	};
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, mail };
}
