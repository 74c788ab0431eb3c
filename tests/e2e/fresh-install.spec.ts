import { expect, logInAsAdmin, test } from './fresh-install';

test('an empty installation (DEMO=0) has no network data, and its first admin logs in', async ({ page, fresh }) => {
	await page.goto('/');
	await expect(page.getByText('Demo-omgeving')).toHaveCount(0);
	await logInAsAdmin(page, fresh);
	await expect(page.getByText('Er zijn nog geen meetrondes.')).toBeVisible();
	await expect(page.getByRole('link', { name: new RegExp(fresh.admin.email) })).toBeVisible();
	await expect(page.getByText('(beheerder)')).toBeVisible();
});
