import { z } from 'zod';
import type { ScoreAlert } from '../../scoring/alerts';
import { METRICS, TRACKS, type MetricName, type Track } from '../../scoring';
import { ATTRIBUTION_TOP, type AttributionReport } from '../../scoring/attribution';
import type { SimulationStats } from '../../scoring/simulate';
import type { SnapshotHead } from '../../scoring/snapshot';

export type { SnapshotHead };

/**
 * The stored documents, validated with zod when read: a document that does not match is reported
 * as INVALID_DOCUMENT instead of flowing into a card.
 */

const isoTime = z.string().min(1);
const partnerId = z.string().regex(/^\d+$/);

export const registrationSchema = z.object({
  id: z.literal('registration'),
  type: z.literal('registration'),
  partnerId,
  name: z.string().min(1),
  /** Teams (Entra) tenants whose users may ask about this partner. */
  tenantIds: z.array(z.string().min(1)),
  /** Entra object ids of the partner's admins: they receive reminders (and may be the only viewers). */
  adminObjectIds: z.array(z.string().min(1)),
  /** When true, only the admins may see the partner's score. */
  adminsOnly: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Registration = z.infer<typeof registrationSchema>;

export const tenantSchema = z.object({
  id: z.string().min(1),
  tenantId: z.string().min(1),
  partnerId,
  registeredAt: isoTime,
});
export type TenantMapping = z.infer<typeof tenantSchema>;

const pathSummary = z.looseObject({
  total: z.number(),
  qualified: z.boolean(),
  metrics: z.record(z.string(), z.looseObject({ points: z.number() })),
});
const track = z.enum(TRACKS as unknown as [Track, ...Track[]]);
const metric = z.enum(METRICS as unknown as [MetricName, ...MetricName[]]);
const perTrack = <T extends z.ZodType>(value: T) => z.object({ enterprise: value, smb: value });

/** The score per data month (scoring/history.ts), kept in the head at import. */
const historyPointSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  asOf: z.string(),
  headline: track,
  totals: perTrack(z.number()),
  qualified: perTrack(z.boolean()),
});

/** The cheapest way to prevent a forecast drop (scoring/forecast.ts). */
const preventionSchema = z.object({
  path: track,
  additions: z.number().int().nonnegative(),
  projectedTotal: z.number(),
  steps: z.array(
    z.object({
      metric,
      from: z.number(),
      to: z.number(),
      additions: z.number().int().nonnegative(),
      actions: z.array(z.string()),
    }),
  ),
});

/** The next months if nothing new happens (scoring/forecast.ts), kept in the head at import. */
const forecastSchema = z.object({
  from: z.object({ asOf: z.string(), headline: track, total: z.number() }),
  projectedFrom: z.string().regex(/^\d{4}-\d{2}$/),
  months: z.array(
    z.object({
      asOf: z.string(),
      lastMonth: z.string(),
      headline: track,
      paths: perTrack(
        z.object({ total: z.number(), qualified: z.boolean(), metrics: z.record(metric, z.number()) }),
      ),
      drop: z
        .object({ belowThreshold: z.boolean(), metricsAtZero: z.array(metric), prevention: preventionSchema })
        .optional(),
    }),
  ),
});

const sideStats = z.object({
  current: z.number().int().nonnegative(),
  previous: z.number().int().nonnegative(),
});
const customerRef = { tenantId: z.string().min(1), name: z.string() };

/** The what-if simulator's statistics (scoring/simulate.ts), kept in the head at import. */
const simulationSchema: z.ZodType<SimulationStats> = z.object({
  version: z.literal(1),
  paths: perTrack(
    z.object({
      netCustomerAdds: z.object({ azure: sideStats, m365: sideStats }),
      deployments: z.object({ azure: sideStats, m365: sideStats }),
      usageGrowth: z.object({
        azureNowCents: z.number(),
        azureYearAgoCents: z.number(),
        usersNow: z.number(),
        usersYearAgo: z.number(),
      }),
      growthInto: z.object({
        azure: z.array(z.object({ ...customerRef, headroomCents: z.number().int().positive().optional() })),
        m365: z.object({ ...customerRef, workload: z.string(), association: z.string() }).optional(),
      }),
    }),
  ),
});

const attributionPath = z.object({ total: z.number(), qualified: z.boolean() });

/** The attribution finder's report (scoring/attribution.ts), kept in the head at import. */
const attributionSchema: z.ZodType<AttributionReport> = z.object({
  version: z.literal(1),
  headline: track,
  today: perTrack(attributionPath),
  findings: z
    .array(
      z.object({
        kind: z.enum(['azure', 'm365', 'certification']),
        id: z.string().min(1),
        name: z.string(),
        reason: z.enum([
          'dpor',
          'cporOnAzure',
          'palOnM365',
          'otherCsp',
          'unknownAssociation',
          'notAssociated',
        ]),
        found: z.array(z.string()),
        rows: z.number().int().nonnegative(),
        usd: z.number().optional(),
        workloads: z.array(z.string()).optional(),
        gain: perTrack(z.number()),
        totalAfter: perTrack(z.number()),
      }),
    )
    .max(ATTRIBUTION_TOP),
  findingCount: z.number().int().nonnegative(),
  withPoints: z.number().int().nonnegative(),
  allFixed: z.object({ gain: perTrack(z.number()), paths: perTrack(attributionPath) }),
});

