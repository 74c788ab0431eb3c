import { afterEach, describe, expect, it } from 'vitest';
import { mailConfig } from './config';
import { startMailbox, type Mailbox } from './test-smtp';
import { sendTestMessage } from './test-message';
import { domainContext } from '../context';
import { openFixture, NOW, type Fixture } from '../survey/test-fixture';

let fx: Fixture | null = null;
let smtp: Mailbox | null = null;
afterEach(async () => {
	await smtp?.close();
	await fx?.close();
	smtp = fx = null;
});
const admin = { id: 'u-admin', email: 'beheer@regio-test.invalid', role: 'admin' as const };

describe('mailConfig', () => {
	it('is off without SMTP_URL, and says what is wrong with a bad setting', () => {
		expect(mailConfig({})).toEqual({ state: 'off' });
		expect(mailConfig({ SMTP_URL: 'http://mail.example.nl', MAIL_FROM: 'a@b.nl' })).toMatchObject({
			state: 'invalid',
			problem: expect.stringContaining('smtp://')
		});
		expect(mailConfig({ SMTP_URL: 'smtp://mail.example.nl' })).toMatchObject({
			state: 'invalid',
			problem: expect.stringContaining('MAIL_FROM ontbreekt')
		});
		expect(mailConfig({ SMTP_URL: 'smtp://mail.example.nl', MAIL_FROM: 'a@b.nl', MAIL_RATE: 'veel' })).toMatchObject({
			state: 'invalid',
			problem: expect.stringContaining('MAIL_RATE')
		});
		expect(mailConfig({ SMTP_URL: 'nonsens', MAIL_FROM: 'a@b.nl' })).toMatchObject({ state: 'invalid' });
	});

	it('shows the server without its credentials', () => {
		const c = mailConfig({ SMTP_URL: 'smtps://regio:g3h31m@mail.example.nl', MAIL_FROM: 'monitor@regio.nl' });
		expect(c).toMatchObject({
			state: 'on',
			server: 'smtps://mail.example.nl:465',
			from: 'monitor@regio.nl',
			perMinute: 60
		});
		expect(JSON.stringify(c.state === 'on' && c.server)).not.toContain('g3h31m');
	});
});

describe('the test message', () => {
	it('reaches the admin over real SMTP, with a text and an HTML part, and is recorded', async () => {
		fx = await openFixture();
		smtp = await startMailbox({ user: 'regio' });
		const config = mailConfig({
			SMTP_URL: `smtp://regio:geheim@127.0.0.1:${smtp.port}`,
			MAIL_FROM: 'monitor@regio.invalid'
		});
		const out = await sendTestMessage(
			domainContext(fx.store, admin, () => NOW),
			config
		);
		expect(out).toMatchObject({ kind: 'sent', response: expect.stringContaining('250') });
		expect(smtp.received).toHaveLength(1);
		const m = smtp.received[0];
		expect(m.to && 'text' in m.to ? m.to.text : '').toBe(admin.email);
		expect(m.from?.value[0].address).toBe('monitor@regio.invalid');
		expect(m.subject).toContain('Testbericht');
		expect(m.text).toContain('Instellingen');
		expect(m.html).toContain('<p>');
		expect((await fx.store.readAudit()).at(-1)).toMatchObject({ action: 'mail.test', actor: { email: admin.email } });
	});

	it('says refused when the server rejects the address, and failed when nothing answers', async () => {
		fx = await openFixture();
		smtp = await startMailbox();
		smtp.refuse.add(admin.email);
		const ctx = domainContext(fx.store, admin, () => NOW);
		const refused = await sendTestMessage(
			ctx,
			mailConfig({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'monitor@regio.invalid' })
		);
		expect(refused).toMatchObject({ kind: 'refused', error: expect.stringContaining('Mailbox unknown') });
		const port = smtp.port;
		await smtp.close();
		smtp = null;
		const failed = await sendTestMessage(
			ctx,
			mailConfig({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'monitor@regio.invalid' })
		);
		expect(failed.kind).toBe('failed');
		expect((await fx.store.readAudit()).filter((e) => e.action === 'mail.test').map((e) => e.detail)).toEqual([
			`naar ${admin.email}: geweigerd`,
			`naar ${admin.email}: mislukt`
		]);
	});

	it('sends nothing when mail is off or set wrongly, and only an admin may send one', async () => {
		fx = await openFixture();
		const ctx = domainContext(fx.store, admin, () => NOW);
		expect(await sendTestMessage(ctx, { state: 'off' })).toEqual({ kind: 'off' });
		expect(await sendTestMessage(ctx, { state: 'invalid', problem: 'x' })).toEqual({ kind: 'invalid', error: 'x' });
		const viewer = domainContext(fx.store, { ...admin, role: 'viewer' as const }, () => NOW);
		await expect(sendTestMessage(viewer, { state: 'off' })).rejects.toThrow();
	});
});
