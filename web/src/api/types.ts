/**
 * The API's answers as the dashboard reads them (the contracts in the issues). The metric
 * registry's types come from server/wfm/kpi.ts with `import type`, which keeps the two in
 * step and adds nothing to the bundle; the rest are written from the API contracts.
 */
import type { DataDimensions } from '../../../server/db/queries/kpis.ts';
import type { StaffedInterval } from '../../../server/forecast/staffing.ts';
import type { ForecastPoint, ModelName } from '../../../server/wfm/forecast/types.ts';
import type { BatchResult as IngestBatchResult } from '../../../server/ingest/index.ts';
import type { Scorecard } from '../../../server/kpi/service.ts';
import type { Direction as KpiDirection, KpiValues, MetricDef, Status as KpiStatus, Target as KpiTarget, Unit } from '../../../server/wfm/kpi.ts';

export type MetricUnit = Unit;
export type Direction = KpiDirection;
export type Status = KpiStatus;
export type Target = KpiTarget;

/** The filterable dimensions of a contact (server/wfm/canonical.ts). */
export { DIMENSIONS, type Dimension } from '../../../server/wfm/canonical.ts';

/** One row of GET /api/kpis: the period, the group's values, and every KPI (server/wfm/kpi.ts). */
export type KpiRow = KpiValues & {
  period?: string;
  queue?: string;
  channel?: string;
  plan?: string;
  state?: string;
  tier?: number;
  reason?: string;
};

/** GET /api/scorecard (server/kpi/service.ts). */
export type { ChangeWithheld, Scorecard, ScorecardMetric } from '../../../server/kpi/service.ts';
/** One row of a scorecard: its group's values, a key made of them, and the metrics. */
export type ScorecardRow = Scorecard['rows'][number];
/** GET /api/targets (server/api/routes/kpis.ts). */
export type { TargetOverride } from '../../../server/db/queries/targets.ts';
export type { CompareMode, Coverage } from '../../../server/kpi/comparison.ts';

export type MetricDefinition = MetricDef;

/** GET /api/dimensions (server/db/queries/kpis.ts). */
export type Dimensions = DataDimensions;

/** One forecast period with its 80% and 95% bounds (server/wfm/forecast/types.ts). */
export type { ForecastPoint };

export interface ForecastEvent {
  id?: number | string;
  start: string;
  end: string;
  label: string;
  kind: 'holiday' | 'season' | 'user';
}

export interface ForecastCandidate {
  model: ModelName;
  wmape: number | null;
  mape: number | null;
  bias: number | null;
}

export interface ForecastResult {
  queue: string;
  channel: string | null;
  metric: 'volume' | 'aht';
  granularity: 'day' | 'interval15' | 'interval30';
  horizon: number;
  model: ModelName;
  history: { period: string; value: number | null }[];
  points: ForecastPoint[];
  backtest: { wmape: number | null; mape: number | null; mase: number | null; bias: number | null; origins: number };
  candidates: ForecastCandidate[];
  events: ForecastEvent[];
  notes: string[];
}

export interface ForecastQueue {
  queue: string;
  channel: string | null;
  firstDate: string;
  lastDate: string;
}

/**
 * A planner event as stored (GET /api/forecast/events): volume on the days `start`..`end`
 * (inclusive) is multiplied by `lift` (1.2 = +20%).
 */
export interface PlannerEvent {
  id: number | string;
  name: string;
  queue?: string | null;
  channel?: string | null;
  start: string;
  end: string;
  lift: number;
}

/** One interval of GET /api/forecast/staffing (server/forecast/staffing.ts). */
export type ForecastStaffingInterval = StaffedInterval;

export interface ForecastStaffing {
  intervals: ForecastStaffingInterval[];
  days: { date: string; [key: string]: unknown }[];
}

export interface PlanInterval {
  period: string;
  calls: number;
  aht: number;
  trafficErlangs: number;
  requiredAgents: number;
  fte: number;
  scheduled: number | null;
  gap: number | null;
  serviceLevelRequired: number | null;
  serviceLevelScheduled: number | null;
  asaScheduled: number | null;
  probAbandonScheduled: number | null;
}

export interface StaffingPlan {
  intervals: PlanInterval[];
  days: { date: string; calls: number; requiredAgentHours: number; fteHours: number; scheduledAgentHours: number | null }[];
  totals: Record<string, unknown>;
}

/** The answer to an upload (server/ingest/index.ts). */
export type BatchResult = IngestBatchResult;
/** POST /api/ingest/preview (server/ingest/preview/): a file's format and first rows as the load reads them. */
export type { Preview, PreviewRow } from '../../../server/ingest/preview/types.ts';

export interface BatchSummary {
  batchId: number | string;
  fileName: string;
  source: string | null;
  outcome: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rowsAlreadyPresent: number;
  startedAt: string;
  finishedAt: string | null;
  message: string | null;
  /** Set when the batch was undone: what the undo did. */
  undoneAt?: string | null;
  undoNote?: string | null;
  /** Who loaded it (a user, os:<user> from the command line, sample-data); null before it was recorded. */
  loadedBy?: string | null;
}

/** One rejected row; `raw` holds the row's values as read (member_id redacted), or null. */
export interface RejectRow {
  rowNumber: number;
  reason: string;
  raw: string | Record<string, string | null> | null;
}

/** `GET /api/ingest/batches` answers a page: `{ limit, offset, batches }`. */
export interface BatchPage {
  limit: number;
  offset: number;
  batches: BatchSummary[];
}

/** `GET /api/ingest/batches/:id/rejects` answers a page: `{ batchId, total, limit, offset, rejects }`. */
export interface RejectPage {
  batchId: number;
  total: number;
  limit: number;
  offset: number;
  rejects: RejectRow[];
}
