/**
 * How the audit log page names what happened. Actions without a label here are shown by their
 * code, so a module that records something new is never hidden from the log.
 */
export const auditActionLabels: Record<string, string> = {
	'network.settings-changed': 'Instellingen gewijzigd',
	'user.added': 'Account toegevoegd',
	'user.role-changed': 'Rol gewijzigd',
	'user.password-reset': 'Nieuw wachtwoord gegeven',
	'user.removed': 'Account verwijderd',
	'account.password-changed': 'Eigen wachtwoord gewijzigd',
	'account.totp-enabled': 'Tweede factor aangezet',
	'account.totp-disabled': 'Tweede factor uitgezet',
	'account.recovery-codes-renewed': 'Nieuwe herstelcodes gemaakt',
	'login.locked': 'Inloggen geblokkeerd na herhaalde mislukte pogingen',
	'login.recovery-code-used': 'Ingelogd met een herstelcode',
	'link.obtained': 'Enquêtelink van een deelnemer opgevraagd',
	'links.exported': 'Enquêtelinks gedownload voor een mailmerge',
	'mail.test': 'Testbericht verstuurd',
	'partner-report.sent': 'Partnerrapport verstuurd',
	'partner-reports.downloaded': 'Partnerrapporten gedownload',
	'mail.invitations': 'Uitnodigingen per e-mail verstuurd of gepland',
	'mail.reminder': 'Herinnering per e-mail verstuurd of gepland',
	'mail.cancelled': 'Geplande verzending geannuleerd',
	'mail.resent': 'E-mail opnieuw verstuurd',
	'mail.address-wrong': 'E-mailadres gemarkeerd als onjuist',
	'mail.texts-changed': 'Teksten van uitnodiging en herinnering gewijzigd',
	'link.key-rotated': 'Sleutel van de enquêtelinks gewisseld',
	'round.created': 'Ronde aangemaakt',
	'round.updated': 'Concept van een ronde gewijzigd',
	'round.deleted': 'Concept van een ronde verwijderd',
	'round.opened': 'Ronde geopend',
	'round.invited': 'Uitnodigingen erbij in een open ronde',
	'round.extended': 'Sluitdatum verschoven',
	'round.closed': 'Ronde gesloten',
	'round.imported': 'Gesloten ronde ingelezen uit een archief',
	'comments.redacted': 'Passage weggelaten uit een toelichting',
	'comments.deleted': 'Toelichting verwijderd',
	'comments.published': 'Toelichtingen gepubliceerd',
	'export.responses': 'Antwoorden van een gesloten ronde gedownload',
	'export.comments': 'Toelichtingen van een gesloten ronde gedownload',
	'export.archive': 'Archief van een gesloten ronde gedownload',
	'questionnaire.created': 'Vragenlijstversie gemaakt',
	'questionnaire.updated': 'Vragenlijstversie gewijzigd',
	'questionnaire.deleted': 'Vragenlijstversie verwijderd',
	'questionnaire.imported': 'Vragenlijst geïmporteerd'
};

export const auditActionLabel = (action: string) => auditActionLabels[action] ?? action;
