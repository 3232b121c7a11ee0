// The service desk's shapes (issue 10): plain data, as Dexie stores them and sync sends them.
// Other features (changes, the monthly report) read these records: change a field only with them.

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** 1 = high … 3 = low, as in ITIL's impact × urgency matrix. */
export type Level = 1 | 2 | 3;

export const INCIDENT_STATUSES = ['new', 'assigned', 'in-progress', 'pending', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_CATEGORIES = ['hardware', 'software', 'network', 'printer', 'account', 'medical', 'other'] as const;

export interface Satisfaction { score: number; comment: string }

export interface IncidentFields {
  tenantId: string;
  siteId: string;
  deviceId: string | null;
  /** Copied from the device when it is attached, so statistics need no join. */
  model: string;
  deviceType: string;
  /** INC-<yyyymm>-<4 digits>, see incidentNumber.ts. */
  number: string;
  title: string;
  description: string;
  reporter: string;
  category: string;
  impact: Level;
  urgency: Level;
  priority: Priority;
  status: IncidentStatus;
  assignee: string;
  openedAt: string;
  respondedAt?: string;
  /** The last resolution's time; a reopened incident keeps it until it is resolved again. */
  resolvedAt?: string;
  closedAt?: string;
  resolution: string;
  satisfaction?: Satisfaction;
}

export interface Incident extends IncidentFields { id: string }

export const LOG_KINDS = ['note', 'status', 'priority', 'assign', 'rating'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/** One work-log entry; insert-only. Status entries drive the SLA pauses. */
export interface IncidentLog {
  id: string;
  incidentId: string;
  tenantId: string;
  at: string;
  by: string;
  kind: LogKind;
  from?: string;
  to?: string;
  text?: string;
}

export const ARTICLE_KINDS = ['faq', 'known-error', 'procedure', 'manual'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];
export const LINK_TYPES = ['model', 'deviceType', 'software', 'panel', 'device', 'special'] as const;
export type LinkType = (typeof LINK_TYPES)[number];
export interface ArticleLink { type: LinkType; key: string }

export interface ArticleFields {
  tenantId: string;
  kind: ArticleKind;
  title: string;
  /** Markdown; rendered through marked then DOMPurify, never as raw HTML. */
  body: string;
  links: ArticleLink[];
  tags: string[];
  updatedBy: string;
  sourceIncidentId?: string;
}

export interface Article extends ArticleFields { id: string; updatedAt?: string }

export interface ArticleVersion {
  id: string;
  articleId: string;
  tenantId: string;
  at: string;
  by: string;
  title: string;
  body: string;
  links: ArticleLink[];
}
