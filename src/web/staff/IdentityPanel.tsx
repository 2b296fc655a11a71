/**
 * ข้อมูลผู้ร้อง: hidden until the officer asks, with a warning that the view is audited; then
 * POST /identity and the name, ID, phone, e-mail, address and the original (unredacted) text.
 * Offered only where the case says the identity may be seen (`complainant.visible`).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revealIdentity } from '../api/staff.ts';
import type { CaseDetail, Identity } from '../api/types.ts';
import { useApiErrorText } from '../components/use-form-errors.ts';

export function IdentityPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(['staff', 'common']);
  const apiErrorText = useApiErrorText();
  const [step, setStep] = useState<'hidden' | 'confirming' | 'revealing'>('hidden');
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [failure, setFailure] = useState<string>();
  const shownRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const showRef = useRef<HTMLButtonElement>(null);
  // Set when the identity is hidden again: the focus returns to the button that shows it.
  const returnFocus = useRef(false);

  useEffect(() => {
    if (identity) shownRef.current?.focus();
    else if (returnFocus.current) showRef.current?.focus();
    returnFocus.current = false;
  }, [identity]);
  useEffect(() => {
    if (step === 'confirming') confirmRef.current?.focus();
  }, [step]);

  const reveal = async () => {
    setStep('revealing');
    setFailure(undefined);
    try {
      setIdentity(await revealIdentity(detail.id));
      setStep('hidden');
    } catch (error) {
      setFailure(apiErrorText(error).message);
      setStep('confirming');
    }
  };

  if (identity) {
    const person = identity.complainant;
    const value = (text: string | undefined) => text ?? <span className="muted">{t('identity.notGiven')}</span>;
    return (
      <div className="identity identity--shown" ref={shownRef} tabIndex={-1} data-testid="identity">
        <p className="identity__audited" role="status">
          {t('identity.audited')}
        </p>
        {identity.anonymous || !person ? (
          <p>{identity.anonymous ? t('identity.anonymous') : t('identity.none')}</p>
        ) : (
          <dl className="facts">
            <dt>{t('identity.name')}</dt>
            <dd>{value(person.name)}</dd>
            <dt>{t('identity.nationalId')}</dt>
            <dd className="mono">{value(person.nationalId)}</dd>
            <dt>{t('identity.phone')}</dt>
            <dd>{value(person.phone)}</dd>
            <dt>{t('identity.email')}</dt>
            <dd>{value(person.email)}</dd>
            <dt>{t('identity.address')}</dt>
            <dd>{value(person.address)}</dd>
          </dl>
        )}
        {identity.title ? (
          <>
            <h3>{t('identity.originalTitle')}</h3>
            <p className="case-text">{identity.title}</p>
          </>
        ) : null}
        <h3>{t('identity.original')}</h3>
        <p className="case-text">{identity.description}</p>
        <button
          type="button"
          className="button button--ghost"
          onClick={() => {
            returnFocus.current = true;
            setIdentity(null);
          }}
        >
          {t('identity.hide')}
        </button>
      </div>
    );
  }

  if (detail.anonymous && !detail.complainant.present) return <p>{t('identity.anonymous')}</p>;
  if (!detail.complainant.present) return <p className="muted">{t('identity.none')}</p>;
  if (!detail.complainant.visible) return <p className="muted">{t('identity.notAllowed')}</p>;

  return (
    <div className="identity">
      <p>{t('identity.hidden')}</p>
      {step === 'hidden' ? (
        <button ref={showRef} type="button" className="button button--secondary" onClick={() => setStep('confirming')}>
          {t('identity.show')}
        </button>
      ) : (
        <div className="identity__warning" role="alertdialog" aria-labelledby="identity-warning">
          <p id="identity-warning">{t('identity.warning')}</p>
          {failure ? (
            <p className="field__error" role="alert">
              {failure}
            </p>
          ) : null}
          <div className="button-row">
            <button ref={confirmRef} type="button" className="button button--primary" disabled={step === 'revealing'} onClick={() => void reveal()}>
              {step === 'revealing' ? t('identity.revealing') : t('identity.confirm')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setStep('hidden')}>
              {t('common:actions.cancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
