import { useRoute } from 'preact-iso/router';
import { Page } from '../components';
import { MemberContact } from '../contact';
import { countryName, DocumentPage, Facts, LanguageSwitch, useDocument } from '../document-parts';
import { languageName } from '../i18n';
import { useSite } from '../site';
import { documentUrl } from '../urls';

export type Member = {
  documentId: string;
  locale: string;
  displayName: string;
  countries: string[] | null;
  languages: string[] | null;
  openToQuestions: boolean | null;
  canMentor: boolean | null;
  bio: string | null;
  organisation: { documentId: string; name: string } | null;
};

const POPULATE = { populate: { organisation: { fields: ['name'] } } };

const MemberView = ({ member, locales }: { member: Member; locales: string[] }) => {
  const { t, language } = useSite();
  const lang = member.locale;
  const availability = [member.openToQuestions && t('member.openToQuestions'), member.canMentor && t('member.canMentor')].filter((text): text is string =>
    Boolean(text),
  );
  return (
    <Page title={member.displayName}>
      <article id="member" class="document">
        <Facts
          items={[
            [
              t('member.organisation'),
              member.organisation && (
                <a href={documentUrl('organisation', member.organisation.documentId, lang) ?? '#'} lang={lang}>
                  {member.organisation.name}
                </a>
              ),
            ],
            [t('document.countries'), (member.countries ?? []).map((code) => countryName(code, language))],
            [t('member.languages'), (member.languages ?? []).map((code) => languageName(code, language))],
            [t('member.availability'), availability],
          ]}
        />
        {member.bio && (
          <p class="description" lang={lang}>
            {member.bio}
          </p>
        )}
      </article>
      <MemberContact person={member} />
      <LanguageSwitch type="member" documentId={member.documentId} locales={locales} current={lang} />
    </Page>
  );
};

/**
 * A member's profile, as far as the caller may see it: public profiles for everyone, members'
 * profiles for members; a hidden profile has no page (the API answers as if it did not exist).
 */
export const MemberPage = () => {
  const { t } = useSite();
  const { params, query } = useRoute();
  const loaded = useDocument<Member>('members', params.id, query.locale, POPULATE);
  return (
    <DocumentPage loaded={loaded} title={t('member.title')}>
      {({ shown, locales }) => <MemberView member={shown} locales={locales} />}
    </DocumentPage>
  );
};
