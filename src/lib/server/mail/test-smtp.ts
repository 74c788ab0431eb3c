/**
 * A real SMTP server on loopback for the specs (smtp-server, messages parsed with mailparser):
 * it can refuse some recipients at RCPT TO with a 550, drop the connection in the middle of a
 * message, take its time per message, and ask for a login.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export type Mailbox = {
	port: number;
	received: ParsedMail[];
	/** Addresses refused with "550 5.1.1 Mailbox unknown"; change it at any time. */
	refuse: Set<string>;
	/** Drops the connection at the next this-many messages' data, instead of accepting them. */
	dropNext: number;
	/** Waits this long before accepting each message. */
	delayMs: number;
	/** Every recipient address of every accepted message, in order. */
	recipients(): string[];
	close(): Promise<void>;
};

export async function startMailbox(opts: { user?: string; port?: number } = {}): Promise<Mailbox> {
	const box: Mailbox = {
		port: 0,
		received: [],
		refuse: new Set(),
		dropNext: 0,
		delayMs: 0,
		recipients: () =>
			box.received.flatMap((m) => {
				const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
				return to.flatMap((a) => a.value.map((v) => v.address ?? ''));
			}),
		close: () => {
			// A pooled client keeps its connection open, and smtp-server waits for it to end.
			dropConnections();
			return new Promise<void>((r) => server.close(() => r()));
		}
	};
	const dropConnections = () => {
		for (const c of (server as unknown as { connections: Set<{ _socket?: { destroy(): void } }> }).connections)
			c._socket?.destroy();
	};
	const server = new SMTPServer({
		disabledCommands: opts.user ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
		authOptional: !opts.user,
		allowInsecureAuth: true,
		logger: false,
		onAuth(auth, _session, done) {
			if (auth.username === opts.user && auth.password === 'geheim') done(null, { user: auth.username });
			else done(new Error('Onjuiste inloggegevens'));
		},
		onRcptTo(address, _session, done) {
			if (box.refuse.has(address.address)) {
				const err = new Error('5.1.1 Mailbox unknown') as Error & { responseCode: number };
				err.responseCode = 550;
				return done(err);
			}
			done();
		},
		onData(stream, _session, done) {
			if (box.dropNext > 0) {
				box.dropNext--;
				stream.resume();
				// What a server that dies or a network that breaks looks like to the client.
				dropConnections();
				return;
			}
			simpleParser(stream)
				.then(async (m) => {
					if (box.delayMs) await new Promise((r) => setTimeout(r, box.delayMs));
					box.received.push(m);
				})
				.then(() => done(), done);
		}
	});
	// A client that dies mid-conversation (an app instance killed with kill -9) resets its
	// connection; like a real mail server this one drops that session and goes on serving. Without
	// a listener the reset would be thrown in the test process.
	server.on('error', (e: NodeJS.ErrnoException) => {
		if (e.code !== 'ECONNRESET' && e.code !== 'EPIPE') console.error(`[test-smtp] ${e.message}`);
	});
	await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
	box.port = (server.server.address() as AddressInfo).port;
	return box;
}
