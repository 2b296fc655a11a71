/** The options of the staff console's <select>s: each value with its label; category and channel lists with a first "none" option. */
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../shared/case-model.ts';
import type { Category } from '../api/types.ts';

/** Every category, sub-categories marked with a dash; `empty` names the choice of none. */
export function CategoryOptions({ categories, empty }: { categories: readonly Category[]; empty: string }) {
  const { i18n } = useTranslation(['staff', 'common']);
  return (
    <>
      <option value="">{empty}</option>
      {categories.map((category) => (
        <option key={category.code} value={category.code}>
          {category.parentCode ? '— ' : ''}
          {i18n.language === 'th' ? category.nameTh : category.nameEn}
        </option>
      ))}
    </>
  );
}

/** An option for each value, as `label` names it. */
export function LabelledOptions<T extends string>({ values, label }: { values: readonly T[]; label: (value: T) => string }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {label(value)}
        </option>
      ))}
    </>
  );
}

/** The channels given; `empty`, when given, names a first choice of none. */
export function ChannelOptions({ channels, empty }: { channels: readonly Channel[]; empty?: string }) {
  const { t } = useTranslation(['staff', 'common']);
  return (
    <>
      {empty === undefined ? null : <option value="">{empty}</option>}
      <LabelledOptions values={channels} label={(channel) => t(`common:channel.${channel}`)} />
    </>
  );
}
