/**
 * The fields of a complaint, shared by the citizen's filing page and the staff intake form:
 * category (with search), what happened, where (province → district → subdistrict, address,
 * the device's position), files, who is complaining (or anonymous) and confidentiality.
 */
import { useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchCategories, fetchDistricts, fetchProvinces, fetchSubdistricts, useList } from '../api/reference.ts';
import type { AdminArea } from '../api/types.ts';
import { DESCRIPTION_MAX, FIELD_MAX, filterCategories, megabytes, type ComplaintFormValues, type UploadLimits } from '../citizen/complaint-form.ts';
import { DistrictMap } from './DistrictMap.tsx';
import { FileField } from './FileField.tsx';
import { Field } from './form.tsx';

export interface ComplaintFieldsProps {
  values: ComplaintFormValues;
  setValues: Dispatch<SetStateAction<ComplaintFormValues>>;
  files: File[];
  setFiles: (files: File[]) => void;
  /** Field path → message already translated. */
  errors: Record<string, string>;
  /** The server's limits on files (GET /api/v1/public/settings); undefined until they have come. */
  uploadLimits: UploadLimits | undefined;
  /**
   * Staff intake: the complainant's national ID and postal address too, so that a complaint that
   * came by letter (ร้องเรียนทางไปรษณีย์) can be answered by post; the complainant named in the
   * third person; and no "use this device's position" (the officer's desk is not where it happened).
   */
  staffIntake?: boolean;
}

const ALL = 'all';

