/**
 * The print page's state and verbs. A job is: a template (or a custom grid), a symbology, the
 * text lines, a start position and copies, and its labels: devices picked by a filter, or N new
 * unclaimed numbers. Printing makes sure each device has its label record (minting numbers for
 * unclaimed sheets), builds the PDF or ZPL from the same layout as the preview, and records the
 * print (job id, template) on every label.
 */
import { contentFingerprint, labelDataForNumber, labelDataForRoom, type LabelData, type TextField } from '$lib/domain/labels/content';
import { newJobId, type Calibration } from '$lib/domain/labels/job';
import { keepSelection, type Candidate, type PrintFilter } from '$lib/domain/labels/select';
import { customTemplate, templateById, withLength, type CustomGrid, type GridProblem, type Symbology, type Template } from '$lib/domain/labels/templates';
import type { Location, Site, Tenant } from '$lib/domain/org';
import { fetchFontSource, LabelFonts } from './fonts';
import { renderLabelsPdf } from './pdf';
import { layoutPages, jobTexts, type LabelJob, type PageLayout } from './sheet';
import { renderZpl, type Dpi, type ZplResult } from './zpl';
import type { LabelRepository } from '$lib/db/labels';

export type Source = 'devices' | 'unclaimed' | 'rooms';
export type TemplateChoice = { ok: true; template: Template } | { ok: false; problem: GridProblem };

export const A4_GRID: CustomGrid = { page: { w: 210, h: 297 }, rows: 7, cols: 3, label: { w: 63.5, h: 38.1 }, left: 7.2, top: 15.15, pitchX: 66.04, pitchY: 38.1 };

export class PrintJobState {
  templateId = $state('L7160');
  grid = $state<CustomGrid>(structuredClone(A4_GRID));
  tapeLength = $state(29);
  symbology = $state<Symbology>('qr');
  fields = $state<TextField[]>(templateById('L7160')!.fields);
  start = $state(0);
  copies = $state(1);
  source = $state<Source>('devices');
  unclaimedCount = $state(21);
  filter = $state<PrintFilter>({ siteId: null, floor: '', withoutLabel: false, changedSinceLastPrint: false });
  candidates = $state<Candidate[]>([]);
  selected = $state<Record<string, boolean>>({});
  /** Rooms of the client's sites, for room labels (audits); none ticked until chosen. */
  rooms = $state<{ location: Location; site: Site }[]>([]);
  roomSelected = $state<Record<string, boolean>>({});

  constructor(private readonly repo: LabelRepository) {}

  readonly choice: TemplateChoice = $derived.by(() => {
    if (this.templateId === 'custom') return customTemplate($state.snapshot(this.grid), this.symbology, this.fields);
    const t = templateById(this.templateId);
    return t ? { ok: true, template: withLength(t, this.tapeLength) } : { ok: false, problem: { reason: 'notPositive', field: 'template' } };
  });

  readonly chosen: Candidate[] = $derived(this.candidates.filter((c) => this.selected[c.device.id]));
  readonly chosenRooms = $derived(this.rooms.filter((r) => this.roomSelected[r.location.id]));

  /** Room labels link to the audit by a 2-D code: switching to them leaves Code 128. */
  setSource(s: Source): void {
    this.source = s;
    if (s === 'rooms' && this.symbology === 'code128') this.symbology = 'qr';
  }

  /** Picks the template's own defaults for code and lines. */
  useTemplate(id: string): void {
    this.templateId = id;
    const t = templateById(id);
    if (t) { this.symbology = t.symbology; this.fields = [...t.fields]; }
    this.start = 0;
  }

  #loaded = false;
  #loads = 0;

