import type { RoundStatus } from './round';

/**
 * What the back-office shows of questionnaires. A version is built in (ships with the app),
 * frozen (a round that has opened uses it: its respondents saw exactly this), or a draft that
 * can still be edited and deleted. Frozen is read from the rounds, never stored, so it cannot
 * drift from what the rounds say.
 */
export type VersionState = 'builtin' | 'frozen' | 'draft';

export const versionStateLabels: Record<VersionState, string> = {
	builtin: 'Ingebouwd',
	frozen: 'Vastgelegd',
	draft: 'Concept'
};

export type VersionUse = { roundId: string; roundName: string; status: RoundStatus };

export type VersionListing = {
	id: string;
	version: number;
	title: string;
	sectionCount: number;
	itemCount: number;
	state: VersionState;
	rounds: VersionUse[];
	/** A draft that no round refers to, not even a draft round. */
	deletable: boolean;
};

export type QuestionnaireFamily = {
	id: string;
	/** The newest version's title. */
	title: string;
	builtIn: boolean;
	versions: VersionListing[];
};

/** One complaint about an imported file, with where it is. */
export type ImportProblem = {
	/** 1-based line in the file as uploaded (or pasted); null when the file as a whole is meant. */
	line: number | null;
	column: number | null;
	/** The field in JSON notation, `sections[0].items[2].text`; null for a syntax error. */
	path: string | null;
	/** The same in words: "Onderdeel 1 ‘Inhoud’, stelling 3, tekst". */
	where: string | null;
	message: string;
};
