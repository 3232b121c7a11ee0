// "Make a FAQ from this incident": an article draft from the incident's symptom and resolution,
// linked to the model and type of the device it happened on, so every device of that model shows it.
import type { ArticleKind, ArticleLink, Incident } from './types';

export interface FaqDraft {
  kind: ArticleKind;
  title: string;
  body: string;
  links: ArticleLink[];
  tags: string[];
  sourceIncidentId: string;
}

export function faqFromIncident(
  inc: Pick<Incident, 'id' | 'title' | 'description' | 'resolution' | 'model' | 'deviceType' | 'category'>,
  headings: { symptom: string; device: string; fix: string }
): FaqDraft {
  const parts = [`## ${headings.symptom}`, '', inc.description.trim() || inc.title.trim(), ''];
  if (inc.model.trim()) parts.push(`## ${headings.device}`, '', inc.model.trim(), '');
  parts.push(`## ${headings.fix}`, '', inc.resolution.trim(), '');
  const links: ArticleLink[] = [];
  if (inc.model.trim()) links.push({ type: 'model', key: inc.model.trim() });
  else if (inc.deviceType.trim()) links.push({ type: 'deviceType', key: inc.deviceType.trim() });
  return { kind: 'faq', title: inc.title.trim(), body: parts.join('\n'), links, tags: inc.category ? [inc.category] : [], sourceIncidentId: inc.id };
}
