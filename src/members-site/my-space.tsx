import { useLocation } from 'preact-iso/router';
import { useSite } from './site';
import { BASE } from './urls';

/** The pages of "My space": the member's own profile, skills and commitments. */
export const MY_SPACE = {
  profile: `${BASE}me`,
  skills: `${BASE}me/skills`,
  commitments: `${BASE}me/commitments`,
} as const;

/**
 * The navigation between the pages of "My space", at the top of each of them: the current page is
 * marked with aria-current (and shown as such by more than colour, see search.css).
 */
export const MySpaceNav = () => {
  const { t } = useSite();
  const { path } = useLocation();
  const current = path.replace(/\/+$/, '');
  const link = (href: string, label: string) => (
    <li>
      <a href={href} aria-current={current === href ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <nav class="my-space-nav" id="my-space-nav" aria-label={t('mySpace.label')}>
      <ul>
        {link(MY_SPACE.profile, t('mySpace.profile'))}
        {link(MY_SPACE.skills, t('mySpace.skills'))}
        {link(MY_SPACE.commitments, t('mySpace.commitments'))}
      </ul>
    </nav>
  );
};
