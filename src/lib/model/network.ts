import { z } from 'zod';
import { idSchema } from './ids';

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
	contactEmail: z.string().max(200).default('')
});
export type Network = z.infer<typeof networkSchema>;

export const partnerSchema = z.object({
	id: idSchema,
	name: z.string().min(1).max(200),
	type: partnerTypeSchema,
	helix: helixSchema,
	isCentre: z.boolean().default(false)
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
	bodyIds: z.array(idSchema).default([])
});
export type Respondent = z.infer<typeof respondentSchema>;
