import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './ids';

export const partnerTypes = [
	'gemeente',
	'provincie',
	'onderwijs',
	'ondernemers',
	'economic-board',
	'waterschap',
	'rijk',
	'uwv',
	'sbb',
	'vakbond',
	'overig'
] as const;
export const partnerTypeSchema = z.enum(partnerTypes);
export type PartnerType = z.infer<typeof partnerTypeSchema>;

export const partnerTypeLabels: Record<PartnerType, string> = {
	gemeente: 'Gemeente',
	provincie: 'Provincie',
	onderwijs: 'Onderwijs',
	ondernemers: 'Ondernemers',
	'economic-board': 'Economic Board',
	waterschap: 'Waterschap',
	rijk: 'Rijk',
	uwv: 'UWV',
	sbb: 'SBB',
	vakbond: 'Vakbond',
	overig: 'Overig'
};

export const helices = ['overheid', 'onderwijs', 'ondernemers', 'maatschappij'] as const;
export const helixSchema = z.enum(helices);
export type Helix = z.infer<typeof helixSchema>;
export const helixLabels: Record<Helix, string> = {
	overheid: 'Overheid',
	onderwijs: 'Onderwijs',
	ondernemers: 'Ondernemers',
	maatschappij: 'Maatschappij'
};

export const roles = ['bestuurlijk', 'ambtelijk', 'raad-staten', 'directie', 'overig'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;
export const roleLabels: Record<Role, string> = {
	bestuurlijk: 'Bestuurlijk',
	ambtelijk: 'Ambtelijk',
	'raad-staten': 'Raad / Staten',
	directie: 'Directie',
	overig: 'Overig'
};

export const networkSchema = z.object({
	id: idSchema,
	name: z.string().min(1).max(200),
	description: z.string().max(2000).default(''),
	/** Demo installations say so on every page. */
	isDemo: z.boolean().default(false),
	/** Smallest group any output may show (DESIGN.md §6): never below 3. */
	kAnonymity: z.number().int().min(3).max(50).default(5),
	contactEmail: z.string().max(200).default(''),
	/** The name e-mails are sent under ("Regiobureau Regio Zwolle"). */
	senderName: z.string().max(200).default(''),
	/** People not invited for this many months are erased (AVG: keep no longer than needed). */
	retentionMonths: z.number().int().min(1).max(120).default(24),
	/** Every admin account must log in with a second factor. */
	requireTotpForAdmins: z.boolean().default(false)
});
export type Network = z.infer<typeof networkSchema>;

export const partnerSchema = z.object({
	id: idSchema,
	name: z.string().min(1).max(200),
	type: partnerTypeSchema,
	helix: helixSchema,
	isCentre: z.boolean().default(false),
	/** Who receives the partner's own report. */
	contactName: z.string().max(200).default(''),
	contactEmail: z.string().max(200).default(''),
	/** A partner with responses is never deleted; archived, it is offered nowhere new. */
	archived: z.boolean().default(false)
});
export type Partner = z.infer<typeof partnerSchema>;

export const bodyKinds = ['bestuurlijk', 'ambtelijk'] as const;
export const bodySchema = z.object({
	id: idSchema,
	name: z.string().min(1).max(200),
	kind: z.enum(bodyKinds),
	/** The ambtelijk counterpart of a bestuurlijk body, and vice versa. */
	counterpartId: idSchema.nullable().default(null)
});
export type Body = z.infer<typeof bodySchema>;

/** A person invited on behalf of a partner. The name stays here, never in a response. */
export const respondentSchema = z.object({
	id: idSchema,
	partnerId: idSchema,
	name: z.string().max(200).default(''),
	email: z.string().max(200).default(''),
	role: roleSchema,
	bodyIds: z.array(idSchema).default([]),
	/** Deactivated people are kept (for earlier rounds' participation) but invited to nothing new. */
	active: z.boolean().default(true),
	/** The last time a round invited this person; the retention period counts from here. */
	lastInvitedAt: isoDateTimeSchema.nullable().default(null),
	/** When the person was added; the retention period counts from here while they were never invited. */
	createdAt: isoDateTimeSchema.nullable().default(null),
	/**
	 * When an admin marked the address as wrong (a bounce, a refusal): no mail goes to it until
	 * the address is changed, which clears the mark.
	 */
	emailWrongAt: isoDateTimeSchema.nullable().default(null)
});
export type Respondent = z.infer<typeof respondentSchema>;

/** An e-mail address, or nothing: optional contact fields. */
const optionalEmail = z
	.string()
	.trim()
	.toLowerCase()
	.max(200, 'E-mailadres is te lang')
	.refine((v) => v === '' || z.email().safeParse(v).success, 'Vul een geldig e-mailadres in, of laat het veld leeg');

/** What the settings page edits; the id and the demo flag are not the admin's to change. */
export const networkSettingsSchema = z.object({
	name: z.string().trim().min(1, 'Vul de naam van het samenwerkingsverband in').max(200, 'De naam is te lang'),
	description: z.string().trim().max(2000, 'De omschrijving is te lang (hooguit 2.000 tekens)'),
	contactEmail: optionalEmail,
	senderName: z.string().trim().max(200, 'De naam van de afzender is te lang'),
	kAnonymity: z.coerce
		.number({ error: 'Vul een heel getal in' })
		.int('Vul een heel getal in')
		.min(3, 'k is nooit kleiner dan 3: kleinere groepen zijn tot personen te herleiden')
		.max(50, 'k is hooguit 50'),
	retentionMonths: z.coerce
		.number({ error: 'Vul een aantal maanden in' })
		.int('Vul een heel aantal maanden in')
		.min(1, 'Ten minste 1 maand')
		.max(120, 'Hooguit 120 maanden (10 jaar)'),
	requireTotpForAdmins: z.boolean()
});
export type NetworkSettings = z.infer<typeof networkSettingsSchema>;
