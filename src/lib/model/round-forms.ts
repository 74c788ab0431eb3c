import { z } from 'zod';
import { idSchema } from './ids';
import { partnerTypes, roles } from './network';
import { WELCOME_MAX, everyone, isEveryone, type Selection } from './round';
import { fromLocalInput } from './local-time';

/**
 * The round form (create, and edit while a draft), as posted and as shown again after a refusal:
 * every field a string or a list of strings, dates in Amsterdam wall-clock time. Nothing typed
 * is lost on an error because the page shows these values, not the stored round.
 */
export type RoundFormValues = {
	name: string;
	/** `id@version` of a questionnaire. */
	questionnaire: string;
	opensAt: string;
	closesAt: string;
	invite: 'all' | 'some' | '';
	partnerTypes: string[];
	partnerIds: string[];
	roles: string[];
	bodyIds: string[];
	welcomeText: string;
};

export const emptyRoundForm = (): RoundFormValues => ({
	name: '',
	questionnaire: '',
	opensAt: '',
	closesAt: '',
	invite: 'all',
	partnerTypes: [],
	partnerIds: [],
	roles: [],
	bodyIds: [],
	welcomeText: ''
});

export function roundFormValues(form: FormData): RoundFormValues {
	const text = (k: string) => String(form.get(k) ?? '');
	const list = (k: string) => form.getAll(k).map(String);
	const invite = text('invite');
	return {
		name: text('name'),
		questionnaire: text('questionnaire'),
		opensAt: text('opensAt'),
		closesAt: text('closesAt'),
		invite: invite === 'all' || invite === 'some' ? invite : '',
		partnerTypes: list('partnerTypes'),
		partnerIds: list('partnerIds'),
		roles: list('roles'),
		bodyIds: list('bodyIds'),
		welcomeText: text('welcomeText')
	};
}

/** What the domain gets from a valid form. Questionnaire, partners and bodies are checked against the network there. */
export type RoundInput = {
	name: string;
	questionnaireId: string;
	questionnaireVersion: number;
	opensAt: string;
	closesAt: string;
	selection: Selection;
	welcomeText: string;
};

const QUESTIONNAIRE_KEY = /^([a-z0-9][a-z0-9-]*)@(\d{1,6})$/;

const baseSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, 'Vul een naam in, zoals ‘Najaar 2026’')
		.max(200, 'De naam is te lang (hooguit 200 tekens)'),
	questionnaire: z.string().regex(QUESTIONNAIRE_KEY, 'Kies een vragenlijst'),
	invite: z.enum(['all', 'some'], { error: 'Kies wie er worden uitgenodigd' }),
	partnerTypes: z.array(z.enum(partnerTypes, { error: 'Onbekend type partner' })).max(50),
	partnerIds: z.array(idSchema).max(500, 'Te veel partners'),
	roles: z.array(z.enum(roles, { error: 'Onbekende rol' })).max(20),
	bodyIds: z.array(idSchema).max(500, 'Te veel gremia'),
	welcomeText: z
		.string()
		.trim()
		.max(WELCOME_MAX, `De welkomsttekst is te lang (hooguit ${WELCOME_MAX.toLocaleString('nl-NL')} tekens)`)
		.transform((t) => t.replace(/\r\n?/g, '\n'))
});

/**
 * Checks the form: every field, and the dates against each other and against `now`. The
 * opening may be this very minute (a datetime field has no seconds), not earlier: a round that
 * should start now is opened by hand on its page.
 */
export function parseRoundForm(
	values: RoundFormValues,
	now: Date
): { ok: true; input: RoundInput } | { ok: false; errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const parsed = baseSchema.safeParse(values);
	if (!parsed.success)
		for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;

	const opens = fromLocalInput(values.opensAt);
	const closes = fromLocalInput(values.closesAt);
	if (!opens.ok) errors.opensAt = opens.message;
	if (!closes.ok) errors.closesAt = closes.message;
	const minute = Math.floor(now.getTime() / 60_000) * 60_000;
	if (opens.ok && Date.parse(opens.iso) < minute)
		errors.opensAt =
			'Dit moment is al voorbij. Kies een moment in de toekomst; wilt u meteen beginnen, open de ronde dan op haar pagina.';
	if (opens.ok && closes.ok && Date.parse(closes.iso) <= Date.parse(opens.iso))
		errors.closesAt = 'De sluiting moet na de opening liggen.';

	const selection: Selection =
		values.invite === 'some'
			? {
					partnerTypes: parsed.data?.partnerTypes ?? [],
					partnerIds: parsed.data?.partnerIds ?? [],
					roles: parsed.data?.roles ?? [],
					bodyIds: parsed.data?.bodyIds ?? []
				}
			: everyone();
	if (values.invite === 'some' && isEveryone(selection) && !errors.invite)
		errors.invite = 'Kies ten minste één type partner, partner, rol of gremium, of nodig iedereen uit.';

	if (!parsed.success || !opens.ok || !closes.ok || Object.keys(errors).length > 0) return { ok: false, errors };
	const [, questionnaireId, version] = QUESTIONNAIRE_KEY.exec(parsed.data.questionnaire)!;
	return {
		ok: true,
		input: {
			name: parsed.data.name,
			questionnaireId,
			questionnaireVersion: Number(version),
			opensAt: opens.iso,
			closesAt: closes.iso,
			selection,
			welcomeText: parsed.data.welcomeText
		}
	};
}

/** The closing-date form of an open round: one field. */
export function parseNewClosing(value: string): { ok: true; iso: string } | { ok: false; error: string } {
	const parsed = fromLocalInput(value);
	return parsed.ok ? parsed : { ok: false, error: parsed.message };
}
