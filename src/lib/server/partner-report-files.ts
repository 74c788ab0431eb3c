/**
 * Partner reports outside the app: each as one self-contained HTML file (its styles inline, no
 * script, printable to PDF from any browser), all of them as one zip for the admin, and each sent
 * to the partner's contact person by e-mail. Sending is a direct message per partner, recorded in
 * the audit log; it is no invitation and does not go through the round's outbox.
 */
import { error } from '@sveltejs/kit';
import { render } from 'svelte/server';
import { strToU8, zipSync } from 'fflate';
import PartnerReportView from '$lib/components/partner/PartnerReportView.svelte';
import type { PartnerReport } from '$lib/analysis/partner-report';
import type { DomainContext } from './context';
import * as audit from './audit';
import { mailConfig, type MailConfig } from './mail/config';
import { createMailer } from './mail/transport';
import { allReports } from './partner-reports';

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function requireAdmin(ctx: DomainContext) {
	if (ctx.actor?.role !== 'admin') error(403, { message: 'Hiervoor zijn beheerrechten nodig.' });
}

/** The report as a whole HTML document: what the page shows, without the app around it. */
export function reportHtml(report: PartnerReport): string {
	const { head, body } = render(PartnerReportView, { props: { report } });
	const title = escapeHtml(`${report.partner.name} · ${report.round.name} · partnerrapport`);
	return (
		`<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>${title}</title><style>body{margin:0 auto;padding:0 1rem;max-width:54rem}@page{size:A4;margin:10mm 12mm 12mm}</style>` +
		`${head}</head><body>${body}</body></html>\n`
	);
}

/** Partner ids are safe in a file name; the round in it keeps files of two rounds apart. */
export const reportFileName = (report: PartnerReport) => `${report.partner.id}-${report.round.id}.html`;

export async function reportsZip(ctx: DomainContext, roundId: string): Promise<Response> {
	requireAdmin(ctx);
	const reports = await allReports(ctx, roundId);
	const files = Object.fromEntries(reports.map((r) => [reportFileName(r), strToU8(reportHtml(r))]));
	const zip = zipSync(files, { level: 6 });
	await audit.record(ctx, 'partner-reports.downloaded', roundId, `${reports.length} partnerrapporten als zip`);
	return new Response(zip, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="partnerrapporten-${roundId}.zip"`,
			'cache-control': 'no-store'
		}
	});
}

export type SendSummary =
	| { kind: 'off' }
	| { kind: 'invalid'; error: string }
	| { kind: 'done'; sent: string[]; failed: { partner: string; error: string }[]; withoutAddress: string[] };

/** One message per published partner with a contact address, the report attached and inline. */
export async function sendReports(
	ctx: DomainContext,
	roundId: string,
	config: MailConfig = mailConfig()
): Promise<SendSummary> {
	requireAdmin(ctx);
	if (config.state === 'off') return { kind: 'off' };
	if (config.state === 'invalid') return { kind: 'invalid', error: config.problem };
	const reports = await allReports(ctx, roundId);
	const settings = ctx.store.network().network;
	const networkName = settings?.name || 'de Alliantiemonitor';
	const mailer = createMailer(config);
	const sent: string[] = [];
	const failed: { partner: string; error: string }[] = [];
	const withoutAddress: string[] = [];
	try {
		for (const r of reports) {
			if (!r.partner.contactEmail) {
				withoutAddress.push(r.partner.name);
				continue;
			}
			const html = reportHtml(r);
			const greeting = r.partner.contactName ? `Beste ${r.partner.contactName},` : 'Beste contactpersoon,';
			const text = [
				greeting,
				'',
				`Hierbij het partnerrapport van ${r.partner.name} over meetronde ${r.round.name} van ${networkName}. Het rapport staat in de bijlage; open het in een browser en druk het desgewenst af of sla het op als pdf.`,
				'',
				`Met vriendelijke groet,\n${settings?.senderName || networkName}`
			].join('\n');
			const outcome = await mailer.send({
				to: r.partner.contactEmail,
				subject: `Partnerrapport ${r.partner.name} · ${r.round.name}`,
				text,
				html,
				fromName: settings?.senderName || networkName,
				attachments: [{ filename: reportFileName(r), content: html, contentType: 'text/html; charset=utf-8' }]
			});
			if (outcome.kind === 'sent') sent.push(r.partner.name);
			else failed.push({ partner: r.partner.name, error: outcome.error });
			await audit.record(
				ctx,
				'partner-report.sent',
				r.partner.id,
				`${r.round.name}, naar ${r.partner.contactEmail}: ${outcome.kind === 'sent' ? 'verstuurd' : outcome.kind === 'refused' ? 'geweigerd' : 'mislukt'}`
			);
		}
	} finally {
		mailer.close();
	}
	return { kind: 'done', sent, failed, withoutAddress };
}