  /**
   * (Re)loads the candidates. The first load ticks every device (or only `preselect`); later
   * loads (after a print, a filter change, a new address) keep each device's tick as it was, so
   * a second print takes exactly what is ticked. A device not shown before is ticked only when
   * every device shown before was ("all" stays all).
   */
  async load(tenantId: string, origin: string, preselect: string[] = []): Promise<void> {
    const n = ++this.#loads;
    const candidates = await this.repo.candidates(tenantId, $state.snapshot(this.filter), origin);
    if (n !== this.#loads) return; // a newer load is under way; its answer is the one to show
    this.selected = keepSelection(this.#loaded ? this.candidates : null, this.selected, candidates, preselect);
    this.candidates = candidates;
    this.#loaded = true;
  }

  private job(t: Template, items: LabelData[], cal: Calibration): LabelJob {
    return { template: t, symbology: this.symbology, fields: $state.snapshot(this.fields), items, start: this.start, copies: this.copies, calibration: cal };
  }

  private placeholders(tenant: Tenant | undefined, origin: string): LabelData[] {
    // The numbers are minted when printing; the preview shows their shape.
    const n = `${tenant?.assetPrefix || 'X'}-000000000-0`;
    return Array.from({ length: this.unclaimedCount }, () => labelDataForNumber(n, { origin, tenant }));
  }

  /** The first page as the PDF will lay it out (metrics of the same fonts). */
  async preview(tenant: Tenant | undefined, origin: string): Promise<{ pages: number; first: PageLayout | null }> {
    if (!this.choice.ok) return { pages: 0, first: null };
    const items = this.source === 'devices' ? this.chosen.map((c) => c.data) : this.source === 'rooms' ? this.roomItems(tenant, origin) : this.placeholders(tenant, origin);
    const job = this.job(this.choice.template, items, { dx: 0, dy: 0, sx: 1, sy: 1 });
    const fonts = await LabelFonts.forMeasuring(jobTexts(job), fetchFontSource);
    const pages = layoutPages(job, fonts.measure);
    return { pages: pages.length, first: pages[0] ?? null };
  }

  /** Label records and content for the job: ensures device labels, or mints unclaimed numbers. */
  private roomItems(tenant: Tenant | undefined, origin: string): LabelData[] {
    return this.chosenRooms.map((r) => labelDataForRoom(r.location, { origin, tenant, site: r.site }));
  }

  private async prepare(tenant: Tenant, origin: string): Promise<{ items: LabelData[]; labelIds: string[] }> {
    if (this.source === 'rooms') return { items: this.roomItems(tenant, origin), labelIds: [] }; // rooms carry no label record
    if (this.source === 'unclaimed') {
      const minted = await this.repo.mintUnclaimed(tenant.id, this.unclaimedCount);
      return { items: minted.map((l) => labelDataForNumber(l.assetNumber, { origin, tenant })), labelIds: minted.map((l) => l.id) };
    }
    const labelIds: string[] = [];
    for (const c of this.chosen) labelIds.push((await this.repo.ensureForDevice(c.device)).id);
    return { items: this.chosen.map((c) => c.data), labelIds };
  }

  private async record(jobId: string, t: Template, items: LabelData[], labelIds: string[]): Promise<void> {
    await this.repo.recordPrint({ jobId, template: t.id, symbology: this.symbology }, labelIds.map((labelId, i) => ({ labelId, fingerprint: contentFingerprint(items[i]!) })));
  }

  async pdf(tenant: Tenant, origin: string, cal: Calibration): Promise<{ bytes: Uint8Array; pages: number; labels: number; jobId: string }> {
    if (!this.choice.ok) throw new Error('template');
    const t = this.choice.template;
    const { items, labelIds } = await this.prepare(tenant, origin);
    const jobId = newJobId(Date.now());
    const { bytes, pages } = await renderLabelsPdf(this.job(t, items, cal), fetchFontSource);
    await this.record(jobId, t, items, labelIds);
    return { bytes, pages: pages.length, labels: items.length * this.copies, jobId };
  }

  /** ZPL of the job; `commit` records the print once it was downloaded or sent. */
  async zpl(tenant: Tenant, origin: string, dpi: Dpi, cal: Calibration, cjkFont?: string): Promise<ZplResult & { jobId: string; commit: () => Promise<void> }> {
    if (!this.choice.ok) throw new Error('template');
    const t = this.choice.template;
    const { items, labelIds } = await this.prepare(tenant, origin);
    const job = this.job(t, items, cal);
    const fonts = await LabelFonts.forMeasuring(jobTexts(job), fetchFontSource);
    const r = renderZpl(job, fonts.measure, { dpi, calibration: cal, cjkFont });
    const jobId = newJobId(Date.now());
    return { ...r, jobId, commit: () => this.record(jobId, t, items, labelIds) };
  }
}

