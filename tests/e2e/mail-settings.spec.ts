import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { expect, freePort, logInAsAdmin, test } from './fresh-install';
import { expectNoViolations } from './axe';

/**
 * With SMTP set, the settings page says where mail goes and sends a test message to the logged-in
 * admin, through a real SMTP server on loopback that this spec runs; a refused address says so.
 */
const PORT = freePort();
const received: ParsedMail[] = [];
let refuse = false;
const smtp = new SMTPServer({
	disabledCommands: ['STARTTLS', 'AUTH'],
	authOptional: true,
	logger: false,
	onRcptTo(_address, _session, done) {
		if (!refuse) return done();
		const err = new Error('5.1.1 Mailbox unknown') as Error & { responseCode: number };
		err.responseCode = 550;
		done(err);
	},
	onData(stream, _session, done) {
		simpleParser(stream)
			.then((m) => received.push(m))
			.then(() => done(), done);
	}
});

test.use({ serverEnv: { SMTP_URL: `smtp://127.0.0.1:${PORT}`, MAIL_FROM: 'monitor@regio.test' } });
test.describe.configure({ mode: 'serial' });
test.beforeAll(() => new Promise<void>((r) => smtp.listen(PORT, '127.0.0.1', r)));
test.afterAll(() => new Promise<void>((r) => smtp.close(() => r())));

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
	await expect.poll(() => received.length).toBe(1);
	expect(received[0].subject).toContain('Testbericht');
	expect(received[0].to && 'text' in received[0].to ? received[0].to.text : '').toBe(fresh.admin.email);

	refuse = true;
	await page.getByRole('button', { name: /Stuur een testbericht/ }).click();
	await expect(page.getByRole('alert')).toContainText('De mailserver weigerde het testbericht');
	await expect(page.getByRole('alert')).toContainText('Mailbox unknown');
	await expectNoViolations(page, 'instellingen, testbericht geweigerd');
	expect(received).toHaveLength(1);
});
