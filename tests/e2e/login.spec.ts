import { expect, test } from '@playwright/test';
import { demo } from './demo-output';

test('the regiobureau logs in, sees the rounds, and logs out', async ({ page }) => {
	const { email, password } = demo();
	await page.goto('/admin');
	await expect(page).toHaveURL(/\/login\?next=%2Fadmin/);
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(password);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page.getByRole('heading', { name: 'Meetrondes' })).toBeVisible();
	const rows = page.locator('tbody tr');
	await expect(rows).toHaveCount(3);
	await expect(page.getByRole('link', { name: /2025/ }).first()).toHaveAttribute('href', /^\/admin\/rounds\//);

	const cookies = await page.context().cookies();
	const session = cookies.find((c) => c.name === 'am_session');
	expect(session?.httpOnly).toBe(true);
	expect(session?.sameSite).toBe('Lax');

	await page.getByRole('button', { name: 'Uitloggen' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await page.goto('/admin');
	await expect(page).toHaveURL(/\/login/);
});

test('wrong credentials get one Dutch message that does not say which field was wrong', async ({ page }) => {
	const { email } = demo();
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill('niet-het-wachtwoord');
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page.getByRole('alert')).toHaveText('Deze combinatie van e-mailadres en wachtwoord kennen we niet.');

	await page.getByLabel('E-mailadres').fill('onbekend@example.org');
	await page.getByLabel('Wachtwoord').fill('iets');
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page.getByRole('alert')).toHaveText('Deze combinatie van e-mailadres en wachtwoord kennen we niet.');
});

test('what is typed before the page script runs is kept, as password managers fill early', async ({ page }) => {
	// A slow connection: the page is there, its script held back until the address is typed.
	let release = () => {};
	const held = new Promise<void>((r) => (release = r));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	// SvelteKit starts its router, which sets this, only once the page has hydrated.
	const hydrated = () => page.evaluate(() => history.scrollRestoration === 'manual');
	await page.goto('/login', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('E-mailadres').fill('vroeg@example.org');
	expect(await hydrated()).toBe(false);
	release();
	await page.waitForFunction(() => history.scrollRestoration === 'manual');
	// Effects that hydration queued run before the next frame.
	await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
	await expect(page.getByLabel('E-mailadres')).toHaveValue('vroeg@example.org');
});

test('empty fields are named next to the field', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page.locator('#email-error')).toHaveText('Vul uw e-mailadres in');
	await expect(page.locator('#password-error')).toHaveText('Vul uw wachtwoord in');
	await expect(page.getByLabel('E-mailadres')).toHaveAttribute('aria-invalid', 'true');
});

test('login attempts for one account are rate limited', async ({ request }) => {
	let last = 0;
	for (let i = 0; i < 12; i++) {
		const res = await request.post('/login', {
			form: { email: 'brute@example.org', password: `gok-${i}` },
			// A browser's plain form post: SvelteKit answers with the page and the action's status.
			headers: { origin: new URL(page_origin()).origin, accept: 'text/html' }
		});
		last = res.status();
	}
	expect(last).toBe(429);
});

function page_origin() {
	return test.info().project.use.baseURL!;
}
