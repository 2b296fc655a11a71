/** ยื่นเรื่องร้องเรียน: the citizen's filing form, ending on the receipt. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { apiRequest } from '../api/client.ts';
import { useUploadLimits } from '../api/reference.ts';
import type { Receipt } from '../api/types.ts';
import { ComplaintFields } from '../components/ComplaintFields.tsx';
import { fileLabels } from '../components/FileField.tsx';
import { ErrorSummary } from '../components/form.tsx';
import { useProblemText, useSubmission } from '../components/use-form-errors.ts';
import { checkComplaint, complaintBody, EMPTY_COMPLAINT, type ComplaintFormValues } from './complaint-form.ts';
import { rememberReceipt } from './visit.ts';

export function FilePage() {
  const { t, i18n } = useTranslation(['citizen', 'common']);
  const [, navigate] = useLocation();
  const [values, setValues] = useState<ComplaintFormValues>({ ...EMPTY_COMPLAINT, contactLanguage: i18n.language === 'en' ? 'en' : 'th' });
  const [files, setFiles] = useState<File[]>([]);
  const { sending, failure, fail, submit: send } = useSubmission();
  const problemText = useProblemText();
  const uploadLimits = useUploadLimits();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = checkComplaint(values, files, uploadLimits);
    if (Object.keys(problems).length > 0) return fail(problemText(problems), t('common:errors.fixFields'));
    await send(async () => {
      const receipt = await apiRequest<Omit<Receipt, 'id'>>('/api/v1/public/complaints', { body: { ...complaintBody(values), channel: 'web' }, files });
      rememberReceipt(receipt);
      navigate('/receipt');
    });
  };

  return (
    <div>
      <h1>{t('file.heading')}</h1>
      <p className="lead">{t('file.lead')}</p>
      <ErrorSummary message={failure.message} errors={failure.fields} labels={fieldLabels(t)} />
      <form onSubmit={(event) => void submit(event)} noValidate aria-describedby="pdpa-notice">
        <ComplaintFields values={values} setValues={setValues} files={files} setFiles={setFiles} errors={failure.fields} uploadLimits={uploadLimits} />
        <PdpaNotice />
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={sending}>
            {sending ? t('file.sending') : t('file.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** ประกาศความเป็นส่วนตัว: what is kept, why, who sees it, for how long, the complainant's rights. */
export function PdpaNotice() {
  const { t } = useTranslation(['citizen', 'common']);
  return (
    <section id="pdpa-notice" className="notice" aria-labelledby="pdpa-title">
      <h2 id="pdpa-title">{t('pdpa.title')}</h2>
      <ul>
        <li>{t('pdpa.what')}</li>
        <li>{t('pdpa.why')}</li>
        <li>{t('pdpa.who')}</li>
        <li>{t('pdpa.confidential')}</li>
        <li>{t('pdpa.keep')}</li>
        <li>{t('pdpa.rights')}</li>
      </ul>
    </section>
  );
}

export function fieldLabels(t: (key: never) => string): Record<string, string> {
  const label = (key: string) => t(`citizen:${key}` as never);
  return {
    categoryCode: label('file.categoryLegend'),
    title: label('file.title'),
    description: label('file.description'),
    'location.provinceCode': label('file.province'),
    'location.districtCode': label('file.district'),
    'location.subdistrictCode': label('file.subdistrict'),
    'location.address': label('file.address'),
    'complainant.name': label('file.name'),
    'complainant.phone': label('file.phone'),
    'complainant.email': label('file.email'),
    'complainant.nationalId': label('file.nationalId'),
    'complainant.address': label('file.postalAddress'),
    ...fileLabels(label('file.files'), 20),
  };
}
