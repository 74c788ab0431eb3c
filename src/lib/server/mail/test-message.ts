/**
 * The settings page's test message: one e-mail to the logged-in admin, so that a regiobureau sees
 * its SMTP settings work (or why not) before a round's invitations depend on them.
 */
import type { DomainContext } from '../context';
import * as audit from '../audit';
import { mailConfig, type MailConfig } from './config';
import { send, type SendOutcome } from './transport';

/** What the settings page shows of the mail settings: never the credentials. */
export type MailStatus =
	| { state: 'off' }
	| { state: 'invalid'; problem: string }
	| { state: 'on'; server: string; from: string; perMinute: number };

export function mailStatus(config: MailConfig = mailConfig()): MailStatus {
	if (config.state !== 'on') return config;
	return { state: 'on', server: config.server, from: config.from, perMinute: config.perMinute };
}

export type TestMailResult = SendOutcome | { kind: 'off' } | { kind: 'invalid'; error: string };

export async function sendTestMessage(ctx: DomainContext, config: MailConfig = mailConfig()): Promise<TestMailResult> {
	if (ctx.actor?.role !== 'admin') throw new Error('sendTestMessage: alleen voor beheerders');
	if (config.state === 'off') return { kind: 'off' };
	if (config.state === 'invalid') return { kind: 'invalid', error: config.problem };
	const settings = ctx.store.network().network;
	const networkName = settings?.name || 'de Alliantiemonitor';
	const to = ctx.actor.email;
	const text = [
		`Dit is een testbericht van de Alliantiemonitor van ${networkName}.`,
		'',
		`U vroeg het aan op de pagina Instellingen. Komt het aan, dan kan de app uitnodigingen en herinneringen versturen via ${config.server}, vanaf ${config.from}.`,
		'',
		'U hoeft niets te doen.'
	].join('\n');
	const html = text
		.split('\n\n')
		.map((p) => `<p>${p.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`)
		.join('');
	const outcome = await send(config, {
		to,
		subject: `Testbericht van de Alliantiemonitor (${networkName})`,
		text,
		html,
		fromName: settings?.senderName || networkName
	});
	await audit.record(
		ctx,
		'mail.test',
		null,
		outcome.kind === 'sent'
			? `naar ${to}: verstuurd`
			: `naar ${to}: ${outcome.kind === 'refused' ? 'geweigerd' : 'mislukt'}`
	);
	return outcome;
}
