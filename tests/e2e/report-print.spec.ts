import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { unzipSync, strFromU8 } from 'fflate';
import { test, expect, latestClosedRound } from './dashboard-login';
import { expectNoViolations } from './axe';
import { freePort } from './fresh-install';
import { parseDemoOutput } from './demo-output';
import { startMailbox } from '../../src/lib/server/mail/test-smtp';
import type { PublishedSnapshot } from '../../src/lib/model/published';

/**
 * The report as it comes off the printer (Chromium's PDF with print media) for the demo's latest
 * closed round: few pages, none nearly empty, none of the site's controls on paper; and the
 * partner reports: one for every partner whose cell the audit published and for no other, as
 * pages, as a zip of HTML files, and by e-mail to the contact persons (admin only).
 */
const roundIdOf = (href: string) => href.split('/').filter(Boolean).at(-1)!;
const SITE_LABELS = [
	'Uitloggen',
	'Naar de inhoud',
	'Afdrukken of opslaan als pdf',
	'Terug naar het dashboard',
	'Privacyverklaring',
	'Vragenlijsten',
	'Logboek'
];

/** The text of each page of a PDF, read with PDF.js: the same in CI and on any developer's machine. */
async function pdfPages(pdf: Buffer): Promise<string[]> {
	const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true }).promise;
	try {
		const pages: string[] = [];
		for (let i = 1; i <= doc.numPages; i++) {
			const { items } = await (await doc.getPage(i)).getTextContent();
			pages.push(items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
		}
		return pages;
	} finally {
		await doc.destroy();
	}
}

/** The partners whose own cell the snapshot released, read from the admin's archive export. */
async function publishedPartnerIds(request: import('@playwright/test').APIRequestContext, roundId: string) {
	const res = await request.get(`/admin/rounds/${roundId}/export/ronde.json`);
	expect(res.status()).toBe(200);
	const archive = (await res.json()) as { published: { snapshot: PublishedSnapshot } };
	const cells = archive.published.snapshot.cells.filter((c) => c.cell.dimension === 'partner');
	return {
		released: cells.filter((c) => c.n.released).map((c) => c.cell.value!),
		withheld: cells.filter((c) => !c.n.released).map((c) => c.cell.value!),
		k: archive.published.snapshot.k
	};
}

