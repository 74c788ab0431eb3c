/**
 * Sending one message over SMTP with nodemailer. The outcome is what the SMTP server said, in
 * three kinds (issue 13): sent (with its answer), refused (it rejected the address or the message
 * at once: retrying will not help) and failed (no connection, a timeout, a temporary 4xx: worth
 * trying again later).
 */
import nodemailer from 'nodemailer';
import type { MailConfig } from './config';

export type Message = {
	to: string;
	subject: string;
	text: string;
	html: string;
	fromName?: string;
	headers?: Record<string, string>;
	attachments?: { filename: string; content: string; contentType: string }[];
};
export type SendOutcome =
	{ kind: 'sent'; response: string } | { kind: 'refused'; error: string } | { kind: 'failed'; error: string };

export type Config = Extract<MailConfig, { state: 'on' }>;

/** A name in a From header is quoted by nodemailer; only the characters that break a header go. */
const headerSafe = (name: string) => name.replace(/[\r\n"<>]/g, ' ').trim();

export type Mailer = { send(message: Message): Promise<SendOutcome>; close(): void };

/**
 * One connection to the SMTP server, kept open between messages of a batch (nodemailer's pool,
 * one connection, so messages go one at a time and at most one is ever in flight).
 */
export function createMailer(config: Config): Mailer {
	const url = new URL(config.url);
	const secure = url.protocol === 'smtps:';
	const transport = nodemailer.createTransport({
		pool: true,
		maxConnections: 1,
		host: url.hostname,
		port: Number(url.port || (secure ? 465 : 587)),
		secure,
		auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
		connectionTimeout: 15_000,
		greetingTimeout: 15_000,
		socketTimeout: 30_000
	});
	return {
		async send(message) {
			try {
				const name = headerSafe(message.fromName ?? '');
				const info = await transport.sendMail({
					from: name ? { name, address: config.from } : config.from,
					to: message.to,
					subject: message.subject,
					text: message.text,
					html: message.html,
					headers: message.headers,
					attachments: message.attachments
				});
				if (info.rejected.length > 0) return { kind: 'refused', error: String(info.response ?? 'Geweigerd') };
				return { kind: 'sent', response: String(info.response ?? '') };
			} catch (e) {
				const err = e as { responseCode?: number; response?: string; message?: string };
				const text = err.response ?? err.message ?? String(e);
				// 5xx: the server said no for good (unknown mailbox, refused sender, message refused).
				if (typeof err.responseCode === 'number' && err.responseCode >= 500) return { kind: 'refused', error: text };
				return { kind: 'failed', error: text };
			}
		},
		close: () => transport.close()
	};
}

/** One message on a connection of its own (the settings page's test message). */
export async function send(config: Config, message: Message): Promise<SendOutcome> {
	const mailer = createMailer(config);
	try {
		return await mailer.send(message);
	} finally {
		mailer.close();
	}
}
