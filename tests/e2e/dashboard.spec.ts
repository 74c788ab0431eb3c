import type { Page } from '@playwright/test';
import { linksFor } from './demo-output';
import { expectNoViolations } from './axe';
import { expect, latestClosedRound, test } from './dashboard-login';

/** The regiobureau's dashboard on the demo's latest closed round: every view, filters, report, agenda. */

/** The number on a participation tile, by the words under it. */
const tile = (page: Page, what: RegExp) =>
	page
		.locator('.stats li')
		.filter({ has: page.locator('.what', { hasText: what }) })
		.locator('.value');

test('the latest closed round shows every view: headline, radar, scatter, bars, heatmap, gaps, trend, agenda', async ({
	page
}) => {
	const round = await latestClosedRound(page);
	await page.getByRole('link', { name: round.name, exact: true }).click();
	// The first visit loads the chart code as well; give a busy machine time.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dashboard ${round.name}`, { timeout: 20_000 });

	// Headline: participation and one sentence per perspective, with n next to it.
	await expect(tile(page, /^uitgenodigd$/)).toHaveText(/^\d+$/);
	await expect(tile(page, /^ingevuld \(/)).toHaveText(/^\d+$/);
	const sentences = page.locator('.sentences .sentence');
	await expect(sentences).toHaveCount(5);
	// The words of bands.ts, with their 95% interval: one band, two bands ("matig tot sterk"), or unsure.
	const level = '(laag|midden|hoog|laag tot midden|midden tot hoog)';
	const shared =
		'((niet|zwak|matig|sterk|zeer sterk) gedeeld|niet of zwak gedeeld|(zwak|matig|sterk) tot (matig|sterk|zeer sterk) gedeeld)';
	await expect(sentences.first()).toHaveText(
		new RegExp(
			`^Inhoud: (${level} en ${shared}|niveau nog onzeker, ${shared}|${level}, overeenstemming nog onzeker|niveau en overeenstemming nog onzeker)$`
		)
	);
	await expect(page.locator('.sentences .figures').first()).toContainText(/95%-interval \d,\d\d–\d,\d\d/);
	await expect(sentences.filter({ hasText: /^Governance: laag/ })).toHaveCount(1);
	await expect(page.locator('.sentences .figures').first()).toContainText(/n = \d+/);
	// The explanation of the research words waits in the summary until asked for.
	await page.getByText('Hoe lezen we dit?').click();
	await expect(page.getByRole('heading', { name: 'Hoe lezen we ‘gedeeld’?' })).toBeVisible();
	await expect(page.getByText(/0,71–0,90\s*: sterke overeenstemming/)).toBeVisible();

	// Charts are drawn: each canvas has pixels and an accessible name on its wrapper.
	for (const name of [
		'Radar: niveau per perspectief',
		'Spreidingsdiagram: niveau tegen overeenstemming per stelling',
		'Staafdiagram: Bestuurlijk en ambtelijk',
		'Staafdiagram: Centrumgemeente en de overige partners',
		'Lijndiagram: niveau per perspectief per ronde'
	]) {
		const chart = page.getByRole('img', { name, exact: true });
		await expect(chart).toBeVisible();
		const inked = await chart.locator('canvas').evaluate((c: HTMLCanvasElement) => {
			const ctx = c.getContext('2d')!;
			const data = ctx.getImageData(0, 0, c.width, c.height).data;
			let n = 0;
			for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
			return n;
		});
		expect(inked, name).toBeGreaterThan(1000);
	}

	// Diverging bars for every statement (35) plus the five perspectives' pooled bars.
	expect(await page.locator('.rows .bar[role=img]').count()).toBeGreaterThanOrEqual(40);
	await expect(page.getByRole('heading', { name: 'Werken aan een gedeelde ambitie', level: 3 })).toBeVisible();

	// Heatmap with the network's reference row, and the gaps and movers tables.
	const heatmap = page.locator('table.heatmap');
	await expect(heatmap.locator('caption')).toContainText('Verschil per groep met de rest van het netwerk');
	await expect(heatmap.getByRole('rowheader', { name: 'Bestuurlijk', exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Beeldverschillen' })).toBeVisible();
	await expect(page.getByRole('table', { name: /^Grootste verbeteringen sinds / })).toBeAttached();
	await expect(page.getByRole('table', { name: /^Grootste achteruitgang sinds / })).toBeAttached();
	// The demo's previous round asked version 1 of the questionnaire, this one version 2: every
	// perspective gained or renamed a statement, so each is compared on the statements both asked.
	const basis = page.locator('.basis li');
	await expect(basis).toHaveCount(5);
	await expect(basis.first()).toHaveText(
		/^Inhoud: de stellingen verschillen tussen de rondes \(nu \d+, toen \d+\); vergeleken op de \d+\s+stellingen die beide rondes stelden\.$/
	);

	// Gespreksagenda: 5–8 statements, each with a question.
	const agenda = page.locator('.agenda-item');
	const count = await agenda.count();
	expect(count).toBeGreaterThanOrEqual(5);
	expect(count).toBeLessThanOrEqual(8);
	await expect(agenda.first().locator('.question')).toContainText('Gespreksvraag:');

	// Every chart's numbers are one click away.
	const toggle = page.getByText('Toon de cijfers als tabel').first();
	await toggle.click();
	await expect(page.getByRole('table', { name: 'Niveau en gedeeldheid per perspectief' })).toBeVisible();
});

test('a filter applies to every view and shows in the URL', async ({ page }) => {
	const round = await latestClosedRound(page);
	await page.goto(round.href);
	const submittedAll = Number(await tile(page, /^ingevuld \(/).textContent());
	const inhoudAll = await page.locator('.sentences .figures').first().textContent();

	await page.getByLabel('Toon').selectOption('role:ambtelijk');
	await page.getByRole('button', { name: 'Toepassen' }).click();
	await expect(page).toHaveURL(new RegExp(`${round.href}\\?role=ambtelijk$`));
	await expect(page.getByText('Getoond: Rol: Ambtelijk')).toBeVisible();
	const selection = Number(await tile(page, /in deze selectie$/).textContent());
	expect(selection).toBeGreaterThan(0);
	expect(selection).toBeLessThan(submittedAll);
	await expect(page.locator('.sentences .figures').first()).not.toHaveText(inhoudAll!);
	// One published group, nothing inside it: no breakdowns, and the page says why.
	await expect(page.locator('table.heatmap')).toHaveCount(0);
	await expect(page.getByText(/Uitsplitsingen naar groepen staan bij het hele netwerk/)).toBeVisible();
	// Report and agenda links carry the filter along.
	await expect(
		page.locator('.page-actions').getByRole('link', { name: 'Gespreksagenda', exact: true })
	).toHaveAttribute('href', `${round.href}/agenda?role=ambtelijk`);

	await page.getByRole('link', { name: 'Hele netwerk tonen' }).click();
	await expect(page).toHaveURL(new RegExp(`${round.href}$`));
	await expect(page.getByText('Getoond: het hele netwerk')).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('the filter form still works as a plain GET form', async ({ page }) => {
		const round = await latestClosedRound(page);
		await page.goto(round.href);
		await page.getByLabel('Toon').selectOption('helix:overheid');
		await page.getByRole('button', { name: 'Toepassen' }).click();
		await expect(page).toHaveURL(new RegExp(`${round.href}\\?helix=overheid$`));
		await expect(page.getByText('Getoond: Helix: Overheid')).toBeVisible();
		await expect(page.locator('.sentences .sentence')).toHaveCount(5);
	});
});

test('small groups are withheld, not shown: greyed with the k rule', async ({ page }) => {
	const round = await latestClosedRound(page);
	await page.goto(round.href);
	const row = page
		.locator('table.heatmap tr')
		.filter({ has: page.getByRole('rowheader', { name: 'Raad / Staten', exact: true }) });
	await expect(row.locator('td.withheld')).toHaveText('te weinig respondenten (< 5)');
	await expect(page.getByText(/Groepen met minder dan 5 respondenten worden niet getoond/)).toBeVisible();

	// A selection that is itself too small shows participation but no results.
	await page.goto(`${round.href}?partnerType=vakbond`);
	await expect(page.getByRole('status').filter({ hasText: 'Te weinig respondenten in deze selectie' })).toBeVisible();
	await expect(page.locator('.sentences')).toHaveCount(0);
	await expect(tile(page, /^uitgenodigd$/)).toHaveText(/^\d+$/);
});

test('an unknown value is ignored with a notice, never an error', async ({ page }) => {
	const round = await latestClosedRound(page);
	const res = await page.goto(`${round.href}?helix=%3Cb%3Ex%3C%2Fb%3E&body=`);
	expect(res!.status()).toBe(200);
	// Shown as text, never as markup.
	await expect(page.getByText('Onbekende waarde voor ‘Helix’ genegeerd: “<b>x</b>”.')).toBeVisible();
	await expect(page.getByText('Getoond: het hele netwerk')).toBeVisible();
});

test('a combination of groups is refused with 403 and a Dutch reason, on every dashboard page', async ({ page }) => {
	const round = await latestClosedRound(page);
	for (const path of ['', '/rapport', '/agenda']) {
		const res = await page.goto(`${round.href}${path}?helix=onderwijs&partnerType=onderwijs`);
		expect(res!.status()).toBe(403);
		await expect(page.getByRole('heading', { name: 'Deze selectie wordt niet getoond' })).toBeVisible();
		await expect(page.getByText(/Een selectie is één groep/)).toBeVisible();
	}
});

test('an unknown round is a 404', async ({ page }) => {
	const res = await page.goto('/admin/rounds/bestaat-niet');
	expect(res!.status()).toBe(404);
});

test('the report prints the whole dashboard with every table, the round, n and the k rule', async ({ page }) => {
	const round = await latestClosedRound(page);
	await page.goto(round.href);
	await page.getByRole('link', { name: 'Rapport om af te drukken of als pdf' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Rapport ${round.name}`);
	const facts = page.locator('.facts');
	await expect(facts).toContainText(round.name);
	await expect(facts).toContainText(/\d+ van \d+ uitgenodigden vulden de vragenlijst in/);
	await expect(facts).toContainText('Groepen met minder dan 5 respondenten worden niet getoond');
	// No folds in the report: every data table is on the page.
	await expect(page.locator('details')).toHaveCount(0);
	for (const name of [
		'Niveau en gedeeldheid per perspectief',
		'Antwoorden per stelling: Inhoud (aantallen)',
		'Bestuurlijk en ambtelijk: niveau per perspectief'
	])
		await expect(page.getByRole('table', { name, exact: true })).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.screen-only')).toBeHidden();
	await expect(page.locator('.site-footer')).toBeHidden();
});

test('the Gespreksagenda is printable on its own', async ({ page }) => {
	const round = await latestClosedRound(page);
	await page.goto(round.href);
	await page.locator('.page-actions').getByRole('link', { name: 'Gespreksagenda', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Gespreksagenda ${round.name}`);
	const items = page.locator('.agenda-item');
	expect(await items.count()).toBeGreaterThanOrEqual(5);
	await expect(items.first().getByRole('heading', { level: 2 })).toBeVisible();
	await expect(items.first().locator('.bar[role=img]')).toHaveAttribute(
		'aria-label',
		/^\d+ antwoorden: helemaal oneens \d+%/
	);
	// On paper the answer tables unfold.
	await page.emulateMedia({ media: 'print' });
	await expect(items.first().getByRole('table')).toBeVisible();
});

// One test per scan: the dashboard is a long page and axe takes a while on each.
const scans: { name: string; suffix: string; unfold?: boolean; width?: number }[] = [
	{ name: 'dashboard', suffix: '' },
	{ name: 'dashboard met tabellen', suffix: '', unfold: true },
	{ name: 'dashboard met filter', suffix: '?role=ambtelijk' },
	{ name: 'rapport', suffix: '/rapport' },
	{ name: 'agenda', suffix: '/agenda' },
	{ name: 'dashboard op 375 px', suffix: '', width: 375 }
];
for (const scan of scans)
	test(`axe finds no WCAG 2.1 AA violations: ${scan.name}`, async ({ page }) => {
		test.setTimeout(180_000);
		if (scan.width) await page.setViewportSize({ width: scan.width, height: 800 });
		const round = await latestClosedRound(page);
		await page.goto(round.href + scan.suffix);
		if (scan.unfold)
			await page.locator('details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
		await expectNoViolations(page, scan.name);
	});

test('the survey does not load the chart code; the dashboard does', async ({ page }) => {
	// Bodies arrive after the response event; keep the promises and wait for them all.
	let bodies: Promise<string>[] = [];
	page.on('response', (res) => {
		// By URL, not resource type: modulepreload fetches count as 'other'.
		if (new URL(res.url()).pathname.endsWith('.js')) bodies.push(res.text().catch(() => ''));
	});
	const loaded = async () => Promise.all(bodies);
	const chartCode = (s: string) =>
		s.includes('static id=`radialLinear`') ||
		s.includes("static id='radialLinear'") ||
		s.includes('static id="radialLinear"');
	const [link] = linksFor(190, 1); // far from the slices the survey specs answer
	await page.goto(link);
	await page.goto(`${link}/stap/1`);
	await page.waitForLoadState('networkidle');
	const survey = await loaded();
	expect(survey.length).toBeGreaterThan(0);
	expect(survey.some(chartCode)).toBe(false);

	bodies = [];
	const round = await latestClosedRound(page);
	await page.goto(round.href);
	await page.waitForLoadState('networkidle');
	await expect.poll(async () => (await loaded()).some(chartCode), { timeout: 15_000 }).toBe(true);
});

test.describe('as the regiobureau (viewer)', () => {
	test.use({ account: 'viewer' });
	test('a viewer sees the dashboard, the report and the agenda', async ({ page }) => {
		const round = await latestClosedRound(page);
		for (const path of ['', '/rapport', '/agenda']) {
			const res = await page.goto(`${round.href}${path}`);
			expect(res!.status()).toBe(200);
			await expect(page.getByRole('heading', { level: 1 })).toContainText(round.name);
		}
	});
});