/**
 * The score result without the per-customer explanations (those live in buckets in datasetChunks),
 * with long lists capped: what every card needs, small enough for one point read.
 */
export const snapshotHeadSchema = z.looseObject({
  partnerId,
  partnerName: z.string(),
  asOf: z.string(),
  lastMonth: z.string(),
  headline: z.enum(['enterprise', 'smb']),
  ruleSet: z.looseObject({ id: z.string(), version: z.string() }),
  paths: z.object({ enterprise: pathSummary, smb: pathSummary }),
  atRisk: z.looseObject({}),
  people: z.array(z.looseObject({ personId: z.string() })),
  dataQuality: z.looseObject({}),
  customerCount: z.number().int().nonnegative(),
  customerBuckets: z.number().int().positive(),
  history: z.array(historyPointSchema).optional(),
  /**
   * A forecast stored before issue 13 has no `projectedFrom`: it read the months not reported yet as
   * zero, so it reads as none (the cards say the next import brings one).
   */
  forecast: z
    .union([
      forecastSchema,
      z.looseObject({ projectedFrom: z.never().optional() }).transform(() => undefined),
    ])
    .optional(),
  simulation: simulationSchema.optional(),
  attribution: attributionSchema.optional(),
});
/** Score alerts of a version against the one that was current before it (scoring/alerts.ts). */
export const scoreAlertSchema: z.ZodType<ScoreAlert> = z.union([
  z.object({
    kind: z.enum(['stoppedQualifying', 'startedQualifying']),
    path: track,
    previousTotal: z.number(),
    total: z.number(),
  }),
  z.object({ kind: z.literal('metricAtZero'), path: track, metric, previousPoints: z.number() }),
  z.object({
    kind: z.literal('forecastDrop'),
    path: track,
    asOf: z.string(),
    lastMonth: z.string(),
    total: z.number(),
    projectedTotal: z.number(),
    belowThreshold: z.boolean(),
    metricsAtZero: z.array(metric),
    windowOpens: z.string().optional(),
    prevention: preventionSchema,
  }),
]);

export const versionStatus = z.enum(['writing', 'complete']);

export const versionSchema = z.object({
  id: z.string().startsWith('version:'),
  type: z.literal('version'),
  partnerId,
  versionId: z.string().min(1),
  status: versionStatus,
  asOf: z.string(),
  importedAt: isoTime,
  source: z.string(),
  rowCounts: z.object({ azure: z.number(), m365: z.number(), mau: z.number(), certifications: z.number() }),
  chunkCount: z.number().int().nonnegative(),
  /** SHA-256 of the canonical dataset (bot/import): re-importing identical data is no new version. Absent on older versions. */
  contentHash: z.string().optional(),
  /** Headline and totals of this version: the score history without reading snapshots. */
  summary: z
    .object({
      headline: z.enum(['enterprise', 'smb']),
      totals: z.object({ enterprise: z.number(), smb: z.number() }),
      qualified: z.object({ enterprise: z.boolean(), smb: z.boolean() }),
    })
    .optional(),
  /** What changed for the worse (or better) against the previous current version: sent once to subscribers. */
  alerts: z.array(scoreAlertSchema).optional(),
});
export type VersionDoc = z.infer<typeof versionSchema>;

export const snapshotSchema = z.object({
  id: z.string().startsWith('snapshot:'),
  type: z.literal('snapshot'),
  partnerId,
  versionId: z.string().min(1),
  head: snapshotHeadSchema,
});

export const currentSchema = z.object({
  id: z.literal('current'),
  type: z.literal('current'),
  partnerId,
  versionId: z.string().min(1),
  updatedAt: isoTime,
  /** The version's `importedAt`: on the same `asOf`, the later import stays current (absent on older pointers). */
  importedAt: isoTime.optional(),
  /** A copy of the current version's snapshot head: the bot answers with this single point read. */
  head: snapshotHeadSchema,
});
export type CurrentDoc = Omit<z.infer<typeof currentSchema>, 'head'> & { head: SnapshotHead };

export const chunkKinds = [
  'azureConsumption',
  'm365Licenses',
  'mau',
  'certifications',
  'document',
  'customers',
] as const;
export const chunkSchema = z.object({
  id: z.string().min(1),
  versionKey: z.string().min(1),
  partnerId,
  versionId: z.string().min(1),
  kind: z.enum(chunkKinds),
  index: z.number().int().nonnegative(),
  items: z.array(z.unknown()),
});
export type ChunkDoc = z.infer<typeof chunkSchema>;
