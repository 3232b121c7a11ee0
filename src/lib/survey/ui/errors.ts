// Error text for the survey screens: known errors in words, anything else as its message.
import { DuplicateAssetNumberError, ValidationError } from '$lib/db/devices';
import { SurveyValidationError } from '$lib/db/survey';
import { isQuotaError, AttachmentError } from '$lib/attachments/store';
import { t, type MessageKey } from '$lib/i18n/index.svelte';

export function errorMessage(e: unknown): string {
  if (e instanceof DuplicateAssetNumberError) return t('imp.err.duplicateAssetNumber') + ` “${e.assetNumber}”`;
  if (e instanceof ValidationError) return t('imp.err.invalid') + `: ${Object.keys(e.errors).join(', ')}`;
  if (e instanceof SurveyValidationError) return t(`sw.err.${e.field}` as MessageKey);
  if (e instanceof AttachmentError) return e.message;
  if (isQuotaError(e)) return t('imp.err.quota');
  return e instanceof Error ? e.message : String(e);
}
