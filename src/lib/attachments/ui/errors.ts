// An attachment error in the user's language.
import { t } from '$lib/i18n/index.svelte';
import { formatBytes, MAX_FILE_BYTES } from '$lib/domain/attachments/limits';
import { AttachmentError, isQuotaError } from '../store';

export function attachmentErrorText(e: unknown, file: { name: string; size: number }): string {
  const code = e instanceof AttachmentError ? e.code : isQuotaError(e) ? 'quota' : null;
  if (code === 'too-large') return t('att.errTooLarge', { name: file.name, size: formatBytes(file.size), max: formatBytes(MAX_FILE_BYTES) });
  if (code === 'empty') return t('att.errEmpty', { name: file.name });
  if (code === 'quota') return t('att.errQuota', { name: file.name });
  return t('att.errOther', { name: file.name, message: e instanceof Error ? e.message : String(e) });
}
