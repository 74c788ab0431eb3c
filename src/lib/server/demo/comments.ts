import type { PerspectiveId } from '$lib/model/questionnaire';
import type { AnswerProfile } from './answers';
import type { Rng } from './random';

type Tone = 'positive' | 'neutral' | 'critical';
type DemoComment = { text: string; tone: Tone; only?: (p: AnswerProfile) => boolean };

const notCentreGemeente = (p: AnswerProfile) => p.partnerType === 'gemeente' && !p.isCentre;
const small = (p: AnswerProfile) => p.segment === 'small-gemeente';
const schoolsAndBusiness = (p: AnswerProfile) => p.segment === 'onderwijs' || p.segment === 'ondernemers';
const ambtelijk = (p: AnswerProfile) => p.role === 'ambtelijk';
const bestuurlijk = (p: AnswerProfile) => p.role !== 'ambtelijk';
const government = (p: AnswerProfile) => p.partnerType === 'gemeente' || p.partnerType === 'provincie';

/** Open comments a respondent in this network might plausibly write, per perspective. */
const comments: Record<PerspectiveId, DemoComment[]> = {
	inhoud: [
		{ tone: 'positive', text: 'De ambitie voor de regio is helder en wordt door de partners herkend.' },
		{ tone: 'positive', text: 'Met de regiodeal hebben we laten zien dat we samen echt iets kunnen neerzetten.' },
		{ tone: 'positive', text: 'Sterk dat wonen, werken en bereikbaarheid als één opgave worden gezien.' },
		{ tone: 'positive', text: 'Het verhaal van de regio is de laatste jaren een stuk scherper geworden.' },
		{ tone: 'critical', text: 'Er staan te veel onderwerpen op de agenda. Kies er een paar en maak die af.' },
		{ tone: 'critical', text: 'Op papier is de koers helder, maar in de praktijk trekt ieder zijn eigen plan.' },
		{ tone: 'critical', text: 'Wat de lange termijn betekent voor de kleinere kernen, blijft vaag.', only: small },
		{
			tone: 'critical',
			text: 'Na de verkiezingen moest de ambitie opnieuw worden uitgelegd. Dat kost steeds veel tijd.',
			only: bestuurlijk
		},
		{
			tone: 'neutral',
			text: 'Goed dat de ambitie wordt herijkt, maar betrek de raden er op tijd bij.',
			only: government
		},
		{ tone: 'neutral', text: 'De brede ambitie houdt iedereen aan boord, maar maakt keuzes lastig.' },
		{
			tone: 'critical',
			text: "De woningbouwopgave verdringt de andere thema's; economie en onderwijs raken uit beeld."
		},
		{ tone: 'positive', text: 'Iedereen snapt waarom we dit samen doen: de regio is samen sterker dan de optelsom.' },
		{
			tone: 'neutral',
			text: 'Voor het onderwijs is de arbeidsmarktagenda het belangrijkste onderdeel.',
			only: (p) => p.segment === 'onderwijs'
		}
	],
	proces: [
		{ tone: 'positive', text: 'De werksessies voorafgaand aan het portefeuillehoudersoverleg werken goed.' },
		{ tone: 'positive', text: 'Het tempo ligt hoger dan vorig jaar en de stukken zijn beter voorbereid.' },
		{ tone: 'positive', text: 'We nemen de tijd voor het gesprek voordat er besloten wordt. Dat wordt gewaardeerd.' },
		{
			tone: 'critical',
			text: 'De besluitvorming duurt te lang. Dit tempo is aan ondernemers moeilijk uit te leggen.',
			only: schoolsAndBusiness
		},
		{
			tone: 'critical',
			text: 'Stukken komen vaak pas een paar dagen voor het overleg. Dan is er geen ruimte meer om in de eigen organisatie af te stemmen.',
			only: ambtelijk
		},
		{
			tone: 'critical',
			text: 'Voorstellen liggen al vast als ze bij ons komen. Meedenken is dan eigenlijk meetekenen.'
		},
		{ tone: 'critical', text: 'Er wordt veel overlegd, maar ik zie weinig terug van wat er is afgesproken.' },
		{ tone: 'critical', text: 'Onze raad hoort pas laat wat er regionaal speelt.', only: government },
		{ tone: 'neutral', text: 'Een overzicht van lopende acties met per actie een trekker zou helpen.' },
		{ tone: 'critical', text: 'Zonder vaste planning van de overleggen schuift alles steeds een maand op.' },
		{ tone: 'positive', text: 'De voortgangsrapportage per kwartaal geeft eindelijk overzicht.' },
		{ tone: 'neutral', text: 'Snelheid is belangrijk, maar niet ten koste van de bevoegdheden van de partners.' }
	],
	relatie: [
		{ tone: 'positive', text: 'De sfeer in het ambtelijk overleg is open en collegiaal.', only: ambtelijk },
		{
			tone: 'positive',
			text: 'Ik kan makkelijk iemand bij een andere partner bellen. Dat is de kracht van deze regio.'
		},
		{ tone: 'positive', text: 'Het vertrouwen is gegroeid sinds we vaker informeel bij elkaar komen.' },
		{ tone: 'positive', text: 'De voorzitter verbindt goed en geeft iedereen ruimte.' },
		{ tone: 'critical', text: 'Lastige onderwerpen worden buiten het overleg in kleine kring besproken.' },
		{ tone: 'critical', text: 'Er zijn veel wisselingen aan tafel; het duurt telkens even voordat je elkaar kent.' },
		{ tone: 'critical', text: 'Het vertrouwen tussen de partners is er wel, maar het is broos.' },
		{
			tone: 'neutral',
			text: 'Meer ontmoeting tussen bestuurders en ambtenaren van verschillende partners zou helpen.'
		},
		{
			tone: 'critical',
			text: 'Het contact hangt sterk aan een paar personen. Als die vertrekken, zijn we terug bij af.'
		},
		{
			tone: 'positive',
			text: 'Onderwijs en ondernemers weten elkaar via de Economic Board steeds beter te vinden.',
			only: schoolsAndBusiness
		},
		{ tone: 'neutral', text: 'Het regiobureau doet veel goed, maar is voor de kleinere partners nog onbekend.' }
	],
	belangen: [
		{
			tone: 'positive',
			text: 'Dankzij de samenwerking hebben we middelen binnengehaald die we alleen niet hadden gekregen.'
		},
		{ tone: 'positive', text: 'Partners gunnen elkaar steeds meer, ook als een project in een buurgemeente landt.' },
		{
			tone: 'positive',
			text: 'Voor het onderwijs levert de samenwerking direct contact met werkgevers op.',
			only: (p) => p.segment === 'onderwijs'
		},
		{
			tone: 'critical',
			text: 'Voor een kleine gemeente is de inzet groot: veel overleggen met weinig mensen.',
			only: small
		},
		{ tone: 'critical', text: 'De opbrengsten komen vooral in en rond Zwolle terecht.', only: notCentreGemeente },
		{ tone: 'critical', text: 'Ons belang komt pas aan bod als de grote onderwerpen al verdeeld zijn.' },
		{
			tone: 'critical',
			text: 'We steken er veel uren in, maar wat het oplevert is lastig uit te leggen aan de raad.',
			only: government
		},
		{
			tone: 'neutral',
			text: 'Maak zichtbaar wat de samenwerking per partner oplevert. Dan wordt het gesprek over inzet makkelijker.'
		},
		{
			tone: 'positive',
			text: 'De gezamenlijke lobby richting Den Haag heeft ons als gemeente veel opgeleverd.',
			only: government
		},
		{ tone: 'critical', text: 'De verdeling van de regiodealmiddelen voelde niet eerlijk.', only: government },
		{
			tone: 'neutral',
			text: 'Ondernemers willen resultaat zien; dan komen ze ook vaker aan tafel.',
			only: schoolsAndBusiness
		}
	],
	governance: [
		{ tone: 'positive', text: 'De rolverdeling tussen het bestuur en het ambtelijk overleg is duidelijker geworden.' },
		{ tone: 'positive', text: 'Licht georganiseerd, en dat past bij een samenwerking op basis van vrijwilligheid.' },
		{ tone: 'positive', text: 'Goed dat elk bestuurlijk overleg een vaste ambtelijke tegenhanger heeft.' },
		{
			tone: 'critical',
			text: 'Zwolle is dominant aan tafel; de andere gemeenten volgen vaak.',
			only: notCentreGemeente
		},
		{
			tone: 'critical',
			text: 'Bestuurlijke afspraken landen niet in het ambtelijke werk. De vertaling ontbreekt.',
			only: ambtelijk
		},
		{ tone: 'critical', text: 'Het is niet duidelijk wie waarover beslist; veel loopt via informele lijnen.' },
		{
			tone: 'critical',
			text: 'De kleinere gemeenten zijn ondervertegenwoordigd in de overleggen die ertoe doen.',
			only: small
		},
		{ tone: 'critical', text: 'Snelheid gaat soms voor de bevoegdheden van de gemeenteraden.', only: government },
		{
			tone: 'neutral',
			text: 'Als centrumgemeente nemen we graag het voortouw, maar we willen niet over anderen heen walsen.',
			only: (p) => p.isCentre
		},
		{
			tone: 'neutral',
			text: 'De centrumgemeente moet trekken, maar wel met oog voor de rest van de regio.',
			only: (p) => !p.isCentre
		},
		{
			tone: 'critical',
			text: 'Ik weet vaak niet wat er in het portefeuillehoudersoverleg is besloten; het verslag komt laat.',
			only: ambtelijk
		},
		{
			tone: 'positive',
			text: 'De opzet als netwerk zonder eigen rechtspersoon houdt het wendbaar.',
			only: bestuurlijk
		},
		{
			tone: 'neutral',
			text: 'Een vast aanspreekpunt per thema bij het regiobureau zou de ambtelijke vertaling helpen.'
		}
	]
};

/** How someone who rated a section at `level` (1..5) tends to write about it. */
function toneFor(rng: Rng, level: number): Tone {
	if (level >= 3.8) return rng.chance(0.75) ? 'positive' : 'neutral';
	if (level <= 2.8) return rng.chance(0.75) ? 'critical' : 'neutral';
	return rng.pick(['positive', 'neutral', 'critical', 'critical'] as const);
}

/**
 * Picks comments for one round, preferring ones not yet used in it, so a round reads like
 * many different people wrote.
 */
export function createCommentPicker(rng: Rng) {
	const used = new Set<string>();
	return (perspective: PerspectiveId, level: number, who: AnswerProfile): string | null => {
		const tone = toneFor(rng, level);
		const fitting = comments[perspective].filter((c) => c.tone === tone && (c.only?.(who) ?? true));
		if (fitting.length === 0) return null;
		const fresh = fitting.filter((c) => !used.has(c.text));
		const { text } = rng.pick(fresh.length > 0 ? fresh : fitting);
		used.add(text);
		return text;
	};
}
