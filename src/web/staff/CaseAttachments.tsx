/**
 * ไฟล์แนบ of a case: images as thumbnails that open larger in a dialog, PDFs as links. The
 * session cookie goes with the <img> and the link, and every download is audited by the server.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentUrl, type CaseAttachment } from '../api/staff.ts';
import { formatBytes, formatDateTime } from '../components/dates.ts';

export function CaseAttachments({ caseId, attachments }: { caseId: string; attachments: readonly CaseAttachment[] }) {
  const { t, i18n } = useTranslation('staff');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState<CaseAttachment | null>(null);
  if (attachments.length === 0) return <p className="muted">{t('attachments.none')}</p>;

  const show = (attachment: CaseAttachment) => {
    setOpen(attachment);
    dialogRef.current?.showModal();
  };
  const meta = (attachment: CaseAttachment) =>
    t('attachments.meta', {
      size: formatBytes(attachment.sizeBytes),
      by: attachment.uploadedBy === 'citizen' ? t('attachments.byCitizen') : t('attachments.byStaff'),
      date: formatDateTime(attachment.uploadedAt, i18n.language),
    });

  return (
    <>
      <ul className="attachments">
        {attachments.map((attachment) => {
          const url = attachmentUrl(caseId, attachment.id);
          const image = attachment.mediaType.startsWith('image/');
          return (
            <li key={attachment.id} className="attachments__item">
              {image ? (
                <button type="button" className="attachments__thumb" onClick={() => show(attachment)} aria-label={t('attachments.enlarge', { name: attachment.fileName })}>
                  <img src={url} alt="" loading="lazy" width={120} height={90} />
                </button>
              ) : (
                <span className="attachments__icon" aria-hidden="true">
                  {t('attachments.pdf')}
                </span>
              )}
              <span className="attachments__text">
                <a href={url} target="_blank" rel="noopener" aria-label={t('attachments.open', { name: attachment.fileName })}>
                  {attachment.fileName}
                </a>
                <span className="muted">{meta(attachment)}</span>
              </span>
            </li>
          );
        })}
      </ul>
      <dialog ref={dialogRef} className="attachment-dialog" aria-label={open?.fileName ?? t('attachments.heading')} onClose={() => setOpen(null)}>
        {open ? (
          <figure>
            <img src={attachmentUrl(caseId, open.id)} alt={open.fileName} />
            <figcaption>
              {open.fileName} · <span className="muted">{meta(open)}</span>
            </figcaption>
          </figure>
        ) : null}
        <form method="dialog">
          <button type="submit" className="button button--secondary">
            {t('attachments.close')}
          </button>
        </form>
      </dialog>
    </>
  );
}
