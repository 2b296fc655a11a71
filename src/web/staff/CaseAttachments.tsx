/**
 * ไฟล์แนบ of a case as a list — name, type, size and a placeholder — and nothing downloaded until
 * the officer asks: a photo may show a face or an ID card, and the server audits every download.
 * "Show the images" loads the thumbnails; a file's "open" shows an image in a dialog or a PDF in
 * a new tab (the session cookie goes with the <img> and the link). A file the user may not open
 * (`visible: false`: a confidential or sensitive case whose complainant they may not see) says
 * why instead.
 */
import { useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { attachmentUrl, type CaseAttachment } from '../api/staff.ts';
import { formatBytes, formatDateTime } from '../components/dates.ts';

const isImage = (attachment: CaseAttachment) => attachment.mediaType.startsWith('image/');
/** The server answers 403/404 for a file marked `visible: false`; a detail without the field shows every file. */
const mayOpen = (attachment: CaseAttachment) => !('visible' in attachment && attachment.visible === false);

export function CaseAttachments({ caseId, attachments }: { caseId: string; attachments: readonly CaseAttachment[] }) {
  const { t, i18n } = useTranslation('staff');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState<CaseAttachment | null>(null);
  const [thumbnails, setThumbnails] = useState(false);
  if (attachments.length === 0) return <p className="muted">{t('attachments.none')}</p>;

  const images = attachments.filter((attachment) => isImage(attachment) && mayOpen(attachment));
  const show = (attachment: CaseAttachment) => {
    setOpen(attachment);
    dialogRef.current?.showModal();
  };
  const typeOf = (attachment: CaseAttachment) => (isImage(attachment) ? t('attachments.image', { format: attachment.mediaType.slice('image/'.length).toUpperCase() }) : t('attachments.pdf'));
  // The size and the date are kept whole on a narrow screen (never "6 / ธ.ค. 2569").
  const meta = (attachment: CaseAttachment) => (
    <Trans
      t={t}
      i18nKey="attachments.meta"
      values={{
        type: typeOf(attachment),
        size: formatBytes(attachment.sizeBytes),
        by: attachment.uploadedBy === 'citizen' ? t('attachments.byCitizen') : t('attachments.byStaff'),
        date: formatDateTime(attachment.uploadedAt, i18n.language),
      }}
      components={{ size: <span className="nowrap" />, date: <span className="nowrap" /> }}
    />
  );

  return (
    <>
      {images.length > 0 ? (
        <p className="attachments__notice">
          <span className="muted">{thumbnails ? t('attachments.audited') : t('attachments.notLoaded')}</span>{' '}
          {thumbnails ? null : (
            <button type="button" className="button button--secondary button--small" onClick={() => setThumbnails(true)}>
              {t('attachments.showImages', { count: images.length })}
            </button>
          )}
        </p>
      ) : null}
      <ul className="attachments">
        {attachments.map((attachment) => {
          const url = attachmentUrl(caseId, attachment.id);
          const allowed = mayOpen(attachment);
          const label = t('attachments.open', { name: attachment.fileName });
          return (
            <li key={attachment.id} className="attachments__item" data-attachment-id={attachment.id}>
              {allowed && thumbnails && isImage(attachment) ? (
                <button type="button" className="attachments__thumb" onClick={() => show(attachment)} aria-label={t('attachments.enlarge', { name: attachment.fileName })}>
                  <img src={url} alt="" width={120} height={90} />
                </button>
              ) : (
                <span className="attachments__icon" aria-hidden="true">
                  {isImage(attachment) ? t('attachments.imageIcon') : t('attachments.pdf')}
                </span>
              )}
              <span className="attachments__text">
                <span className="attachments__name">
                  {/* Whether the citizen sees it, in the timeline's words: a note's photo must never look public. */}
                  <span className={attachment.seenByCitizen ? 'visibility visibility--public' : 'visibility visibility--internal'}>
                    {attachment.seenByCitizen ? t('timeline.public') : t('timeline.internal')}
                  </span>{' '}
                  {attachment.fileName}
                </span>
                <span className="muted">{meta(attachment)}</span>
                {!allowed ? (
                  <span className="attachments__withheld">{t('attachments.notVisible')}</span>
                ) : isImage(attachment) ? (
                  <button type="button" className="button button--link" aria-label={label} onClick={() => show(attachment)}>
                    {t('attachments.openShort')}
                  </button>
                ) : (
                  <a href={url} target="_blank" rel="noopener" aria-label={label}>
                    {t('attachments.openShort')}
                  </a>
                )}
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
