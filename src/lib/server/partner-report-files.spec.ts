import { describe, expect, it } from 'vitest';
import type { PartnerReport } from '$lib/analysis/partner-report';
import { reportHtml, reportsZip, sendReports } from './partner-report-files';
import { domainContext } from './context';
import type { Store } from './store';

const figures = {
	suppressed: false as const,
	n: 12,
	mean: 3.4,
	sentence: 'Inhoud: midden en deels gedeeld',
	sharedLabel: 'Deels gedeeld',
	meanRwg: 0.6
};
const report: PartnerReport = {
	networkName: 'Regio "Test" <b>',
	round: { id: 'najaar', name: 'Najaar 2026' },
	questionnaireTitle: 'Samenwerkingsscan',
	partner: {
		id: 'zwolle',
		name: 'Gemeente Zwolle',
		typeLabel: 'Gemeente',
		typeId: 'gemeente',
		n: 12,
		contactName: '',
		contactEmail: ''
	},
	k: 5,
	scale: {
		points: 5,
		labels: ['helemaal oneens', 'oneens', 'neutraal', 'eens', 'helemaal eens'],
		dontKnowLabel: 'weet niet'
	},
	thresholds: {
		levelHigh: 3.8,
		levelLow: 3,
		agreementEdges: [0.3, 0.5, 0.7, 0.9],
		agreementStrongAbove: 0.7,
		campShareMin: 0.25,
		campValleyRatio: 0.6,
		consensusDivided: 0.6
	},
	claims: { fdr: 0.03, groupMinN: 10 },
	sections: [
		{
			sectionId: 'inhoud',
			title: 'Inhoud',
			shortTitle: 'Inhoud',
			partner: figures,
			partnerType: figures,
			network: figures,
			change: null
		}
	],
	divided: [],
	previous: null
};

const viewer = domainContext(
	{} as Store,
	{ id: 'u1', email: 'kijker@regio.test', role: 'viewer', mustEnrolTotp: false } as never
);

describe('partner report files', () => {
	it('is one HTML document with its styles inline, the page foot, and no script or link', () => {
		const html = reportHtml(report);
		expect(html).toMatch(/^<!doctype html>\n<html lang="nl">/);
		expect(html).not.toMatch(/<script|<link\b/i);
		expect(html).toMatch(/<style[^>]*>[^<]*\.partner-report/);
		expect(html).toContain('@bottom-right');
		expect(html).toContain('Gemeente Zwolle');
		// The network's name reaches the markup escaped, and the CSS string of the foot escaped.
		expect(html).not.toContain('<b>');
	});

	it('refuses a viewer the zip and the sending, before reading anything', async () => {
		await expect(reportsZip(viewer, 'najaar')).rejects.toMatchObject({ status: 403 });
		await expect(sendReports(viewer, 'najaar', { state: 'off' })).rejects.toMatchObject({ status: 403 });
	});
});
