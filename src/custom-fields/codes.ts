import countries from 'i18n-iso-countries';
import ISO6391 from 'iso-639-1';

/** Bodies accepted as a jurisdiction besides countries: the EU, the Council of Europe and the UN. */
export const JURISDICTION_BODIES = ['EU', 'CoE', 'UN'] as const;

export const COUNTRY_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort();
export const LANGUAGE_CODES: readonly string[] = [...ISO6391.getAllCodes()].sort();

export const isCountryCode = (value: unknown): value is string => typeof value === 'string' && /^[A-Z]{2}$/.test(value) && countries.isValid(value);

export const isLanguageCode = (value: unknown): value is string => typeof value === 'string' && /^[a-z]{2}$/.test(value) && ISO6391.validate(value);

export const isJurisdiction = (value: unknown): value is string => isCountryCode(value) || (JURISDICTION_BODIES as readonly unknown[]).includes(value);

export const languageName = (code: string) => ISO6391.getName(code);
export const languageNativeName = (code: string) => ISO6391.getNativeName(code);
