import { partnerSchema, type Helix, type Partner, type PartnerType } from '$lib/model/network';

/**
 * Groups whose answers differ in the simulation. Municipal size matters in Regio Zwolle: small
 * municipalities feel the weight of the centre and the cost of many meetings most.
 */
export type Segment =
	'centre' | 'large-gemeente' | 'small-gemeente' | 'provincie' | 'onderwijs' | 'ondernemers' | 'taakpartner';

/** How many people a partner sends, per role. */
export type Staff = { bestuurlijk: number; ambtelijk: number; raadStaten: number; directie: number };

export type DemoPartner = { partner: Partner; segment: Segment; staff: Staff };

const staff = (bestuurlijk: number, ambtelijk: number, raadStaten = 0, directie = 0): Staff => ({
	bestuurlijk,
	ambtelijk,
	raadStaten,
	directie
});

const slug = (name: string) =>
	name
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');

function partner(
	name: string,
	type: PartnerType,
	helix: Helix,
	segment: Segment,
	s: Staff,
	id = slug(name)
): DemoPartner {
	return { partner: partnerSchema.parse({ id, name, type, helix, isCentre: segment === 'centre' }), segment, staff: s };
}

/** Municipalities have a contact person for their partner report; the demo's other partners do not. */
function gemeente(name: string, segment: Segment, s: Staff): DemoPartner {
	const p = partner(`Gemeente ${name}`, 'gemeente', 'overheid', segment, s, slug(name));
	p.partner.contactName = `Regiocoördinator ${name}`;
	p.partner.contactEmail = `regio@${slug(name)}.demo.invalid`;
	return p;
}

/** The 22 Regio Zwolle municipalities; sizes follow their population only roughly. */
const gemeenten: DemoPartner[] = [
	gemeente('Zwolle', 'centre', staff(10, 32, 2)),
	gemeente('Hardenberg', 'large-gemeente', staff(7, 12, 1)),
	gemeente('Hoogeveen', 'large-gemeente', staff(7, 12)),
	gemeente('Kampen', 'large-gemeente', staff(7, 12, 1)),
	gemeente('Noordoostpolder', 'large-gemeente', staff(7, 12)),
	gemeente('Dronten', 'large-gemeente', staff(7, 12)),
	gemeente('Steenwijkerland', 'large-gemeente', staff(7, 12)),
	gemeente('Raalte', 'small-gemeente', staff(6, 9)),
	gemeente('Meppel', 'small-gemeente', staff(6, 9)),
	gemeente('Dalfsen', 'small-gemeente', staff(5, 8)),
	gemeente('Oldebroek', 'small-gemeente', staff(5, 7)),
	gemeente('Elburg', 'small-gemeente', staff(5, 7)),
	gemeente('Ommen', 'small-gemeente', staff(5, 6)),
	gemeente('Olst-Wijhe', 'small-gemeente', staff(5, 6)),
	gemeente('Staphorst', 'small-gemeente', staff(4, 5)),
	gemeente('Zwartewaterland', 'small-gemeente', staff(5, 6)),
	gemeente('Hattem', 'small-gemeente', staff(4, 5)),
	gemeente('Heerde', 'small-gemeente', staff(4, 6)),
	gemeente('Westerveld', 'small-gemeente', staff(5, 6)),
	gemeente('De Wolden', 'small-gemeente', staff(5, 7)),
	gemeente('Urk', 'small-gemeente', staff(4, 5)),
	gemeente('Nunspeet', 'small-gemeente', staff(5, 7))
];

const provincie = (name: string, s: Staff) => partner(`Provincie ${name}`, 'provincie', 'overheid', 'provincie', s);

export const demoPartners: DemoPartner[] = [
	...gemeenten,
	provincie('Overijssel', staff(6, 24, 2)),
	provincie('Gelderland', staff(5, 16, 1)),
	provincie('Drenthe', staff(4, 12)),
	provincie('Flevoland', staff(4, 12)),
	// Helix 'ondernemers', not 'maatschappij': the board is business-led (chair and most seats
	// from companies) and is the business voice of the tripartite; government and education
	// already sit at the table as partners of their own, and 'maatschappij' is kept for civil
	// society such as the union.
	partner('Economic Board Regio Zwolle', 'economic-board', 'ondernemers', 'ondernemers', staff(5, 6), 'economic-board'),
	partner('Deltion College', 'onderwijs', 'onderwijs', 'onderwijs', staff(4, 8, 0, 2)),
	partner('Landstede MBO', 'onderwijs', 'onderwijs', 'onderwijs', staff(4, 7, 0, 2)),
	partner('Alfa-college', 'onderwijs', 'onderwijs', 'onderwijs', staff(3, 4, 0, 1)),
	partner('Hogeschool Windesheim', 'onderwijs', 'onderwijs', 'onderwijs', staff(4, 9, 0, 2), 'windesheim'),
	partner('Hogeschool Viaa', 'onderwijs', 'onderwijs', 'onderwijs', staff(2, 3, 0, 1)),
	partner('Katholieke Pabo Zwolle (KPZ)', 'onderwijs', 'onderwijs', 'onderwijs', staff(2, 2, 0, 1), 'kpz'),
	partner('VNO-NCW Midden', 'ondernemers', 'ondernemers', 'ondernemers', staff(5, 4)),
	partner('MKB-Nederland regio Zwolle', 'ondernemers', 'ondernemers', 'ondernemers', staff(4, 3)),
	partner('Bedrijvenkring Kampen', 'ondernemers', 'ondernemers', 'ondernemers', staff(3, 1, 0, 1)),
	partner('Waterschap Drents Overijsselse Delta', 'waterschap', 'overheid', 'taakpartner', staff(4, 6), 'wdodelta'),
	partner('Waterschap Vallei en Veluwe', 'waterschap', 'overheid', 'taakpartner', staff(3, 4), 'vallei-en-veluwe'),
	partner('UWV Werkbedrijf regio Zwolle', 'uwv', 'overheid', 'taakpartner', staff(3, 8), 'uwv-werkbedrijf'),
	// SBB joins vocational education and business; its work here is the education side.
	partner('SBB', 'sbb', 'onderwijs', 'taakpartner', staff(2, 5), 'sbb'),
	partner('FNV regio Zwolle', 'vakbond', 'maatschappij', 'taakpartner', staff(3, 2), 'fnv'),
	partner(
		'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
		'rijk',
		'overheid',
		'taakpartner',
		staff(2, 6),
		'ministerie-bzk'
	)
];
