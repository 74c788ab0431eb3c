/**
 * Outgoing mail's settings come from the environment, not from the data folder (DESIGN.md §5):
 * `SMTP_URL` (`smtp://user:pass@host:587`, `smtps://…`), `MAIL_FROM` (the address mail is sent
 * from, where bounces arrive) and optionally `MAIL_RATE` (messages per minute, default 60) and
 * `MAIL_LEASE_SECONDS` (how long a message claimed by an instance that stopped answering waits
 * before another sends it, default 120; sender.ts). Without
 * `SMTP_URL` nothing is sent and the round page offers the links as a CSV instead.
 */
import { z } from 'zod';

export type MailConfig =
	| { state: 'off' }
	| { state: 'invalid'; problem: string }
	| {
			state: 'on';
			url: string;
			/** What the settings page may show: scheme, host and port, never the credentials. */
			server: string;
			from: string;
			perMinute: number;
			leaseSeconds: number;
	  };

const email = z.email();

export function mailConfig(env: Record<string, string | undefined> = process.env): MailConfig {
	const raw = env.SMTP_URL?.trim();
	if (!raw) return { state: 'off' };
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return {
			state: 'invalid',
			problem: 'SMTP_URL is geen geldig adres (voorbeeld: smtp://gebruiker:wachtwoord@mail.example.nl:587).'
		};
	}
	if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
		return { state: 'invalid', problem: `SMTP_URL moet met smtp:// of smtps:// beginnen, niet met ${url.protocol}//.` };
	if (!url.hostname) return { state: 'invalid', problem: 'SMTP_URL noemt geen server.' };
	const from = env.MAIL_FROM?.trim() ?? '';
	if (!email.safeParse(from).success)
		return {
			state: 'invalid',
			problem: from
				? `MAIL_FROM (${from}) is geen e-mailadres.`
				: 'MAIL_FROM ontbreekt: het adres waarvandaan de mail gaat en waar onbestelbare berichten terugkomen.'
		};
	const rate = env.MAIL_RATE?.trim();
	const perMinute = rate ? Number(rate) : 60;
	if (!Number.isInteger(perMinute) || perMinute < 1 || perMinute > 10_000)
		return {
			state: 'invalid',
			problem: `MAIL_RATE moet een heel aantal berichten per minuut zijn (1 tot 10.000), niet ${rate}.`
		};
	const lease = env.MAIL_LEASE_SECONDS?.trim();
	const leaseSeconds = lease ? Number(lease) : 120;
	if (!Number.isInteger(leaseSeconds) || leaseSeconds < 1 || leaseSeconds > 3600)
		return {
			state: 'invalid',
			problem: `MAIL_LEASE_SECONDS moet een heel aantal seconden zijn (1 tot 3600), niet ${lease}.`
		};
	const port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
	return {
		state: 'on',
		url: raw,
		server: `${url.protocol}//${url.hostname}:${port}`,
		from,
		perMinute,
		leaseSeconds
	};
}
