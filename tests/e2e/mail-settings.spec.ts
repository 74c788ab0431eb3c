import { startMailbox, type Mailbox } from '../../src/lib/server/mail/test-smtp';
import { expect, freePort, logInAsAdmin, test } from './fresh-install';
import { expectNoViolations } from './axe';

/**
 * With SMTP set, the settings page says where mail goes and sends a test message to the logged-in
 * admin, through a real SMTP server on loopback that this spec runs; a refused address says so.
 */
const PORT = freePort();
let box: Mailbox;

test.use({ serverEnv: { SMTP_URL: `smtp://127.0.0.1:${PORT}`, MAIL_FROM: 'monitor@regio.test' } });
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
	box = await startMailbox({ port: PORT });
});
test.afterAll(() => box.close());

test('the admin sends a test message and reads the server’s answer; a refusal is shown with its reason', async ({
	page,
	fresh
}) => {
	await logInAsAdmin(page, fresh);
	await page.goto('/admin/instellingen');
	await expect(page.locator('#email + p')).toContainText(`smtp://127.0.0.1:${PORT}`);
	await expect(page.locator('#email + p')).toContainText('monitor@regio.test');
	await expectNoViolations(page, 'instellingen, e-mail ingesteld');

	await page.getByRole('button', { name: `Stuur een testbericht naar ${fresh.admin.email}` }).click();
	await expect(page.getByRole('status')).toContainText('Het testbericht is verstuurd');
	await expect.poll(() => box.received.length).toBe(1);
	expect(box.received[0].subject).toContain('Testbericht');
	expect(box.received[0].to && 'text' in box.received[0].to ? box.received[0].to.text : '').toBe(fresh.admin.email);

	box.refuse.add(fresh.admin.email);
	await page.getByRole('button', { name: /Stuur een testbericht/ }).click();
	await expect(page.getByRole('alert')).toContainText('De mailserver weigerde het testbericht');
	await expect(page.getByRole('alert')).toContainText('Mailbox unknown');
	await expectNoViolations(page, 'instellingen, testbericht geweigerd');
	expect(box.received).toHaveLength(1);
});
