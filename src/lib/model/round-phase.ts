import type { Round } from './round';

/**
 * Where a round is at a given moment, as the survey sees it (survey/access.ts): a round takes
 * answers from its opening until its closing time, whatever its stored status says, and the
 * jobs that open and close rounds by their dates run once a minute. So the admin list, the
 * round page and the dashboard show this, never the bare status: an open round past its closing
 * time already refuses answers and is "Gesloten (wordt afgerond)" until the close job is done.
 */
export type RoundPhase =
	/** A draft before its opening time: opens by itself then, or earlier by hand. */
	| 'draft'
	/** A draft whose opening time has passed: the open job opens it within a minute. */
	| 'opening'
	/** A draft whose closing time has passed: it will not open; its dates must change first. */
	| 'expired'
	/** Open, before its opening time (never made by this app, but the survey refuses it then). */
	| 'scheduled'
	| 'open'
	/** Open, past its closing time: the survey refuses answers, the close job publishes. */
	| 'closing'
	| 'closed';

export function roundPhase(round: Pick<Round, 'status' | 'opensAt' | 'closesAt'>, now: Date): RoundPhase {
	const t = now.getTime();
	const closed = Date.parse(round.closesAt) <= t;
	const opened = Date.parse(round.opensAt) <= t;
	switch (round.status) {
		case 'closed':
			return 'closed';
		case 'open':
			return closed ? 'closing' : opened ? 'open' : 'scheduled';
		case 'draft':
			return closed ? 'expired' : opened ? 'opening' : 'draft';
	}
}

export const roundPhaseLabels: Record<RoundPhase, string> = {
	draft: 'Concept',
	opening: 'Concept (wordt geopend)',
	expired: 'Concept (sluitdatum voorbij)',
	scheduled: 'Nog niet geopend',
	open: 'Open',
	closing: 'Gesloten (wordt afgerond)',
	closed: 'Gesloten'
};

export const roundPhaseLabel = (round: Pick<Round, 'status' | 'opensAt' | 'closesAt'>, now: Date) =>
	roundPhaseLabels[roundPhase(round, now)];
