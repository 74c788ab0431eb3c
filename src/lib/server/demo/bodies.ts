import type { Body, PartnerType } from '$lib/model/network';

/** A theme of the network: one bestuurlijk body and its ambtelijk counterpart. */
export type ThemeKey = 'regio' | 'economie' | 'ruimte' | 'mobiliteit' | 'arbeidsmarkt' | 'eb' | 'raad';

type Pair = { bestuurlijk: [id: string, name: string]; ambtelijk: [id: string, name: string] };

export const themes: Record<ThemeKey, Pair> = {
	regio: {
		bestuurlijk: ['regio-zwolle-bestuur', 'Regio Zwolle Bestuur'],
		ambtelijk: ['ambtelijk-regio-overleg', 'Ambtelijk Regio-overleg']
	},
	economie: {
		bestuurlijk: ['pho-economie', 'Portefeuillehoudersoverleg Economie'],
		ambtelijk: ['ao-economie', 'Ambtelijk overleg Economie']
	},
	ruimte: {
		bestuurlijk: ['pho-ruimte-wonen', 'Portefeuillehoudersoverleg Ruimte & Wonen'],
		ambtelijk: ['ao-ruimte-wonen', 'Ambtelijk overleg Ruimte & Wonen']
	},
	mobiliteit: {
		bestuurlijk: ['pho-mobiliteit', 'Portefeuillehoudersoverleg Mobiliteit'],
		ambtelijk: ['ao-mobiliteit', 'Ambtelijk overleg Mobiliteit']
	},
	arbeidsmarkt: {
		bestuurlijk: ['pho-arbeidsmarkt-onderwijs', 'Portefeuillehoudersoverleg Arbeidsmarkt & Onderwijs'],
		ambtelijk: ['ao-arbeidsmarkt-onderwijs', 'Ambtelijk overleg Arbeidsmarkt & Onderwijs']
	},
	eb: {
		bestuurlijk: ['economic-board-bestuur', 'Bestuur Economic Board'],
		ambtelijk: ['economic-board-kernteam', 'Kernteam Economic Board']
	},
	// Council members meet regionally too; the griffiers prepare those meetings.
	raad: {
		bestuurlijk: ['raadsledenplatform', 'Raadsledenplatform Regio Zwolle'],
		ambtelijk: ['griffiersoverleg', 'Griffiersoverleg']
	}
};

export function buildBodies(): Body[] {
	return Object.values(themes).flatMap(({ bestuurlijk: [bId, bName], ambtelijk: [aId, aName] }) => [
		{ id: bId, name: bName, kind: 'bestuurlijk' as const, counterpartId: aId },
		{ id: aId, name: aName, kind: 'ambtelijk' as const, counterpartId: bId }
	]);
}

export const bodyId = (theme: ThemeKey, kind: 'bestuurlijk' | 'ambtelijk') => themes[theme][kind][0];

/** The themes a partner of this type works on; listed more than once weighs heavier. */
export const themesByPartnerType: Record<PartnerType, ThemeKey[]> = {
	gemeente: ['economie', 'ruimte', 'ruimte', 'mobiliteit', 'arbeidsmarkt'],
	provincie: ['economie', 'ruimte', 'mobiliteit', 'mobiliteit', 'arbeidsmarkt', 'regio'],
	'economic-board': ['eb', 'eb', 'economie', 'arbeidsmarkt'],
	onderwijs: ['arbeidsmarkt', 'arbeidsmarkt', 'eb'],
	ondernemers: ['eb', 'economie', 'economie', 'arbeidsmarkt'],
	waterschap: ['ruimte'],
	rijk: ['regio', 'ruimte', 'mobiliteit'],
	uwv: ['arbeidsmarkt'],
	sbb: ['arbeidsmarkt', 'eb'],
	vakbond: ['arbeidsmarkt'],
	overig: ['regio']
};