test('the printed report: at most 12 pages, none nearly empty, no site controls on paper', async ({ page }) => {
	const round = await latestClosedRound(page);
	await page.goto(`${round.href}/rapport`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Rapport ${round.name}`);
	await expectNoViolations(page, 'rapport');
	await page.emulateMedia({ media: 'print' });
	const pages = await pdfPages(await page.pdf({ format: 'A4' }));
	const fill = pages.map((t) => t.replace(/\s+/g, '').length);
	console.log(`rapport ${round.name}: ${pages.length} pagina’s, tekens per pagina ${fill.join(' ')}`);
	expect(pages.length).toBeLessThanOrEqual(12);
	const fullest = Math.max(...fill);
	fill.slice(1).forEach((n, i) => expect(n, `pagina ${i + 2} is bijna leeg`).toBeGreaterThanOrEqual(fullest / 3));
	const text = pages.join('\n');
	for (const label of SITE_LABELS) expect(text, label).not.toContain(label);
	expect(pages[0]).toContain(round.name);
	expect(text).toContain('Samenvatting');
	expect(text).toContain('Bijlage: zo is gerekend');
	// The page's foot: the round's name and its number, on every page.
	pages.forEach((t, i) => expect(t).toContain(`pagina ${i + 1} van ${pages.length}`));
	expect(pages.at(-1)).toContain(`Rapport ${round.name}`);
});

test('a partner report for every published partner, none for the others, and a zip of them', async ({ page }) => {
	const round = await latestClosedRound(page);
	const roundId = roundIdOf(round.href);
	const { released, withheld, k } = await publishedPartnerIds(page.request, roundId);
	expect(released.length).toBeGreaterThan(0);

	await page.goto(`${round.href}/partners`);
	await expectNoViolations(page, 'partnerrapporten');
	const links = page.getByRole('table').getByRole('link');
	const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
	expect(hrefs.map((h) => h.split('/').at(-1)).sort()).toEqual([...released].sort());
	await expect(page.getByText(new RegExp(`minder dan ${k} deelnemers`))).toBeVisible();
	for (const id of withheld) expect((await page.request.get(`${round.href}/partners/${id}`)).status(), id).toBe(404);

	await page.goto(hrefs[0]);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('heading', { name: /Per perspectief/ })).toBeVisible();
	await expectNoViolations(page, 'partnerrapport');
	await page.emulateMedia({ media: 'print' });
	const printed = await pdfPages(await page.pdf({ format: 'A4' }));
	expect(printed.length).toBeGreaterThan(0);
	for (const label of SITE_LABELS) expect(printed.join('\n'), label).not.toContain(label);
	printed.forEach((t, i) => expect(t).toContain(`pagina ${i + 1} van ${printed.length}`));

	const zip = await page.request.get(`${round.href}/partners/rapporten.zip`);
	expect(zip.status()).toBe(200);
	const files = unzipSync(new Uint8Array(await zip.body()));
	const names = Object.keys(files);
	expect(names.map((n) => n.replace(`-${roundId}.html`, '')).sort()).toEqual([...released].sort());
	for (const name of names) {
		const html = strFromU8(files[name]);
		expect(html, name).toMatch(/^<!doctype html>/);
		expect(html, name).not.toMatch(/<script|<link /i);
		expect(html, name).toContain('<style');
	}
});

test.describe('as the regiobureau (viewer)', () => {
	test.use({ account: 'viewer' });
	test('a viewer reads partner reports but may not download or send them', async ({ page }) => {
		const round = await latestClosedRound(page);
		await page.goto(`${round.href}/partners`);
		await expect(page.getByRole('link', { name: /downloaden/ })).toHaveCount(0);
		const first = await page.getByRole('table').getByRole('link').first().getAttribute('href');
		expect((await page.request.get(first!)).status()).toBe(200);
		expect((await page.request.get(`${round.href}/partners/rapporten.zip`)).status()).toBe(403);
		const send = await page.request.post(`${round.href}/partners?/send`, {
			headers: { origin: new URL(page.url()).origin },
			form: {}
		});
		expect(send.status()).toBe(403);
	});
});

test.describe('sending to the contact persons', () => {
	let server: ChildProcess | null = null;
	let dataDir = '';
	test.afterAll(async () => {
		if (server && server.exitCode === null) {
			server.kill('SIGTERM');
			await new Promise((r) => server!.once('exit', r));
		}
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	});

	test('one message per published partner with a contact e-mail reaches the mail server', async ({ browser }) => {
		test.setTimeout(120_000);
		const box = await startMailbox();
		try {
			dataDir = mkdtempSync(join(tmpdir(), 'am-e2e-report-mail-'));
			const port = freePort();
			const origin = `http://localhost:${port}`;
			const env = {
				...process.env,
				DATA_DIR: dataDir,
				PORT: String(port),
				ORIGIN: origin,
				SMTP_URL: `smtp://127.0.0.1:${box.port}`,
				MAIL_FROM: 'monitor@regio.test',
				MAIL_RATE: '6000'
			};
			const login = parseDemoOutput(
				execFileSync(process.execPath, ['build/cli/main.js', 'demo'], { env, encoding: 'utf8' })
			);
			server = spawn(process.execPath, ['scripts/serve.js'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
			let out = '';
			server.stdout!.on('data', (b) => (out += b));
			await expect.poll(() => out, { timeout: 30_000 }).toMatch(new RegExp(`Listening on \\S*:${port}\\b`));

			const context = await browser.newContext({ baseURL: origin, storageState: undefined });
			const page = await context.newPage();
			await page.goto('/login');
			await page.getByLabel('E-mailadres').fill(login.email);
			await page.getByLabel('Wachtwoord').fill(login.password);
			await page.getByRole('button', { name: 'Inloggen' }).click();
			await expect(page.getByRole('heading', { name: 'Meetrondes' })).toBeVisible();
			const round = await latestClosedRound(page);
			await page.goto(`${round.href}/partners`);
			const rows = page.getByRole('table').locator('tbody tr');
			const withMail = await rows.filter({ hasText: '@' }).count();
			const without = await rows.filter({ hasText: 'geen contact-e-mail' }).count();
			expect(withMail).toBeGreaterThan(0);
			expect(without).toBeGreaterThan(0);
			await expect(page.getByText(/Zonder contact-e-mail/)).toBeVisible();

			await page.getByRole('button', { name: 'Rapporten versturen' }).click();
			await expect(page.getByRole('status')).toContainText(`${withMail} rapporten verstuurd`);
			expect(box.received).toHaveLength(withMail);
			const recipients = box.recipients();
			expect(new Set(recipients).size).toBe(withMail);
			for (const m of box.received) {
				expect(m.subject).toMatch(/^Partnerrapport /);
				expect(m.attachments.map((a) => a.contentType)).toEqual(['text/html']);
				expect(m.html || '').not.toMatch(/<script/i);
			}
			await page.goto('/admin/logboek');
			await expect(page.getByText('Partnerrapport verstuurd').first()).toBeVisible();
			await context.close();
		} finally {
			await box.close();
		}
	});
});
