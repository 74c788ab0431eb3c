import type { DashboardData } from './types';
import type { SelectionGroup, SelectionState } from './filter-query';
import type { RoundStatus } from '$lib/model/round';

/** Everything a dashboard page (dashboard, report, agenda) renders for one round. */
export interface RoundDashboard {
	networkName: string;
	round: {
		id: string;
		name: string;
		status: RoundStatus;
		statusLabel: string;
		opensAt: string;
		closesAt: string;
	};
	questionnaire: { id: string; title: string; version: number };
	/** The cells a reader may choose from; empty until the round is published. */
	selection: SelectionGroup[];
	filter: SelectionState;
	/** Dutch notices about data left out (an earlier round whose file cannot be read). */
	notices: string[];
	data: DashboardData;
}
