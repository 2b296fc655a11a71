/** The options of the staff console's category and channel <select>s: a first "none" option, then each choice in the reader's language. */
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

/** The channels given; `empty` names the choice of none. */
export function ChannelOptions({ channels, empty }: { channels: readonly Channel[]; empty: string }) {
  const { t } = useTranslation(['staff', 'common']);
  return (
    <>
      <option value="">{empty}</option>
      {channels.map((channel) => (
        <option key={channel} value={channel}>
          {t(`common:channel.${channel}`)}
        </option>
      ))}
    </>
  );
}
