import type { ReactNode } from 'react';
import { Field, MultiSelect, MultiSelectOption, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useField } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { COUNTRY_CODES, JURISDICTION_BODIES, LANGUAGE_CODES, languageNativeName } from '../../custom-fields/codes';
import { findCodeField } from '../../custom-fields/definitions';

type Props = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  attribute: { customField: string };
};

const BODY_NAMES: Record<(typeof JURISDICTION_BODIES)[number], string> = {
  EU: 'European Union (EU)',
  CoE: 'Council of Europe (CoE)',
  UN: 'United Nations (UN)',
};

/** Code lists for editors: names in the editor's language, codes stored (see custom-fields/definitions). */
const useOptions = (fieldName: string) => {
  const { locale } = useIntl();
  const regions = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
  const languages = new Intl.DisplayNames([locale, 'en'], { type: 'language' });
  const countries = COUNTRY_CODES.map((code) => ({ value: code, label: `${regions.of(code) ?? code} (${code})` }));
  switch (fieldName) {
    case 'language-list':
      return LANGUAGE_CODES.map((code) => ({ value: code, label: `${languages.of(code) ?? code} · ${languageNativeName(code)} (${code})` }));
    case 'jurisdiction':
      return [...JURISDICTION_BODIES.map((code) => ({ value: code, label: BODY_NAMES[code] })), ...countries];
    default:
      return countries;
  }
};

export const CodeInput = ({ name, label, hint, required, disabled, attribute }: Props) => {
  const field = useField(name);
  const definition = findCodeField(attribute.customField);
  const options = useOptions(definition?.name ?? 'country');
  const error = typeof field.error === 'string' ? field.error : undefined;

  return (
    <Field.Root name={name} hint={hint} error={error} required={required}>
      <Field.Label>{label}</Field.Label>
      {definition?.multiple ? (
        <MultiSelect
          value={Array.isArray(field.value) ? (field.value as string[]) : []}
          onChange={(value: string[]) => field.onChange(name, value)}
          onClear={() => field.onChange(name, [])}
          disabled={disabled}
          withTags
        >
          {options.map((option) => (
            <MultiSelectOption key={option.value} value={option.value}>
              {option.label}
            </MultiSelectOption>
          ))}
        </MultiSelect>
      ) : (
        <SingleSelect
          value={typeof field.value === 'string' ? field.value : undefined}
          onChange={(value: string | number) => field.onChange(name, String(value))}
          onClear={() => field.onChange(name, null)}
          disabled={disabled}
        >
          {options.map((option) => (
            <SingleSelectOption key={option.value} value={option.value}>
              {option.label}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      )}
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};
