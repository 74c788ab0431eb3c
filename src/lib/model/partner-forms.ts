import { z } from 'zod';
import { bodyKinds, helices, partnerTypes, type Body, type Partner } from './network';

/** An e-mail address, or nothing: the contact person is optional. */
const optionalEmail = z
	.string()
	.trim()
	.toLowerCase()
	.max(200, 'Het e-mailadres is te lang')
	.refine((v) => v === '' || z.email().safeParse(v).success, 'Vul een geldig e-mailadres in, of laat het veld leeg');

/** Line breaks and doubled spaces (from a CSV cell, a paste) become one space. */
const name = (what: string) =>
	z
		.string()
		.transform((v) => v.replace(/\s+/g, ' ').trim())
		.pipe(z.string().min(1, `Vul de naam van ${what} in`).max(200, 'De naam is te lang (hooguit 200 tekens)'));

/** What the partner form edits; the id is the app's, and archiving has its own buttons. */
export const partnerFormSchema = z.object({
	name: name('de partner'),
	type: z.enum(partnerTypes, { error: 'Kies het soort organisatie' }),
	helix: z.enum(helices, { error: 'Kies de helix' }),
	isCentre: z.boolean(),
	contactName: z.string().trim().max(200, 'De naam van de contactpersoon is te lang'),
	contactEmail: optionalEmail
});
export type PartnerForm = z.infer<typeof partnerFormSchema>;

export const bodyKindLabels: Record<Body['kind'], string> = {
	bestuurlijk: 'Bestuurlijk',
	ambtelijk: 'Ambtelijk'
};

export const bodyFormSchema = z.object({
	name: name('het overleg'),
	kind: z.enum(bodyKinds, { error: 'Kies bestuurlijk of ambtelijk' }),
	/** '' in the form: no counterpart. */
	counterpartId: z
		.string()
		.trim()
		.transform((v) => (v === '' ? null : v))
});
export type BodyForm = z.infer<typeof bodyFormSchema>;

/** How the partner list and its edit page see a partner: with what refers to it. */
export type PartnerUsage = {
	respondents: number;
	/** Responses of rounds not yet closed (a closed round's responses name nobody). */
	responses: number;
	/** Closed rounds whose published results have a cell for it. */
	closedRounds: number;
	/** Round files that could not be read: then nobody can say the partner is unused. */
	unreadableRounds: number;
};

export const isUnused = (u: PartnerUsage) =>
	u.respondents === 0 && u.responses === 0 && u.closedRounds === 0 && u.unreadableRounds === 0;

const plural = (n: number, one: string, many: string) => (n === 1 ? one : `${n} ${many}`);

/** "3 deelnemers, 12 ingevulde vragenlijsten en de uitkomsten van 2 gesloten meetrondes". */
export function describeUsage(u: PartnerUsage): string {
	const parts: string[] = [];
	if (u.respondents > 0) parts.push(plural(u.respondents, '1 deelnemer', 'deelnemers'));
	if (u.responses > 0) parts.push(plural(u.responses, '1 ingevulde vragenlijst', 'ingevulde vragenlijsten'));
	if (u.closedRounds > 0)
		parts.push(`de uitkomsten van ${plural(u.closedRounds, '1 gesloten meetronde', 'gesloten meetrondes')}`);
	if (u.unreadableRounds > 0)
		parts.push(
			u.unreadableRounds === 1
				? 'misschien een meetronde die nu niet te lezen is'
				: `misschien ${u.unreadableRounds} meetrondes die nu niet te lezen zijn`
		);
	return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}`;
}
export type PartnerListing = Partner & { usage: PartnerUsage; deletable: boolean };
export type BodyListing = Body & { counterpartName: string | null; usage: PartnerUsage; deletable: boolean };

/** The import preview, one row of the file at a time (DESIGN.md §5). */
export type PartnerImportAction = 'toevoegen' | 'bijwerken' | 'ongewijzigd';
export type PartnerImportRow = {
	line: number;
	cells: {
		naam: string;
		type: string;
		helix: string;
		centrumgemeente: string;
		contactpersoon: string;
		contactEmail: string;
	};
	action: PartnerImportAction | null;
	/** The existing partner this row updates. */
	partnerId: string | null;
	/** The matched partner is archived; it is updated and stays archived. */
	archived: boolean;
	/** What changes for an existing partner ("type", "helix", …). */
	changes: string[];
	problems: string[];
};
export type PartnerImportPreview = {
	rows: PartnerImportRow[];
	/** A problem with the file as a whole (no header, wrong encoding); then there are no rows. */
	fileProblem: string | null;
	/** Whether the file has the optional contact columns (without them contacts are kept). */
	hasContactColumns: boolean;
	counts: Record<PartnerImportAction, number> & { problems: number };
	/** Fingerprint of what an import would do now; confirming refuses when it has changed. */
	plan: string;
};

export const importActionLabels: Record<PartnerImportAction, string> = {
	toevoegen: 'Toevoegen',
	bijwerken: 'Bijwerken',
	ongewijzigd: 'Ongewijzigd'
};

/** What the partner form posted, as typed, to show again next to its errors. */
export type PartnerFormValues = Record<'name' | 'type' | 'helix' | 'contactName' | 'contactEmail', string> & {
	isCentre: boolean;
};
export function partnerFormValues(form: FormData): PartnerFormValues {
	const text = (key: string) => String(form.get(key) ?? '');
	return {
		name: text('name'),
		type: text('type'),
		helix: text('helix'),
		isCentre: form.get('isCentre') === 'ja',
		contactName: text('contactName'),
		contactEmail: text('contactEmail')
	};
}

export type BodyFormValues = Record<'name' | 'kind' | 'counterpartId', string>;
export function bodyFormValues(form: FormData): BodyFormValues {
	const text = (key: string) => String(form.get(key) ?? '');
	return { name: text('name'), kind: text('kind'), counterpartId: text('counterpartId') };
}