export function ComplaintFields({ values, setValues, files, setFiles, errors, uploadLimits, staffIntake = false }: ComplaintFieldsProps) {
  const { t, i18n } = useTranslation('citizen');
  const set = <K extends keyof ComplaintFormValues>(key: K, value: ComplaintFormValues[K]) => setValues((previous) => ({ ...previous, [key]: value }));
  const name = (item: { nameTh: string; nameEn: string }) => (i18n.language === 'th' ? item.nameTh : item.nameEn);
  const categories = useList(ALL, fetchCategories);
  const provinces = useList(ALL, fetchProvinces);
  const districts = useList(values.provinceCode, fetchDistricts);
  const subdistricts = useList(values.districtCode, fetchSubdistricts);
  const [categoryQuery, setCategoryQuery] = useState('');
  const [positionState, setPositionState] = useState<'idle' | 'locating' | 'failed'>('idle');

  const shownCategories = useMemo(() => filterCategories(categories.items, categoryQuery), [categories.items, categoryQuery]);

  const locate = () => {
    if (!('geolocation' in navigator)) return setPositionState('failed');
    setPositionState('locating');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        set('position', { lat: Number(position.coords.latitude.toFixed(6)), lon: Number(position.coords.longitude.toFixed(6)) });
        setPositionState('idle');
      },
      () => setPositionState('failed'),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  return (
    <>
      <fieldset className="form-section" data-field="categoryCode">
        <legend>{t('file.categoryLegend')}</legend>
        <Field label={t('file.categorySearch')} hint={t('file.categoryHint')}>
          {({ id, describedBy }) => (
            <input id={id} type="search" aria-describedby={describedBy} value={categoryQuery} onChange={(event) => setCategoryQuery(event.target.value)} autoComplete="off" />
          )}
        </Field>
        {errors.categoryCode ? (
          <p className="field__error" role="alert">
            {errors.categoryCode}
          </p>
        ) : null}
        <div className="choice-list" role="radiogroup" aria-label={t('file.categoryLegend')}>
          <label className="choice-list__item">
            <input type="radio" name="categoryCode" value="" checked={values.categoryCode === ''} onChange={() => set('categoryCode', '')} />
            <span>{t('file.categoryUnsure')}</span>
          </label>
          {shownCategories.map((category) => (
            <label key={category.code} className="choice-list__item">
              <input type="radio" name="categoryCode" value={category.code} checked={values.categoryCode === category.code} onChange={() => set('categoryCode', category.code)} />
              <span>{name(category)}</span>
            </label>
          ))}
          {categoryQuery && shownCategories.length === 0 ? <p className="muted">{t('file.categoryNone')}</p> : null}
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('file.detailsLegend')}</legend>
        <Field label={t('file.title')} hint={t('file.titleHint')} error={errors.title} name="title">
          {({ id, describedBy, invalid }) => (
            <input id={id} type="text" maxLength={FIELD_MAX.title} aria-describedby={describedBy} aria-invalid={invalid} value={values.title} onChange={(event) => set('title', event.target.value)} />
          )}
        </Field>
        <Field label={t('file.description')} hint={t('file.descriptionHint')} error={errors.description} required name="description">
          {({ id, describedBy, invalid }) => (
            <>
              <textarea
                id={id}
                rows={6}
                required
                aria-required="true"
                maxLength={DESCRIPTION_MAX}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                value={values.description}
                onChange={(event) => set('description', event.target.value)}
              />
              <p className="field__counter" aria-live="polite">
                {t('file.characters', { count: values.description.length, max: DESCRIPTION_MAX })}
              </p>
            </>
          )}
        </Field>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('file.whereLegend')}</legend>
        <div className="field-row field-row--controls">
          <Field label={t('file.province')} error={errors['location.provinceCode']} name="location.provinceCode">
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                value={values.provinceCode}
                onChange={(event) => setValues((previous) => ({ ...previous, provinceCode: event.target.value, districtCode: '', subdistrictCode: '' }))}
              >
                <option value="">{t('file.choose')}</option>
                {sortedAreas(provinces.items, name).map((area) => (
                  <option key={area.code} value={area.code}>
                    {name(area)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('file.district')} error={errors['location.districtCode']} name="location.districtCode">
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                value={values.districtCode}
                disabled={!values.provinceCode}
                onChange={(event) => setValues((previous) => ({ ...previous, districtCode: event.target.value, subdistrictCode: '' }))}
              >
                <option value="">{t('file.choose')}</option>
                {sortedAreas(districts.items, name).map((area) => (
                  <option key={area.code} value={area.code}>
                    {name(area)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('file.subdistrict')} error={errors['location.subdistrictCode']} name="location.subdistrictCode">
            {({ id, describedBy, invalid }) => (
              <select id={id} aria-describedby={describedBy} aria-invalid={invalid} value={values.subdistrictCode} disabled={!values.districtCode} onChange={(event) => set('subdistrictCode', event.target.value)}>
                <option value="">{t('file.choose')}</option>
                {sortedAreas(subdistricts.items, name).map((area) => (
                  <option key={area.code} value={area.code}>
                    {name(area)}
                    {area.postcode ? ` ${area.postcode}` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {provinces.failed ? <p className="field__error">{t('file.areasFailed')}</p> : null}
        <Field label={t('file.address')} hint={t('file.addressHint')} error={errors['location.address']} name="location.address">
          {({ id, describedBy, invalid }) => (
            <textarea id={id} rows={2} maxLength={FIELD_MAX.address} aria-describedby={describedBy} aria-invalid={invalid} value={values.address} onChange={(event) => set('address', event.target.value)} />
          )}
        </Field>
        {values.districtCode ? (
          <DistrictMap districtCode={values.districtCode} value={values.position} onChange={(position) => set('position', position)} label={t('map.heading')} />
        ) : null}
        {staffIntake ? null : (
          <div className="position">
            {values.position && !values.districtCode ? (
              <p>
                {t('file.positionSet', { lat: values.position.lat, lon: values.position.lon })}{' '}
                <button type="button" className="button button--link" onClick={() => set('position', null)}>
                  {t('file.positionRemove')}
                </button>
              </p>
            ) : (
              <button type="button" className="button button--secondary" onClick={locate} disabled={positionState === 'locating'}>
                {positionState === 'locating' ? t('file.positionLocating') : t('file.positionUse')}
              </button>
            )}
            {positionState === 'failed' ? (
              <p className="field__error" role="alert">
                {t('file.positionFailed')}
              </p>
            ) : null}
          </div>
        )}
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('file.filesLegend')}</legend>
        <FileField label={t('file.files')} hint={uploadLimits ? t('file.filesHint', { max: uploadLimits.maxFiles, size: megabytes(uploadLimits.maxFileBytes) }) : t('file.filesTypesHint')} files={files} setFiles={setFiles} errors={errors} />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('file.whoLegend')}</legend>
        <label className="check">
          <input type="checkbox" checked={values.anonymous} onChange={(event) => set('anonymous', event.target.checked)} />
          <span>{t('file.anonymous')}</span>
        </label>
        {values.anonymous ? (
          <p className="muted">{staffIntake ? t('file.staffIntake.anonymousNote') : t('file.anonymousNote')}</p>
        ) : (
          <>
            <Field label={t('file.name')} error={errors['complainant.name']} name="complainant.name">
              {({ id, describedBy, invalid }) => (
                <input id={id} type="text" autoComplete="name" maxLength={FIELD_MAX.name} aria-describedby={describedBy} aria-invalid={invalid} value={values.name} onChange={(event) => set('name', event.target.value)} />
              )}
            </Field>
            <div className="field-row field-row--controls">
              <Field label={t('file.phone')} error={errors['complainant.phone']} name="complainant.phone">
                {({ id, describedBy, invalid }) => (
                  <input id={id} type="tel" autoComplete="tel" inputMode="tel" maxLength={FIELD_MAX.phone} aria-describedby={describedBy} aria-invalid={invalid} value={values.phone} onChange={(event) => set('phone', event.target.value)} />
                )}
              </Field>
              <Field label={t('file.email')} hint={t('file.emailHint')} error={errors['complainant.email']} name="complainant.email">
                {({ id, describedBy, invalid }) => (
                  <input id={id} type="email" autoComplete="email" maxLength={FIELD_MAX.email} aria-describedby={describedBy} aria-invalid={invalid} value={values.email} onChange={(event) => set('email', event.target.value)} />
                )}
              </Field>
            </div>
            {staffIntake ? (
              <>
                <Field label={t('file.nationalId')} hint={t('file.nationalIdHint')} error={errors['complainant.nationalId']} name="complainant.nationalId">
                  {({ id, describedBy, invalid }) => (
                    <input id={id} type="text" inputMode="numeric" autoComplete="off" maxLength={FIELD_MAX.nationalId} aria-describedby={describedBy} aria-invalid={invalid} value={values.nationalId} onChange={(event) => set('nationalId', event.target.value)} />
                  )}
                </Field>
                <Field label={t('file.postalAddress')} hint={t('file.postalAddressHint')} error={errors['complainant.address']} name="complainant.address">
                  {({ id, describedBy, invalid }) => (
                    <textarea id={id} rows={3} autoComplete="street-address" maxLength={FIELD_MAX.postalAddress} aria-describedby={describedBy} aria-invalid={invalid} value={values.postalAddress} onChange={(event) => set('postalAddress', event.target.value)} />
                  )}
                </Field>
              </>
            ) : null}
            <Field label={t('file.contactLanguage')} name="complainant.language">
              {({ id, describedBy }) => (
                <select id={id} aria-describedby={describedBy} value={values.contactLanguage} onChange={(event) => set('contactLanguage', event.target.value === 'en' ? 'en' : 'th')}>
                  <option value="th">ไทย</option>
                  <option value="en">English</option>
                </select>
              )}
            </Field>
          </>
        )}
        <label className="check">
          <input type="checkbox" checked={values.confidential} onChange={(event) => set('confidential', event.target.checked)} />
          <span>{staffIntake ? t('file.staffIntake.confidential') : t('file.confidential')}</span>
        </label>
        <p className="muted">{t('file.confidentialNote')}</p>
      </fieldset>
    </>
  );
}

function sortedAreas(areas: readonly AdminArea[], name: (area: AdminArea) => string): AdminArea[] {
  return [...areas].sort((a, b) => name(a).localeCompare(name(b), 'th'));
}
