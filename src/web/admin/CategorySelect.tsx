/** A select of the complaint categories, grouped under their parents, sensitive ones marked. */
import { useTranslation } from 'react-i18next';
import type { Category } from '../api/types.ts';
import { localName } from './ui.tsx';

export interface CategorySelectProps {
  id: string;
  categories: readonly Category[];
  value: string;
  onChange: (code: string) => void;
  /** The label of the empty choice ("any category", "choose…"). */
  emptyLabel: string;
  describedBy?: string | undefined;
  invalid?: boolean;
  disabled?: boolean;
}

export function CategorySelect({ id, categories, value, onChange, emptyLabel, describedBy, invalid, disabled }: CategorySelectProps) {
  const { t, i18n } = useTranslation('admin');
  const label = (category: Category) => {
    const name = localName(category, i18n.language);
    return category.sensitive ? t('rules.sensitiveMark', { name }) : name;
  };
  const roots = categories.filter((category) => !category.parentCode || !categories.some((parent) => parent.code === category.parentCode));
  const rootCodes = new Set(roots.map((root) => root.code));
  // Deeper levels (the seed has two) are listed after the groups rather than lost.
  const deeper = categories.filter((category) => !rootCodes.has(category.code) && !rootCodes.has(category.parentCode ?? ''));
  return (
    <select id={id} aria-describedby={describedBy} aria-invalid={invalid} disabled={disabled} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{emptyLabel}</option>
      {roots.map((root) => {
        const children = categories.filter((category) => category.parentCode === root.code);
        if (children.length === 0) {
          return (
            <option key={root.code} value={root.code}>
              {label(root)}
            </option>
          );
        }
        return (
          <optgroup key={root.code} label={localName(root, i18n.language)}>
            <option value={root.code}>{label(root)}</option>
            {children.map((child) => (
              <option key={child.code} value={child.code}>
                {label(child)}
              </option>
            ))}
          </optgroup>
        );
      })}
      {deeper.map((category) => (
        <option key={category.code} value={category.code}>
          {label(category)}
        </option>
      ))}
    </select>
  );
}

/** A category's name by code, the code itself when unknown. */
export function categoryName(categories: readonly Category[] | undefined, code: string | null, language: string): string | null {
  if (code === null) return null;
  const category = categories?.find((item) => item.code === code);
  return category ? localName(category, language) : code;
}
