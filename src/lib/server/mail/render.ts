/**
 * One person's invitation or reminder, made from the round's texts at the moment it is sent (or
 * previewed): the placeholders filled in, a plain-text part and a simple HTML part made from it,
 * and the footer that says why the person receives it, whom to ask, and how to decline.
 */
import { fillPlaceholders, textOf, type Placeholder, type RoundMail } from '$lib/model/mail-texts';
import type { MailKind } from '$lib/model/outbox';
import { formatMoment } from '$lib/format';
import type { Respondent } from '$lib/model/network';
import type { Round } from '$lib/model/round';
import { roundMailTexts } from '$lib/model/mail-texts';
import type { NetworkFile } from '../store/files';

export type Recipient = { name: string; partner: string };
export type RoundFacts = {
	roundName: string;
	closesAt: string;
	networkName: string;
	senderName: string;
	contactEmail: string;
};
export type Rendered = {
	subject: string;
	text: string;
	html: string;
	/** The HTML part's paragraphs without the document around them (the admin's preview shows them). */
	htmlBody: string;
	headers: Record<string, string>;
};

const escapeHtml = (s: string) =>
	s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Paragraphs from blank lines, line breaks kept, and the two links clickable (nothing else is). */
function toHtml(text: string, links: string[]): { html: string; htmlBody: string } {
	// Longest first: the decline link begins with the survey link.
	const pattern = new RegExp(
		[...links]
			.sort((a, b) => b.length - a.length)
			.map((l) => escapeHtml(l).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
			.join('|'),
		'g'
	);
	const paragraphs = text.split(/\n{2,}/).map((p) => {
		const html = escapeHtml(p).replace(pattern, (e) => `<a href="${e}">${e}</a>`);
		return `<p>${html.replace(/\n/g, '<br>\n')}</p>`;
	});
	const htmlBody = paragraphs.join('\n');
	return {
		html:
			'<!doctype html><html lang="nl"><head><meta charset="utf-8"></head>' +
			'<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em; overflow-wrap: break-word">' +
			htmlBody +
			'</body></html>',
		htmlBody
	};
}

export function renderMail(
	mail: RoundMail,
	kind: MailKind,
	to: Recipient,
	round: RoundFacts,
	links: { survey: string; decline: string }
): Rendered {
	const sender = round.senderName || round.networkName;
	const values: Record<Placeholder, string> = {
		naam: to.name || 'deelnemer',
		partner: to.partner,
		link: links.survey,
		sluitdatum: formatMoment(round.closesAt),
		netwerk: round.networkName,
		afzender: sender
	};
	const text = textOf(mail, kind);
	const contact = round.contactEmail ? ` Vragen? Mail ${round.contactEmail}.` : '';
	const footer = [
		'-- ',
		`U ontvangt dit bericht omdat u namens ${to.partner || 'uw organisatie'} bent uitgenodigd voor ${round.roundName} van ${round.networkName}.${contact}`,
		'',
		`Doet u deze keer niet mee? Laat het ons weten, dan krijgt u geen herinneringen meer: ${links.decline}`
	].join('\n');
	const body = `${fillPlaceholders(text.body, values)}\n\n${footer}`;
	return {
		// A subject is one header line: a placeholder's value must not break it.
		subject: fillPlaceholders(text.subject, values).replace(/[\r\n]+/g, ' '),
		text: body,
		...toHtml(body, [links.survey, links.decline]),
		// Mail programs offer "afmelden" from this header; it opens the same page as the footer's link.
		headers: { 'List-Unsubscribe': `<${links.decline}>` }
	};
}

/** The message one person of the network gets for this round, with the round's own texts. */
export function renderFor(
	network: Readonly<NetworkFile>,
	round: Round,
	kind: MailKind,
	person: Respondent,
	links: { survey: string; decline: string },
	mail: RoundMail = roundMailTexts(round)
): Rendered {
	const settings = network.network;
	return renderMail(
		mail,
		kind,
		{ name: person.name, partner: network.partners.find((p) => p.id === person.partnerId)?.name ?? '' },
		{
			roundName: round.name,
			closesAt: round.closesAt,
			networkName: settings?.name ?? '',
			senderName: settings?.senderName ?? '',
			contactEmail: settings?.contactEmail ?? ''
		},
		links
	);
}
