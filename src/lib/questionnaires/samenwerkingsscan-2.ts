import { questionnaireSchema, type Questionnaire } from '$lib/model/questionnaire';
import { agreementScale } from './scale';

const commentLabel = 'Toelichting of voorbeeld (optioneel)';

/**
 * Version 2 of the Samenwerkingsscan. Against version 1: every item says whom it is about
 * (`subject`: own-organisation items count for the level, not for how shared the picture is);
 * the two leadingly worded items ("versnipperd over te veel", "te veel invloed") are balanced
 * statements with new ids, and each of those sections gets a new critically worded item instead;
 * "Als alliantieteam …" names whom it is about (new id: version 1 was read two ways); and the
 * scan asks what the source presentation names and version 1 missed: partners who take part
 * because they want to, the regiobureau's capacity, and the role of councils and states.
 * Unchanged items keep their ids, so rounds of both versions compare them.
 */
export const samenwerkingsscan2: Questionnaire = questionnaireSchema.parse({
	id: 'samenwerkingsscan',
	version: 2,
	title: 'Samenwerkingsscan',
	description:
		'Een zelfevaluatie van de regionale samenwerking langs de vijf perspectieven van het ' +
		'alliantiemodel: inhoud, proces, relatie, belangen en governance. Samen laten ze zien hoe ' +
		'het staat met de gezamenlijkheid. U beoordeelt stellingen op een schaal van helemaal ' +
		'oneens tot helemaal eens. De meeste stellingen gaan over de samenwerking als geheel; een ' +
		'paar over uw eigen organisatie. Er zijn geen goede of foute antwoorden: het gaat om uw beeld.',
	minutes: 14,
	scale: agreementScale,
	sections: [
		{
			id: 'inhoud',
			perspective: 'inhoud',
			title: 'Werken aan een gedeelde ambitie',
			question: 'Hoe gedeeld is de ambitie van de partners?',
			intro:
				'Deze stellingen gaan over waar de samenwerking naartoe wil: het gezamenlijke doel, ' +
				'de koers en wat die betekenen voor uw eigen organisatie.',
			commentLabel,
			items: [
				{
					id: 'inhoud-gedeeld-doel',
					text: 'De partners werken aan een gemeenschappelijk doel voor de regio.'
				},
				{
					id: 'inhoud-ambitie-gedragen',
					text: 'De gezamenlijke ambitie wordt breed gedragen door de partners.'
				},
				{
					id: 'inhoud-heldere-koers',
					text: 'Het is duidelijk welke koers de samenwerking volgt.'
				},
				{
					id: 'inhoud-lange-termijn',
					text: 'De samenwerking heeft een richting voor de lange termijn, over bestuursperiodes heen.'
				},
				{
					id: 'inhoud-concrete-opgaven',
					text: 'De gezamenlijke ambitie is vertaald in concrete opgaven.'
				},
				{
					id: 'inhoud-belang-mijn-organisatie',
					text: 'De onderwerpen van de samenwerking zijn belangrijk voor mijn organisatie.',
					subject: 'eigen-organisatie'
				},
				{
					id: 'inhoud-omvang-agenda',
					text: 'Het aantal onderwerpen op de agenda past bij wat de partners samen aankunnen.'
				},
				{
					id: 'inhoud-ambitie-vervolg',
					text: 'De gezamenlijke ambitie krijgt binnen de organisaties van de partners weinig vervolg.',
					reversed: true
				}
			]
		},
		{
			id: 'proces',
			perspective: 'proces',
			title: 'De goede stappen, de goede volgorde, in dialoog',
			question: 'Op de goede weg samen?',
			intro:
				'Deze stellingen gaan over hoe de partners samen optrekken: de stappen die worden ' +
				'gezet, de volgorde daarvan en het gesprek onderweg.',
			commentLabel,
			items: [
				{
					id: 'proces-commitment',
					text: 'De partners komen de afspraken na die zij in de samenwerking maken.'
				},
				{
					id: 'proces-dialoog',
					text: 'Partners gaan met elkaar in gesprek voordat er knopen worden doorgehakt.'
				},
				{
					id: 'proces-tempo',
					text: 'De samenwerking houdt een goed tempo aan.'
				},
				{
					id: 'proces-slagvaardigheid',
					text: 'Wanneer er een besluit nodig is, wordt dat op tijd genomen.'
				},
				{
					id: 'proces-logische-volgorde',
					text: 'De stappen in het proces volgen elkaar in een logische volgorde op.'
				},
				{
					id: 'proces-voortgang-zichtbaar',
					text: 'Er is zicht op de voortgang van de afgesproken acties.'
				},
				{
					id: 'proces-capaciteit-regiobureau',
					text: 'Het regiobureau heeft genoeg capaciteit om de samenwerking te ondersteunen.'
				},
				{
					id: 'proces-late-betrokkenheid',
					text: 'Voorstellen komen pas bij mijn organisatie terecht als ze al vrijwel vastliggen.',
					reversed: true,
					subject: 'eigen-organisatie'
				}
			]
		},
		{
			id: 'relatie',
			perspective: 'relatie',
			title: 'Goed persoonlijk samenwerken',
			question: 'Hoe doen we het als alliantieteam?',
			intro:
				'Met het alliantieteam bedoelen we hier de mensen van de partners die samen de ' +
				'samenwerking dragen, niet het regiobureau. Deze stellingen gaan over die mensen: ' +
				'vertrouwen, leiderschap en de manier waarop u met elkaar omgaat.',
			commentLabel,
			items: [
				{
					id: 'relatie-vertrouwen',
					text: 'Ik heb vertrouwen in de mensen met wie ik in de samenwerking optrek.'
				},
				{
					id: 'relatie-leiderschap',
					text: 'In de samenwerking wordt zichtbaar leiderschap getoond.'
				},
				{
					// The respondent's own network of contacts: it differs from person to person by design.
					id: 'relatie-persoonlijk-contact',
					text: 'Ik heb goed persoonlijk contact met mensen van de andere partners.',
					subject: 'eigen-organisatie'
				},
				{
					id: 'relatie-openheid',
					text: 'Lastige onderwerpen kunnen open op tafel komen.'
				},
				{
					id: 'relatie-aanspreken',
					text: 'Partners durven elkaar aan te spreken op gemaakte afspraken.'
				},
				{
					id: 'relatie-elkaar-aanvullen',
					text: 'De mensen van de partners die samen de samenwerking dragen, vullen elkaar goed aan.'
				},
				{
					id: 'relatie-verborgen-agendas',
					text: "In de samenwerking spelen verborgen agenda's.",
					reversed: true
				}
			]
		},
		{
			id: 'belangen',
			perspective: 'belangen',
			title: 'Recht doen aan belangen',
			question: 'Creëren we waarde voor de betrokken partners?',
			intro:
				'Deze stellingen gaan over wat de samenwerking de partners oplevert en of er recht ' +
				'wordt gedaan aan ieders belangen.',
			commentLabel,
			items: [
				{
					id: 'belangen-win-win',
					text: 'De samenwerking levert oplossingen op waar alle betrokken partners beter van worden.'
				},
				{
					id: 'belangen-samen-meer',
					text: 'De partners bereiken samen meer dan ieder afzonderlijk.'
				},
				{
					id: 'belangen-eigen-belang-erkend',
					text: 'De andere partners erkennen de belangen van mijn organisatie.',
					subject: 'eigen-organisatie'
				},
				{
					id: 'belangen-opbrengst-inzet',
					text: 'Wat de samenwerking mijn organisatie oplevert, weegt op tegen de inzet die zij vraagt.',
					subject: 'eigen-organisatie'
				},
				{
					id: 'belangen-gunnen',
					text: 'Partners gunnen elkaar successen, ook als die vooral bij een ander terechtkomen.'
				},
				{
					id: 'belangen-bespreekbaar',
					text: 'Partners maken hun eigen belangen open bespreekbaar.'
				},
				{
					id: 'belangen-uit-eigen-wil',
					text: 'De partners doen mee aan de samenwerking omdat zij dat zelf willen.'
				},
				{
					id: 'belangen-scheve-verdeling',
					text: 'De opbrengsten van de samenwerking komen vooral bij een paar partners terecht.',
					reversed: true
				}
			]
		},
		{
			id: 'governance',
			perspective: 'governance',
			title: 'Professioneel organiseren',
			question: 'Is de samenwerking goed georganiseerd?',
			intro:
				'Deze stellingen gaan over de organisatie van de samenwerking: de overleggen, de ' +
				'besluitvorming, de verhouding tussen de partners en de rol van raads- en Statenleden ' +
				'(bijvoorbeeld in een klankbordgroep).',
			commentLabel,
			items: [
				{
					id: 'governance-besluitvorming',
					text: 'Het is duidelijk wie waarover besluit.'
				},
				{
					id: 'governance-organisatievorm',
					text: 'De organisatievorm past bij wat de samenwerking wil bereiken.'
				},
				{
					id: 'governance-transparantie',
					text: 'Voor mijn organisatie is goed te volgen wat er in de overleggen wordt besloten.',
					subject: 'eigen-organisatie'
				},
				{
					id: 'governance-vertegenwoordiging',
					text: 'Mijn organisatie is vertegenwoordigd in de overleggen die voor haar van belang zijn.',
					subject: 'eigen-organisatie'
				},
				{
					id: 'governance-ambtelijke-vertaling',
					text: 'Bestuurlijke afspraken worden goed vertaald naar de ambtelijke samenwerking.'
				},
				{
					id: 'governance-invloed-centrumgemeente',
					text: 'De invloed van de centrumgemeente op de koers is in balans met die van de andere partners.'
				},
				{
					id: 'governance-bevoegdheden-partners',
					text: 'Bij besluiten worden de bevoegdheden van mijn organisatie gerespecteerd.',
					subject: 'eigen-organisatie'
				},
				{
					id: 'governance-raden-staten',
					text: 'Raads- en Statenleden horen pas van afspraken in de samenwerking als die al vastliggen.',
					reversed: true
				}
			]
		}
	]
});
