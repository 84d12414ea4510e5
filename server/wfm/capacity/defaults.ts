/**
 * Every default of the capacity planner in one object, with its source. "Guide" is the
 * operating guide's rules of thumb quoted in issue 12 (a 15,000-member block: 1 Tier-1 rep per
 * 2,500–3,500 members, 1–2 Tier-2 specialists, a part-time Tier-3 compliance lead; +30–50%
 * temporary capacity for Oct–Jan hired 6–8 weeks before; $55k–$75k loaded per CSR a year;
 * outsourced $30–$60 per call or $1.50–$4.00 PMPM; 40 h initial and 8–12 h/month ongoing
 * training; technology $50k–$120k once and $60k–$180k a year; contingency 10–20%). Where the
 * guide gives a range the default is its midpoint. "Assumption" marks a value the guide does not
 * give: a typical figure, meant to be overridden from history or the contract. A scenario
 * overrides any of these field by field (docs/capacity.md lists them all).
 */

/** The contact channels the planner sizes. */
export const CHANNELS = ['voice', 'chat', 'email', 'portal'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Tiers: Tier 1 answers the queues, Tier 2 works escalations and cases, Tier 3 compliance. */
export const TIERS = ['tier1', 'tier2', 'tier3'] as const;
export type Tier = (typeof TIERS)[number];

export const CAPACITY_DEFAULTS = {
  /** Months planned (the issue: typically 12–24). */
  months: 12,
  /**
   * Contacts per member per month by channel, the year's average (assumption: health-plan
   * member services typically see 1–1.5 calls per member a year; replace with contacts ÷
   * enrolled members from history where it exists).
   */
  contactRates: { voice: 0.1, chat: 0.01, email: 0.004, portal: 0.006 } satisfies Record<Channel, number>,
  /**
   * Seasonal index by calendar month, January first (assumption shaped on open enrollment:
   * Oct–Jan about +30–50% over the summer months, as the guide's surge). Normalised to a mean
   * of 1, so the annual total of contacts is members × rate × 12 whatever the shape.
   */
  seasonality: [1.35, 1.0, 0.95, 0.9, 0.85, 0.85, 0.85, 0.85, 0.9, 1.2, 1.25, 1.15],
  /** AI/self-service deflection: share of contacts removed, and the AHT rise of those left. */
  deflection: { share: 0, ahtRise: 0 },
  /** Tier-1 average handle time by channel, seconds (assumption; email/portal are work items). */
  aht: { voice: 420, chat: 600, email: 480, portal: 360 } satisfies Record<Channel, number>,
  /** Chats one agent handles at once (assumption). */
  chatConcurrency: 2,
  /** Service targets of the queued channels (industry convention 80/30; assumption). */
  serviceLevel: { voice: 0.8, chat: 0.8 },
  answerWithin: { voice: 30, chat: 60 },
  /** Occupancy of the deferred work (email, portal, Tier 2, Tier 3) — applied once, there only. */
  deferredOccupancy: 0.85,
  /**
   * Tier 2 and Tier 3 work (assumption): the share of Tier-1 contacts escalated to each, their
   * handle time in seconds, and the case work (appeals, grievances) per member per month with
   * its hours per case. Tier 3 keeps at least `tier3MinFte` (the guide's part-time lead).
   */
  tiers: {
    tier2Share: 0.15,
    tier2AhtSeconds: 900,
    casesPerMemberMonth: 0.003,
    caseHours: 1.5,
    tier3Share: 0.01,
    tier3AhtSeconds: 1800,
    tier3MinFte: 0.5,
  },
  /**
   * The weekly and intraday shape the requirement is computed on (assumption, overridable):
   * share of a week's contacts by weekday, Monday first (closed at weekends by default), and the
   * weights of the 30-minute intervals of an open day from 08:00 to 18:00 (a mid-morning peak
   * and a smaller one after lunch; normalised to sum 1).
   */
  weekdayShares: [0.24, 0.21, 0.19, 0.18, 0.18, 0, 0],
  intervalMinutes: 30,
  openingTime: '08:00',
  intradayProfile: [0.6, 0.8, 1.0, 1.15, 1.25, 1.25, 1.2, 1.1, 1.0, 1.0, 1.05, 1.1, 1.05, 1.0, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5],
  /** Paid hours of one FTE a week. */
  paidHoursPerWeek: 40,
  /**
   * Shrinkage in paid hours per FTE a year (2,080 paid hours). Holidays and PTO: 15 days
   * (assumption); sickness: 5 days (assumption); breaks: two 15-minute breaks a working day
   * (260 days × 0.5 h); meetings and coaching: 1 h a week; ongoing training: 10 h a month (the
   * guide's 8–12 h); other (system downtime, huddles): 1 h a week. 514 h = 24.7%.
   */
  shrinkageHours: { holidaysPto: 120, sickness: 40, breaks: 130, meetings: 52, training: 120, other: 52 },
  /** Contract floors: required FTE may not fall below members ÷ membersPerFte (none by default). */
  contractFloors: [] as { name: string; membersPerFte: number; applies: 'tier1' | 'total'; plan?: string }[],
  supply: {
    /** Heads at the start (default: the first month's permanent requirement, rounded up). */
    startHeadcount: undefined as Partial<Record<'tier1' | 'tier2', number>> | undefined,
    /** Annual attrition (assumption: contact centres run 30–45%), and the rate in the first 90 days. */
    attritionAnnual: 0.35,
    earlyAttritionAnnual: 0.7,
    /** Weeks from requisition to start (assumption). */
    recruitWeeks: 6,
    /** Initial training (guide: 40 h) and nesting on the floor (assumption: 2 weeks). */
    newHireTrainingHours: 40,
    nestingWeeks: 2,
    /** Productivity in each month after training and nesting, then 100% (issue: e.g. 50% in month 1). */
    ramp: [0.5, 0.75],
    /** Tier moves: `count` heads from one tier to another at the start of a month (0-based index). */
    transfers: [] as { month: number; from: 'tier1' | 'tier2'; to: 'tier1' | 'tier2'; count: number }[],
  },
  surge: {
    /** Calendar months of the open-enrollment surge (guide: Oct–Jan). */
    months: [10, 11, 12, 1],
    /** Cover the surge with temporaries (else permanent hires cover every month). */
    temps: true,
    /** Temporaries are hired and onboarded this many weeks before the season (guide: 6–8). */
    tempLeadWeeks: 7,
    /** Productivity of a temporary relative to a tenured rep (assumption), after `tempRamp`: the first working months' productivity (assumption). */
    tempProductivity: 0.85,
    tempRamp: [0.6],
    /** Agency cost of a temporary per paid hour (assumption). */
    tempHourly: 30,
  },
  cost: {
    /** Fully loaded cost per FTE a year by tier (guide: $55k–$75k per CSR; tiers 2–3 assumption). */
    loadedAnnual: { tier1: 65_000, tier2: 75_000, tier3: 95_000 } satisfies Record<Tier, number>,
    /** Delivery cost per trainee hour — trainer, materials (assumption; the paid time is in the loaded cost). */
    trainingCostPerHour: 20,
    /** Technology (guide: $50k–$120k once, $60k–$180k a year); setup falls in the first month. */
    technologySetup: 85_000,
    technologyAnnual: 120_000,
    /** Contingency on the in-house total (guide: 10–20%). */
    contingency: 0.15,
    /** Outsourced vendor (guide: $30–$60 per call, $1.50–$4.00 PMPM); `pricing` picks the one used. */
    outsourcedPricing: 'pmpm' as 'pmpm' | 'per-contact',
    outsourcedPerContact: 45,
    outsourcedPmpm: 2.75,
  },
};

export type CapacityDefaults = typeof CAPACITY_DEFAULTS;

/** Weeks in an average month: 52 weeks ÷ 12. */
export const WEEKS_PER_MONTH = 52 / 12;
