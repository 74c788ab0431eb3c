import { questionnaireSchema, type Questionnaire } from '$lib/model/questionnaire';
import { agreementScale } from './scale';

const commentLabel = 'Toelichting of voorbeeld (optioneel)';

/**
 * The design criteria and success factors of a regional collaboration, one or two statements
 * each, grouped into five steps. Each step names the closest alliance perspective, so the
 * dashboards can set these results beside the Samenwerkingsscan.
 */
export const ontwerpcriteria: Questionnaire = questionnaireSchema.parse({
	id: 'ontwerpcriteria',
	version: 1,
	title: 'Ontwerpcriteria regionale samenwerking',
	description:
		'In hoeverre voldoet de samenwerking aan de ontwerpcriteria en succesfactoren van een ' +
		'regionale samenwerking? Denk aan de besturing, de rol van de centrumgemeente, de ' +
		'vertegenwoordiging van de partners, het tripartiete karakter, de regio als natuurlijke ' +
		'basis, zichtbare resultaten, een bestuurlijk boegbeeld en een heldere koers. U beoordeelt ' +
		'stellingen op een schaal van helemaal oneens tot helemaal eens.',
	minutes: 8,
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
					id: 'oc-daily-urban-system',
					text: 'De regio omvat het gebied waarin inwoners dagelijks wonen, werken, leren en recreëren.'
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
				'de sturing door bestuurders en de vertaling daarvan naar het ambtelijke werk.',
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
				}
			]
		},
		{
			id: 'oc-partners-aan-tafel',
			perspective: 'belangen',
			title: 'Representatief en tripartiet',
			question: 'Zitten de juiste partners aan tafel, en tellen ze allemaal mee?',
			intro:
				'De samenwerking is tripartiet: overheid, onderwijs en ondernemers werken samen. Deze ' +
				'stellingen gaan over wie er in de overleggen zit en wie er meetelt.',
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
					id: 'oc-tripartiet-gelijkwaardig',
					text: 'Overheid, onderwijs en ondernemers zijn gelijkwaardige partners in de samenwerking.'
				},
				{
					id: 'oc-agenda-overheden',
					text: 'De agenda van de samenwerking wordt vooral door de overheden bepaald.',
					reversed: true
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
					id: 'oc-boegbeeld-deuren',
					text: 'Het bestuurlijk boegbeeld opent voor de regio deuren bij provincies en Rijk.'
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
					id: 'oc-geld-als-katalysator',
					text: 'Gezamenlijk geld wordt ingezet om projecten snel van de grond te krijgen.'
				},
				{
					id: 'oc-zichtbare-successen',
					text: 'De samenwerking boekt successen die voor inwoners en ondernemers zichtbaar zijn.'
				}
			]
		}
	]
});
