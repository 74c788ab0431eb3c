import { questionnaireSchema, type Questionnaire } from '$lib/model/questionnaire';
import { agreementScale } from './scale';

const commentLabel = 'Toelichting of voorbeeld (optioneel)';

/**
 * Version 2 of the Ontwerpcriteria. Against version 1: statements that asked two or more things
 * at once are split, one question each (new ids: an answer to the old statement is not an answer
 * to either half); and the criteria of the source presentation that version 1 missed are asked:
 * partners who take part because they want to, the regiobureau's capacity to facilitate, and the
 * klankbordgroep of councils and states. Unchanged items keep their ids. Every item is about the
 * collaboration as a whole.
 */
export const ontwerpcriteria2: Questionnaire = questionnaireSchema.parse({
	id: 'ontwerpcriteria',
	version: 2,
	title: 'Ontwerpcriteria regionale samenwerking',
	description:
		'In hoeverre voldoet de samenwerking aan de ontwerpcriteria en succesfactoren van een ' +
		'regionale samenwerking? Denk aan de besturing, de rol van de centrumgemeente, de ' +
		'vertegenwoordiging van de partners, het tripartiete karakter, de regio als natuurlijke ' +
		'basis, zichtbare resultaten, een bestuurlijk boegbeeld, een heldere koers, partners die ' +
		'meedoen omdat zij dat willen, een regiobureau dat de samenwerking kan dragen en de rol van ' +
		'raden en Staten. U beoordeelt stellingen op een schaal van helemaal oneens tot helemaal eens.',
	minutes: 10,
	scale: agreementScale,
	sections: [
		{
			id: 'oc-koers-en-basis',
			perspective: 'inhoud',
			title: 'Heldere koers op een natuurlijke basis',
			question: 'Weten we waar we heen willen, en is de regio daarvoor de logische schaal?',
			intro:
				'Een regio werkt het best als zij samenvalt met het daily urban system: het gebied ' +
				'waarin inwoners dagelijks wonen, werken, leren en recreëren. Daarop bouwt een ' +
				'heldere koers voort.',
			commentLabel,
			items: [
				{
					id: 'oc-heldere-koers',
					text: 'De samenwerking heeft een heldere koers voor de komende jaren.'
				},
				{
					id: 'oc-koers-richtinggevend',
					text: 'De koers helpt de partners kiezen welke onderwerpen zij samen oppakken.'
				},
				{
					id: 'oc-dus-werken',
					text: 'De meeste inwoners van de regio werken ook in de regio.'
				},
				{
					id: 'oc-dus-leren',
					text: 'De meeste jongeren uit de regio volgen hun opleiding in de regio.'
				},
				{
					id: 'oc-dus-recreeren',
					text: 'Inwoners van de regio brengen hun vrije tijd vooral in de regio door.'
				},
				{
					id: 'oc-logische-schaal',
					text: 'De schaal van de regio past bij de opgaven die de partners samen oppakken.'
				}
			]
		},
		{
			id: 'oc-besturing',
			perspective: 'governance',
			title: 'Bestuurlijke besturing en ambtelijke vertaling',
			question: 'Wordt de bestuurlijke sturing ambtelijk waargemaakt?',
			intro:
				'Elk bestuurlijk overleg heeft een ambtelijke tegenhanger. Deze stellingen gaan over ' +
				'de sturing door bestuurders, de vertaling daarvan naar het ambtelijke werk, het ' +
				'regiobureau dat dat ondersteunt en de rol van raads- en Statenleden.',
			commentLabel,
			items: [
				{
					id: 'oc-bestuurlijke-sturing',
					text: 'Het bestuurlijk overleg geeft duidelijk richting aan de samenwerking.'
				},
				{
					id: 'oc-bestuurlijk-mandaat',
					text: 'Bestuurders aan tafel hebben voldoende mandaat om namens hun organisatie afspraken te maken.'
				},
				{
					id: 'oc-ambtelijke-voorbereiding',
					text: 'Het ambtelijk overleg bereidt de bestuurlijke besluitvorming goed voor.'
				},
				{
					id: 'oc-ambtelijke-vertaling',
					text: 'Bestuurlijke besluiten worden ambtelijk omgezet in uitvoering.'
				},
				{
					id: 'oc-capaciteit-regiobureau',
					text: 'Het regiobureau heeft genoeg capaciteit om de samenwerking te faciliteren.'
				},
				{
					id: 'oc-klankbordgroep-raden-staten',
					text: 'De klankbordgroep van raads- en Statenleden heeft een duidelijke rol in de samenwerking.'
				}
			]
		},
		{
			id: 'oc-partners-aan-tafel',
			perspective: 'belangen',
			title: 'Representatief en tripartiet',
			question: 'Zitten de juiste partners aan tafel, en tellen ze allemaal mee?',
			intro:
				'De samenwerking is tripartiet: overheid, onderwijs en ondernemers werken samen. Het is ' +
				'een coalition of the willing: partners doen mee omdat zij dat willen. Deze stellingen ' +
				'gaan over wie er in de overleggen zit en wie er meetelt.',
			commentLabel,
			items: [
				{
					id: 'oc-representatieve-overleggen',
					text: 'De samenstelling van de overleggen weerspiegelt de partners in de regio.'
				},
				{
					id: 'oc-stem-kleinere-partners',
					text: 'Ook kleinere partners hebben een stem in de overleggen die voor hen van belang zijn.'
				},
				{
					id: 'oc-onderwijs-gelijkwaardig',
					text: 'Het onderwijs is in de samenwerking een gelijkwaardige partner van de overheden.'
				},
				{
					id: 'oc-ondernemers-gelijkwaardig',
					text: 'De ondernemers zijn in de samenwerking een gelijkwaardige partner van de overheden.'
				},
				{
					id: 'oc-agenda-overheden',
					text: 'De agenda van de samenwerking wordt vooral door de overheden bepaald.',
					reversed: true
				},
				{
					id: 'oc-uit-eigen-wil',
					text: 'De partners doen mee aan de samenwerking omdat zij dat zelf willen.'
				}
			]
		},
		{
			id: 'oc-trekkers',
			perspective: 'relatie',
			title: 'Centrumgemeente en boegbeeld',
			question: 'Wie trekt de samenwerking, en op welke manier?',
			intro:
				'Een regio met één natuurlijke centrumgemeente vraagt om een passende houding van die ' +
				'gemeente. Een bestuurlijk boegbeeld geeft de samenwerking een gezicht.',
			commentLabel,
			items: [
				{
					id: 'oc-centrumgemeente-natuurlijk',
					text: 'De partners erkennen de centrumgemeente als het natuurlijke middelpunt van de regio.'
				},
				{
					id: 'oc-centrumgemeente-houding',
					text: 'De centrumgemeente stelt zich dienstbaar op aan de hele regio.'
				},
				{
					id: 'oc-boegbeeld',
					text: 'De samenwerking heeft een bestuurlijk boegbeeld dat haar zichtbaar vertegenwoordigt.'
				},
				{
					id: 'oc-boegbeeld-provincies',
					text: 'Het bestuurlijk boegbeeld opent voor de regio deuren bij de provincies.'
				},
				{
					id: 'oc-boegbeeld-rijk',
					text: 'Het bestuurlijk boegbeeld opent voor de regio deuren bij het Rijk.'
				}
			]
		},
		{
			id: 'oc-slagkracht',
			perspective: 'proces',
			title: 'Slagkracht en zichtbare resultaten',
			question: 'Boeken we snel en zichtbaar resultaat?',
			intro:
				'Snelheid, besluitvaardigheid en geld dat als katalysator werkt, zorgen voor ' +
				'successen die partners en inwoners kunnen zien.',
			commentLabel,
			items: [
				{
					id: 'oc-snel-schakelen',
					text: 'De samenwerking kan snel schakelen wanneer zich een kans voordoet.'
				},
				{
					id: 'oc-besluiten-blijven-liggen',
					text: 'Besluiten blijven in de samenwerking te lang liggen.',
					reversed: true
				},
				{
					id: 'oc-gezamenlijk-geld',
					text: 'De partners hebben samen geld beschikbaar voor regionale projecten.'
				},
				{
					id: 'oc-geld-voor-snelheid',
					text: 'Het gezamenlijke geld helpt projecten snel van de grond te krijgen.'
				},
				{
					id: 'oc-successen-inwoners',
					text: 'De samenwerking boekt successen die voor inwoners zichtbaar zijn.'
				},
				{
					id: 'oc-successen-ondernemers',
					text: 'De samenwerking boekt successen die voor ondernemers zichtbaar zijn.'
				}
			]
		}
	]
});
