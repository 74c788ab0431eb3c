import { existsSync, mkdirSync, openSync, closeSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { demo } from './demo-output';
import { TMP_DIR } from './env';

/**
 * Logs in once per test run and keeps the session as Playwright storage state. The login limiter
 * allows 10 attempts per e-mail address per 15 minutes, so specs share this state rather than
 * logging in per test. A lock file keeps two workers from logging in at the same moment.
 */
export type Account = 'admin' | 'viewer';

export const statePath = (account: Account) => join(TMP_DIR, `${account}-state.json`);

export async function loggedIn(browser: Browser, account: Account, baseURL: string): Promise<string> {
	const path = statePath(account);
	const lock = `${path}.lock`;
	mkdirSync(TMP_DIR, { recursive: true });
	for (let waited = 0; !existsSync(path); waited += 200) {
		let fd: number;
		try {
			fd = openSync(lock, 'wx');
		} catch {
			if (waited > 30_000) throw new Error(`Wachten op ${lock} duurt te lang`);
			await new Promise((r) => setTimeout(r, 200));
			continue;
		}
		try {
			const creds = account === 'admin' ? demo() : demo().viewer;
			const context = await browser.newContext({ baseURL });
			const page = await context.newPage();
			await page.goto('/login');
			await page.getByLabel('E-mailadres').fill(creds.email);
			await page.getByLabel('Wachtwoord').fill(creds.password);
			await page.getByRole('button', { name: 'Inloggen' }).click();
			await expect(page.getByRole('heading', { name: 'Meetrondes' })).toBeVisible();
			await context.storageState({ path });
			await context.close();
		} finally {
			closeSync(fd);
			rmSync(lock, { force: true });
		}
	}
	return path;
}

/** `test` whose pages are logged in as `account` (admin unless a spec says otherwise). */
export const test = base.extend<{ account: Account }>({
	account: ['admin', { option: true }],
	storageState: async ({ browser, account, baseURL }, use) => {
		await use(await loggedIn(browser, account, baseURL!));
	}
});
export { expect };

/** The newest closed round, found the way a user would: on the round list (its name is the row's first link). */
export async function latestClosedRound(page: Page): Promise<{ href: string; name: string }> {
	await page.goto('/admin');
	const link = page.locator('tbody tr').filter({ hasText: 'Gesloten' }).first().getByRole('link').first();
	const href = await link.getAttribute('href');
	const name = (await link.textContent())?.trim();
	if (!href || !name) throw new Error('Geen gesloten ronde in de lijst');
	return { href, name };
}
